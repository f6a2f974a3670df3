"""Search finds live articles only, understands web-search syntax and never errors."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Kind, Status
from articles.search import (
    MAX_QUERY_LENGTH,
    Filters,
    best,
    clean_query,
    joined_words_as_phrases,
    matching,
    parse_query,
    refresh_search_vectors,
)
from tests.articles.searching import facet_counts, page_of_results
from tests.builders import make_article, make_author, make_dossier

pytestmark = pytest.mark.django_db
SEED_SLUG = "kazakhstans-role-in-the-armenia-azerbaijan-peace-process"


# Every state but live: nothing in one may ever be found.
NOT_LIVE = [
    {"status": Status.DRAFT},
    {"status": Status.REVIEW},
    {"status": Status.WITHDRAWN},
    {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(hours=1)},
]


def search(query, **filters):
    refresh_search_vectors()
    results = matching(Article.objects.live(), clean_query(query))
    return list(Filters(**filters).apply(results).values_list("slug", flat=True))


@pytest.mark.parametrize(
    "query", ["Minsk", "Mammadov", "Kazakhstan", "minsk process", "Astana Times"]
)
def test_seed_article_is_found_by_body_author_tag_and_source(seed, query):
    assert search(query) == [SEED_SLUG]


def test_tag_alone_finds_the_article():
    make_article(tags=["Water rights"], body="<p>Rivers.</p>", slug="tagged")
    assert search("water rights") == ["tagged"]


def test_phrase_must_occur_in_order():
    make_article(body="<p>The peace process stalled.</p>", slug="in-order")
    make_article(body="<p>The process of peace stalled.</p>", slug="other-order")
    assert search('"peace process"') == ["in-order"]


def test_exclusion_removes_matches():
    make_article(body="<p>Pipelines and railways.</p>", slug="both")
    make_article(body="<p>Pipelines alone.</p>", slug="pipes")
    assert search("pipelines -railways") == ["pipes"]


def test_or_widens():
    make_article(body="<p>Armenia.</p>", slug="am")
    make_article(body="<p>Georgia.</p>", slug="ge")
    make_article(body="<p>Iran.</p>", slug="ir")
    assert set(search("Armenia or Georgia")) == {"am", "ge"}


@pytest.mark.parametrize("state", NOT_LIVE)
def test_nothing_that_is_not_live_is_found(state):
    make_article(body="<p>Secret zeppelin plans.</p>", **state)
    assert search("zeppelin") == []


def test_headline_match_ranks_above_body_match(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ranking by field weight needs PostgreSQL full-text search")
    body_only = make_article(body="<p>Mentions the steppe once.</p>")
    headline = make_article(headline="The steppe", body="<p>Other words.</p>",
                            published_at=timezone.now() - timedelta(days=30))  # fmt: skip
    refresh_search_vectors()
    assert best("steppe", Filters()).ids == [headline.pk, body_only.pk]


def test_filters_narrow_and_facets_count():
    writer = make_author(name="Nino Beridze", slug="nino")
    opinion = make_article(kind=Kind.OPINION, authors=[writer], body="<p>Tbilisi metro.</p>")
    make_article(kind=Kind.ANALYSIS, body="<p>Tbilisi airport.</p>")
    dossier = make_dossier(articles=[opinion], slug="georgia")
    refresh_search_vectors()
    facets = facet_counts(best("Tbilisi", Filters()))
    assert {(key, n) for key, _, n in facets["kind"]} == {("opinion", 1), ("analysis", 1)}
    assert ("nino", "Nino Beridze", 1) in facets["author"]
    assert facets["dossier"] == [("georgia", dossier.title, 1)]
    assert sum(n for *_, n in facets["year"]) == 2
    assert search("Tbilisi", kind="opinion") == [opinion.slug]
    assert search("Tbilisi", author="nino") == [opinion.slug]
    assert search("Tbilisi", dossier="georgia") == [opinion.slug]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "-", "or", '""', "- or -", "\x00", "a\x00b", "x" * 10_000, "'; DROP TABLE x;--",
     "(((", "&&|!", "مرحبا 你好 Привет", "\ud800".encode("utf-8", "surrogatepass").decode(
         "utf-8", "replace")],
)  # fmt: skip
def test_bad_queries_never_error(seed, query):
    search(query)
    best(clean_query(query), Filters())


def test_words_of_the_markup_are_not_found_in_the_body():
    make_article(
        headline="A linked piece",
        body='<p><a href="https://example.org">Source</a>: Tom&nbsp;Smith &amp; Sons</p>',
    )
    assert best_slugs("href") == []
    assert best_slugs("example") == []  # on PostgreSQL a link's address is not text either
    assert best_slugs("nbsp") == best_slugs("amp") == best_slugs("MP") == []


def test_a_word_with_an_accented_capital_is_found_whatever_its_case():
    make_article(slug="uber", body="<p>Über die Grenzen.</p>")
    assert best_slugs("über") == ["uber"]


def test_an_ampersand_in_a_body_is_found_as_typed():
    make_article(slug="sons", body="<p>Smith &amp; Sons</p>")
    assert best_slugs('"Smith & Sons"') == ["sons"]


def test_query_is_cleaned_and_cut():
    assert clean_query("a\x00b\n c") == "a b c"
    assert len(clean_query("word " * 1000)) <= MAX_QUERY_LENGTH


def test_operator_only_query_is_empty():
    assert parse_query("- or -").is_empty
    assert parse_query('"" -x').is_empty
    assert parse_query('a or "b c" -d').groups == [["a", "b c"]]
    assert parse_query("??? –").is_empty  # no letter or digit to look for


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("peace-process", '"peace process"'),
        ("-peace-process talks", '-"peace process" talks'),
        ("Armenia–Azerbaijan or Georgia", '"Armenia Azerbaijan" or Georgia'),
        (
            '"co-operation treaty" -"Azerbaijan-Georgia"',
            '"co operation treaty" -"Azerbaijan Georgia"',
        ),
        ("2020-2021 G-7", "2020-2021 G-7"),  # numbers: PostgreSQL indexes them so itself
        ('"unclosed peace-process', '"unclosed peace-process'),
        ('a"b-c"d', 'a"b c"d'),
        ("-sanctions", "-sanctions"),
    ],
)
def test_words_joined_by_a_hyphen_are_searched_as_a_phrase(typed, searched):
    assert joined_words_as_phrases(typed) == searched


def test_snippet_marks_matches_and_escapes_text():
    article = make_article(body="<p>Before &lt;script&gt; the Minsk talks ended.</p>")
    (found,) = page_of_results([article.pk], "Minsk")
    snippet = found.snippet
    assert "<mark>Minsk</mark>" in snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_a_snippet_of_a_long_body_begins_and_ends_with_whole_words():
    words = " ".join(f"word{n}" for n in range(200))
    article = make_article(body=f"<p>{words} Minsk {words}</p>")
    (found,) = page_of_results([article.pk], "Minsk")
    inner = found.snippet.removeprefix("… ").removesuffix(" …")
    assert found.snippet.startswith("… ") and found.snippet.endswith(" …")
    assert all(re.fullmatch(r"word\d+|<mark>Minsk</mark>", w) for w in inner.split())


def test_control_characters_in_a_body_open_no_mark():
    article = make_article(body="<p>one \x03 two \x02 Minsk</p>")
    (found,) = page_of_results([article.pk], "Minsk")
    assert found.snippet.count("<mark>") == 1 and found.snippet.count("</mark>") == 1


def best_slugs(query, **filters):
    refresh_search_vectors()
    ids = best(query, Filters(**filters)).ids
    return [card.slug for card in page_of_results(ids, query)]


@pytest.mark.parametrize("state", NOT_LIVE)
def test_the_ranked_results_keep_to_the_live_rule(state):
    make_article(body="<p>Secret zeppelin plans.</p>", **state)
    live = make_article(body="<p>Public zeppelin plans.</p>")
    assert best_slugs("zeppelin") == [live.slug]


def test_best_narrows_like_the_filters_and_private_dossiers_stay_hidden():
    writer = make_author(name="Nino Beridze", slug="nino")
    opinion = make_article(kind=Kind.OPINION, authors=[writer], body="<p>Tbilisi metro.</p>",
                           published_at=timezone.now() - timedelta(days=800))  # fmt: skip
    analysis = make_article(kind=Kind.ANALYSIS, body="<p>Tbilisi airport.</p>")
    make_dossier(articles=[opinion], slug="georgia")
    make_dossier(articles=[analysis], slug="hidden", is_public=False)
    assert best_slugs("Tbilisi", kind="opinion") == [opinion.slug]
    assert best_slugs("Tbilisi", author="nino") == [opinion.slug]
    assert best_slugs("Tbilisi", dossier="georgia") == [opinion.slug]
    assert best_slugs("Tbilisi", dossier="hidden") == []
    assert best_slugs("Tbilisi", year=opinion.published_at.year) == [opinion.slug]
    facets = facet_counts(best("Tbilisi", Filters()))
    assert [slug for slug, *_ in facets["dossier"]] == ["georgia"]


def test_a_card_carries_what_the_card_partial_shows():
    writer = make_author(name="Nino Beridze")
    article = make_article(kind=Kind.OPINION, authors=[writer], body="<p>Tbilisi metro.</p>")
    refresh_search_vectors()
    (card,) = page_of_results([article.pk], "Tbilisi")
    assert card.get_absolute_url() == article.get_absolute_url()
    assert card.get_kind_display() == article.get_kind_display()
    assert [b.author.name for b in card.credited()] == ["Nino Beridze"]
    assert (card.headline, card.published_at) == (article.headline, article.published_at)
