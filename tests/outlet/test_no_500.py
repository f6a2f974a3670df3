"""No input gives a 500: random query strings, page numbers, search terms and path
segments sent to every public address (property-based, with hypothesis)."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SEED_ARTICLE = "/articles/kazakhstans-role-in-the-armenia-azerbaijan-peace-process/"
PUBLIC = [
    "/", "/articles/", SEED_ARTICLE, "/authors/", "/authors/ibrahim-mammadov/", "/dossiers/",
    "/dossiers/caucasus-connectivity/", "/tags/armenia/", "/corrections/", "/search/",
    "/feed/", "/feed/atom/", "/feed/json/", "/authors/ibrahim-mammadov/feed/",
    "/dossiers/caucasus-connectivity/feed/json/", "/tags/armenia/feed/atom/",
    "/corrections/feed/", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt", "/a/1/",
]  # fmt: skip
SEGMENT_ROUTES = ["/articles/{}/", "/authors/{}/", "/dossiers/{}/", "/tags/{}/", "/a/{}/",
                  "/authors/{}/feed/", "/tags/{}/feed/json/", "/sitemap-{}.xml"]  # fmt: skip
KEYS = ["page", "q", "p", "kind", "year", "author", "dossier", "preview", "format", "x"]

nasty_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300
) | st.sampled_from(["0", "-1", "1e9", "10" * 30, "NaN", "∞", "\x00", "%00", "' OR 1=1 --",
                     "<script>", "x" * 10_000, '"', "or", "-", "()", "😀" * 50])  # fmt: skip
page_numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
QUICK = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def site(seed, client):
    return client


def answers_without_error(client, url):
    response = client.get(url)
    assert response.status_code < 500, url
    return response


@QUICK
@given(
    path=st.sampled_from(PUBLIC),
    params=st.dictionaries(st.sampled_from(KEYS), nasty_text | page_numbers, max_size=4),
)
def test_any_query_string(site, path, params):
    answers_without_error(site, f"{path}?{urlencode(params)}")


@QUICK
@given(path=st.sampled_from(PUBLIC), page=page_numbers | nasty_text)
def test_any_page_number(site, path, page):
    answers_without_error(site, f"{path}?page={quote(page, safe='')}")


@QUICK
@given(query=nasty_text)
def test_any_search(site, query):
    response = answers_without_error(site, f"/search/?{urlencode({'q': query})}")
    assert response.status_code in {200, 404}


@QUICK
@given(route=st.sampled_from(SEGMENT_ROUTES), segment=nasty_text.filter(bool))
def test_any_path_segment(site, route, segment):
    answers_without_error(site, route.format(quote(segment, safe="")))


@QUICK
@given(raw=st.binary(max_size=200))
def test_raw_bytes_in_the_query_string(site, raw):
    answers_without_error(site, f"/articles/?{quote(raw, safe='=&')}")
    answers_without_error(site, f"/search/?q={quote(raw, safe='')}")
