"""The search page: finds live articles, narrows by facets, keeps its terms across pages."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.utils import timezone

from articles import search as search_module
from articles.models import Kind, Status
from articles.search import MAX_QUERY_LENGTH, refresh_search_vectors
from tests.builders import make_article, make_author
from tests.site.reading import text as page_text

pytestmark = pytest.mark.django_db
SEED_HEADLINE = "Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process"


def search(client, query="", **params):
    refresh_search_vectors()
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("query", ["Minsk", "Ibrahim Mammadov", "Kazakhstan"])
def test_the_seed_article_is_found(client, seed, query):
    text = page_text(search(client, query))
    assert SEED_HEADLINE in text
    assert "1 result for" in text


def test_matches_are_marked_in_the_snippet(client, seed):
    assert "<mark>Minsk</mark>" in search(client, "Minsk").content.decode()


@pytest.mark.parametrize(
    "state",
    [{"status": Status.DRAFT}, {"status": Status.REVIEW}, {"status": Status.WITHDRAWN},
     {"status": Status.PUBLISHED, "published_at": timezone.now() + timedelta(hours=2)}],
)  # fmt: skip
def test_pieces_that_are_not_live_are_never_found(client, state):
    make_article(headline="Zeppelin secrets", **state)
    assert "Zeppelin secrets" not in page_text(search(client, "zeppelin"))


@pytest.mark.parametrize(
    "query", ["", "   ", "-", "or", '""', "\x00", "x" * 5000, "<script>alert(1)</script>"]
)
def test_odd_queries_get_a_page_not_an_error(client, seed, query):
    response = search(client, query)
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("query", ["- or -", "???", "–"])
def test_an_operator_only_query_asks_for_words(client, seed, query):
    assert "Type a word or a phrase" in page_text(search(client, query))


def test_a_query_of_exclusions_alone_asks_for_something_to_find(client, seed):
    text = page_text(search(client, "-Minsk -sanctions"))
    assert "Add a word or a phrase to find" in text and "Type a word" not in text


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's parser and stop words"
)


@postgres_only
@pytest.mark.parametrize("query", ["Armenia-Azerbaijan", "peace-process", '"Azerbaijan-peace"'])
def test_words_joined_by_a_hyphen_find_them_apart(client, seed, query):
    assert SEED_HEADLINE in page_text(search(client, query))


@postgres_only
def test_a_query_of_common_words_alone_says_so(client, seed):
    text = page_text(search(client, "the of"))
    assert "“the of” is too common to search for" in text and "0 results" not in text


@postgres_only
@pytest.mark.parametrize("query", ['a -"energy security"', "Minsk or -Baku"])
def test_a_query_an_empty_article_would_match_asks_for_something_to_find(client, seed, query):
    text = page_text(search(client, query))
    assert "Add a word or a phrase to find" in text and SEED_HEADLINE not in text


def test_a_long_query_is_cut(client, seed):
    response = search(client, "minsk " * 200)
    searched = re.search(r'id="search-page-q" name="q" type="search" value="([^"]*)"',
                         response.content.decode()).group(1)  # fmt: skip
    assert searched == ("minsk " * 200)[:MAX_QUERY_LENGTH].strip()


def facet_choices(response, label):
    """The facet link labelled `label` on a results page: its address and count."""
    link = re.search(rf'<a href="([^"]*)"[^>]*>{label}</a> <span class="count">(\d+)</span>',
                     response.content.decode())  # fmt: skip
    return unescape(link.group(1)), int(link.group(2))


def test_facets_narrow_the_results(client):
    author = make_author(name="Nino Beridze", slug="nino")
    make_article(headline="Metro opinion", kind=Kind.OPINION, authors=[author],
                 body="<p>Tbilisi metro.</p>")  # fmt: skip
    make_article(headline="Airport analysis", kind=Kind.ANALYSIS, body="<p>Tbilisi airport.</p>")
    both = page_text(search(client, "Tbilisi"))
    assert "Metro opinion" in both and "Airport analysis" in both
    opinion, count = facet_choices(search(client, "Tbilisi"), "Opinion")
    assert count == 1
    narrowed = page_text(client.get("/search/" + opinion))
    assert "Metro opinion" in narrowed and "Airport analysis" not in narrowed
    by_author = page_text(search(client, "Tbilisi", author="nino"))
    assert "Metro opinion" in by_author and "Airport analysis" not in by_author


def test_past_the_listed_best_the_count_and_facets_still_cover_every_match(client, monkeypatch):
    monkeypatch.setattr(search_module, "MAX_RESULTS", 2)
    for n in range(3):
        make_article(headline=f"Ferry {n}", kind=Kind.REPORT, body="<p>The Caspian ferry.</p>")
    response = search(client, "ferry")
    assert "3 results for “ferry”: the best 2 are listed" in page_text(response)
    report, count = facet_choices(response, "Report")
    assert count == 3
    assert "3 results for" in page_text(client.get("/search/" + report))


def test_nothing_found_with_a_facet_chosen_leads_to_the_search_without_it(client):
    make_article(headline="Airport analysis", body="<p>Tbilisi airport.</p>")
    response = search(client, "Tbilisi", author="nobody-by-this-name")
    assert "Nothing matches with the choices made." in page_text(response)
    wider = re.search(r'<a href="([^"]*)">Search all articles for', response.text).group(1)
    assert "Airport analysis" in page_text(client.get("/search/" + unescape(wider)))


def test_a_link_leads_past_the_results_to_the_facets(client):
    make_article(headline="Airport analysis", body="<p>Tbilisi airport.</p>")
    html = search(client, "Tbilisi").text
    assert '<a href="#narrow">Narrow the results</a>' in html
    assert re.search(r'<aside [^>]*id="narrow"', html)
    assert "#narrow" not in search(client, "nothing-like-this").text  # no facets, no link


def test_page_links_keep_the_query(client):
    for n in range(25):
        make_article(headline=f"Steppe {n}", body="<p>The steppe.</p>")
    response = search(client, "steppe", kind="analysis")
    assert 'href="?q=steppe&amp;kind=analysis&amp;page=2"' in response.content.decode()


def test_the_search_page_has_one_search_box_holding_the_query(client):
    html = search(client, "steppe").text
    assert html.count('role="search"') == 1
    assert html.count('name="q"') == 1
    assert 'value="steppe"' in html
    assert client.get("/").text.count('role="search"') == 1  # other pages: the header's


def test_a_page_past_the_results_links_back_with_the_query(client):
    for n in range(25):
        make_article(headline=f"Steppe {n}", body="<p>The steppe.</p>")
    refresh_search_vectors()
    response = client.get("/search/", {"q": "steppe", "kind": "analysis", "page": "9"})
    assert response.status_code == 404
    assert "There is no page 9 of this list, which has 2 pages." in page_text(response)
    assert 'href="/search/?q=steppe&amp;kind=analysis&amp;page=2">Go to the last page' in (
        response.text
    )
    assert 'href="/search/?q=steppe&amp;kind=analysis">Go to the first page' in response.text


@pytest.mark.parametrize("n", [1, 30])
@pytest.mark.django_db(transaction=True)  # as a reader's request runs: in no transaction
def test_search_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        make_article(authors=[make_author(), make_author()], tags=["energy"],
                     body="<p>Energy security.</p>")  # fmt: skip
    refresh_search_vectors()
    # PostgreSQL: the ranked ids with the count and the facets (after its planner
    # settings, in the same string); then the page's cards (bylines and snippet sources).
    # SQLite: the newest ids, the four facets, the ORM's cards in two (articles, bylines).
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 7):
        assert client.get("/search/", {"q": "energy"}).status_code == 200


@pytest.mark.parametrize("year", ["²", "٣", "0", "99999", "-1", "2025.5"])
def test_odd_years_are_ignored(client, seed, year):
    assert SEED_HEADLINE in page_text(search(client, "Minsk", year=year))
