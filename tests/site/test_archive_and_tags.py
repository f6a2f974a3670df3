"""The archive and tag pages: live articles, newest first, twenty to a page."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.builders import make_article, make_author, make_dossier

from . import reading
from .builders import NOT_LIVE, make_hidden_article

pytestmark = pytest.mark.django_db


def test_archive_lists_live_articles_newest_first(client):
    now = timezone.now()
    make_article(headline="Older piece", published_at=now - timedelta(days=2))
    make_article(headline="Newer piece", published_at=now - timedelta(days=1))
    text = reading.text(client.get(reverse("articles:archive")))
    assert text.index("Newer piece") < text.index("Older piece")


def test_archive_cards_show_kind_headline_standfirst_byline_and_date(client):
    article = make_article(headline="A headline", standfirst="A standfirst.", kind="analysis")
    day = f"{article.published_at.day} {article.published_at:%B %Y}"
    author = article.bylines.get().author.name
    text = reading.text(client.get(reverse("articles:archive")))
    assert f"Analysis A headline A standfirst. By {author} · {day}" in text


def test_archive_pages_link_each_other(client):
    for _ in range(25):
        make_article()
    first = client.get(reverse("articles:archive"))
    second = client.get(reverse("articles:archive") + "?page=2")
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert 'rel="prev" href="?page=1"' in second.content.decode()
    assert reading.text(second).count("Headline") == 5


def test_archive_pages_list_every_live_article_once_newest_first(client):
    same_time = timezone.now() - timedelta(days=1)
    made = [make_article(published_at=same_time) for _ in range(12)]
    made += [make_article() for _ in range(13)]
    expected = sorted(made, key=lambda a: (a.published_at, a.pk), reverse=True)
    pages = [client.get(reverse("articles:archive") + f"?page={n}") for n in (1, 2)]
    shown = [h for page in pages for h in re.findall(r"Headline \d+", reading.text(page))]
    assert shown == [article.headline for article in expected]


def test_second_page_has_its_own_canonical_and_title(client, settings):
    for _ in range(21):
        make_article()
    response = client.get(reverse("articles:archive") + "?page=2")
    assert reading.canonical(response) == f"{settings.SITE_URL}/articles/?page=2"
    assert "All articles (page 2 of 2)" in response.content.decode()


@pytest.mark.parametrize("state", NOT_LIVE)
def test_hidden_articles_never_show_in_the_archive(client, state):
    make_article()
    hidden = make_hidden_article(state)
    assert hidden.headline not in reading.text(client.get(reverse("articles:archive")))


def test_tag_page_lists_live_articles_with_the_tag(client):
    make_article(headline="Tagged piece", tags=["Energy"])
    make_article(headline="Other piece", tags=["Sport"])
    response = client.get(reverse("tags:detail", kwargs={"slug": "energy"}))
    text = reading.text(response)
    assert "Topic Energy" in text
    assert "Tagged piece" in text
    assert "Other piece" not in text


def test_tag_page_takes_unicode_slugs(client):
    make_article(headline="Tagged piece", tags=["Türkiye"])
    assert "Tagged piece" in reading.text(client.get("/tags/türkiye/"))


@pytest.mark.parametrize("state", NOT_LIVE)
def test_tag_only_on_hidden_articles_is_404(client, state):
    hidden = make_hidden_article(state)
    hidden.tags.set(["Secret plans"])
    assert client.get("/tags/secret-plans/").status_code == 404


def test_unknown_tag_is_404(client):
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_tag_page_shows_follow_links(client):
    make_article(tags=["Energy"])
    assert 'class="follow"' in client.get("/tags/energy/").content.decode()


def test_list_structured_data_is_a_collection_page(client):
    make_article()
    types = reading.jsonld_types(client.get(reverse("articles:archive")))
    assert types == ["CollectionPage", "BreadcrumbList"]


@pytest.mark.parametrize("n", [1, 30])
def test_archive_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        make_article(authors=[make_author(), make_author()], tags=["a", "b"])
    # count, the page's ids, its articles, their bylines
    with django_assert_num_queries(4):
        assert client.get(reverse("articles:archive")).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_tag_page_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        make_article(authors=[make_author(), make_author()], tags=["energy", "b"])
    # tag, count, the page's ids, its articles, their bylines
    with django_assert_num_queries(5):
        assert client.get("/tags/energy/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/", "/articles/", "/tags/energy/", "/authors/ana/", "/dossiers/water/"]
)
def test_lists_do_not_read_the_bodies_of_their_articles(client, path):
    """A card shows no body, and each is kilobytes read and unpacked from TOAST."""
    author = make_author(slug="ana")
    filed = make_article(tags=["energy"], authors=[author], body="<p>A long body.</p>")
    make_article(tags=["energy"], body="<p>Related coverage.</p>")
    make_dossier(articles=[filed], slug="water")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    selects = [q["sql"] for q in captured.captured_queries if "articles_article" in q["sql"]]
    assert selects and not any('"articles_article"."body"' in sql for sql in selects)
