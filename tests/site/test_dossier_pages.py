"""Dossier pages: the public index and one dossier with its timeline, terms and articles."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dossiers import reading as dossier_reading
from dossiers.services import dossier_add
from tests.builders import make_article, make_author, make_dossier

from . import reading
from .builders import NOT_LIVE, make_event, make_hidden_article, make_key_term

pytestmark = pytest.mark.django_db

SEED = "/dossiers/caucasus-connectivity/"


@pytest.fixture
def seed_page(seed, client):
    return client.get(SEED)


def test_seed_dossier_shows_standfirst_and_introduction(seed_page):
    text = reading.text(seed_page)
    assert "Dossier Caucasus connectivity The Armenia–Azerbaijan peace process" in text
    assert "For three decades the conflict between Armenia and Azerbaijan" in text


def test_seed_dossier_shows_its_article_with_the_editors_note(seed_page):
    text = reading.text(seed_page)
    assert "Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process" in text
    assert "Editor’s note How Kazakhstan helped carry the talks" in text


def test_seed_timeline_shows_dates_at_their_precision(seed_page):
    text = reading.text(seed_page)
    dates = ["10–11 May 2024", "2024", "10 July 2025", "8 August 2025"]
    positions = [text.index(f"{day} ", text.index("Timeline")) for day in dates]
    assert positions == sorted(positions)


def test_seed_key_terms_have_anchors(seed_page):
    html = seed_page.content.decode()
    assert 'id="term-trans-caspian-international-transport-route"' in html
    assert "Also: Trans-Caspian International Transportation Route; Middle Corridor; TITR" in (
        reading.text(seed_page)
    )


def test_sections_in_the_order_look_md_gives(seed_page):
    text = reading.text(seed_page)
    parts = ["For three decades", "Timeline", "Key terms", "Read the dossier"]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)


def test_dossier_structured_data_is_a_collection_page(seed_page, settings):
    collection, crumbs = reading.jsonld(seed_page)
    assert collection["@type"] == "CollectionPage"
    assert collection["url"] == f"{settings.SITE_URL}{SEED}"
    assert collection["mainEntity"]["itemListElement"][0]["name"].startswith("Kazakhstan’s")
    assert crumbs["@type"] == "BreadcrumbList"


def test_curated_articles_are_numbered_in_the_editors_order(client):
    second, first = make_article(headline="Second piece"), make_article(headline="First piece")
    dossier = make_dossier(articles=[first, second])
    html = client.get(dossier.get_absolute_url()).content.decode()
    assert '<ol class="entries">' in html
    assert html.index("First piece") < html.index("Second piece")


@pytest.mark.parametrize("state", NOT_LIVE)
def test_hidden_articles_never_show(client, state):
    hidden = make_hidden_article(state)
    dossier = make_dossier(articles=[make_article(), hidden])
    make_event(dossier, title="Event", article=hidden)
    text = reading.text(client.get(dossier.get_absolute_url()))
    assert hidden.headline not in text
    assert "Event" in text


def test_timeline_links_a_live_article(client):
    article = make_article(headline="The story")
    dossier = make_dossier()
    make_event(dossier, title="It happened", article=article, precision="month")
    response = client.get(dossier.get_absolute_url())
    assert "July 2025 It happened Read: The story" in reading.text(response)


def test_related_coverage_shares_tags_and_is_not_in_the_dossier(client):
    inside = make_article(tags=["energy"], headline="Inside piece")
    related = make_article(tags=["energy"], headline="Related piece")
    make_article(tags=["sport"], headline="Unrelated piece")
    hidden = make_hidden_article("draft", headline="Hidden related piece")
    hidden.tags.set(["energy"])
    dossier = make_dossier(articles=[inside])
    text = reading.text(client.get(dossier.get_absolute_url()))
    related_part = text[text.index("Related coverage") :]
    assert related.headline in related_part
    assert inside.headline not in related_part
    assert "Unrelated piece" not in text
    assert "Hidden related piece" not in text


def _related_headlines(client, dossier) -> list[str]:
    page = client.get(dossier.get_absolute_url()).content.decode()
    if 'id="related-heading"' not in page:
        return []
    part = page[page.index('id="related-heading"') :]
    return re.findall(r"<h3[^>]*>\s*<a[^>]*>([^<]+)</a>", part)


def test_related_coverage_puts_more_shared_tags_first_then_newer(client):
    inside = make_article(tags=["energy", "grids"])
    older_both = make_article(tags=["energy", "grids"], headline="Older, both tags",
                              published_at=timezone.now() - timedelta(days=30))  # fmt: skip
    newer_one = make_article(tags=["energy"], headline="Newer, one tag",
                             published_at=timezone.now() - timedelta(days=1))  # fmt: skip
    newest_one = make_article(tags=["grids"], headline="Newest, one tag",
                              published_at=timezone.now() - timedelta(hours=1))  # fmt: skip
    dossier = make_dossier(articles=[inside])
    assert _related_headlines(client, dossier) == [
        older_both.headline, newest_one.headline, newer_one.headline
    ]  # fmt: skip


def test_related_coverage_looks_at_the_newest_under_a_broad_tag(client, monkeypatch):
    monkeypatch.setattr(dossier_reading, "PER_TAG", 2)
    day = timedelta(days=1)
    for i in range(4):
        when = timezone.now() - (10 - i) * day
        make_article(tags=["economy"], headline=f"Economy piece {i}", published_at=when)
    dossier = make_dossier(articles=[make_article(tags=["economy"])])
    # Only the two filed last are looked at: the earlier ones never show.
    assert _related_headlines(client, dossier) == ["Economy piece 3", "Economy piece 2"]


def test_related_coverage_is_not_crowded_out_by_drafts(client, monkeypatch):
    monkeypatch.setattr(dossier_reading, "PER_TAG", 2)
    make_article(tags=["economy"], headline="Live economy piece")
    for _ in range(3):  # filed later, not live
        make_hidden_article("draft").tags.set(["economy"])
    dossier = make_dossier(articles=[make_article(tags=["economy"])])
    assert _related_headlines(client, dossier) == ["Live economy piece"]


def test_private_dossier_is_404(client):
    dossier = make_dossier(is_public=False)
    assert client.get(dossier.get_absolute_url()).status_code == 404


def test_unknown_dossier_is_404(client):
    assert client.get("/dossiers/no-such-dossier/").status_code == 404


def test_index_lists_public_dossiers_with_live_counts(client):
    hidden = [make_hidden_article(state) for state in NOT_LIVE]
    make_dossier(title="Open one", articles=[make_article(), make_article(), *hidden])
    make_dossier(title="Quiet one", articles=[make_hidden_article("draft")])
    make_dossier(title="Closed one", is_public=False)
    page = client.get(reverse("dossiers:list")).content.decode()
    cards = dict(re.findall(r">(\w+ one)</a>(?:(?!</article>).)*?(\d+ articles?)<", page, re.S))
    assert cards == {"Open one": "2 articles", "Quiet one": "0 articles"}


def test_dossier_page_shows_follow_links(seed_page):
    assert 'href="http' in seed_page.content.decode().split('class="follow"')[1]


def _dossier_with(n):
    dossier = make_dossier()
    for i in range(n):
        article = make_article(authors=[make_author(), make_author()], tags=[f"t{i}"])
        dossier_add(dossier=dossier, article=article)
        make_article(tags=[f"t{i}"])  # related coverage
        make_event(dossier, date=date(2024, 1, 1 + i % 28), article=article)
        make_key_term(dossier, term=f"Term {i}")
    return dossier


@pytest.mark.parametrize("n", [1, 30])
def test_dossier_page_query_count_is_fixed(client, django_assert_num_queries, n):
    dossier = _dossier_with(n)
    # dossier, key terms, timeline, entries, their bylines; for related coverage, the
    # dossier's commonest tags, the articles sharing most of them, those articles and
    # their bylines
    with django_assert_num_queries(9):
        assert client.get(dossier.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_dossier_index_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        make_dossier(articles=[make_article()])
    with django_assert_num_queries(2):
        assert client.get(reverse("dossiers:list")).status_code == 200
