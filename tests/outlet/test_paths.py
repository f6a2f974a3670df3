"""outlet.paths makes the addresses reverse() makes, refusing what it refuses."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse, set_script_prefix

from outlet.paths import path_to, short_path
from tests.builders import make_article, make_author


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("articles:detail", {"slug": "a-piece_2"}),
        ("articles:cite_bibtex", {"slug": "a-piece"}),
        ("authors:detail", {"slug": "ibrahim-mammadov"}),
        ("dossiers:detail", {"slug": "caucasus"}),
        ("tags:detail", {"slug": "türkiye"}),  # Unicode: reverse() quotes it
        ("feeds:author", {"slug": "nino", "format": "atom"}),
        ("feeds:kind", {"kind": "opinion", "format": "json"}),
        ("feeds:site", {}),
        ("articles:archive", {}),
    ],
)
def test_the_same_address_as_reverse(name, kwargs):
    assert path_to(name, **kwargs) == reverse(name, kwargs=kwargs or None)


def test_short_links():
    assert short_path(42) == reverse("short_link", kwargs={"pk": 42}) == "/a/42/"


@pytest.mark.parametrize("slug", ["two words", "a/b", ""])
def test_refuses_what_reverse_refuses(slug):
    with pytest.raises(NoReverseMatch):
        path_to("articles:detail", slug)


def test_follows_the_script_prefix():
    set_script_prefix("/policy/")
    try:
        assert path_to("articles:detail", "x") == "/policy/articles/x/"
        assert short_path(7) == "/policy/a/7/"
    finally:
        set_script_prefix("/")
    assert path_to("articles:detail", "x") == "/articles/x/"


def served(path, script_name=""):
    """A page through Django's WSGI handler, which (unlike the test client) takes the
    script prefix from SCRIPT_NAME, as behind a proxy that mounts the site under a path."""
    environ = RequestFactory()._base_environ(
        PATH_INFO=path, REQUEST_METHOD="GET", SCRIPT_NAME=script_name
    )
    return b"".join(WSGIHandler()(environ, lambda status, headers: None)).decode()


@pytest.mark.django_db(transaction=True)  # the handler closes a connection left in a transaction
def test_a_page_served_under_a_prefix_links_under_it():
    path = make_article(authors=[make_author(slug="nino")], tags=["Grain"]).get_absolute_url()
    try:
        page = served(path, "/policy")
        assert 'href="/policy/authors/nino/"' in page
        assert 'href="/policy/tags/grain/"' in page
        assert 'href="/policy/articles/"' in page  # the masthead's
        again = served(path)  # and the next request without it
        assert 'href="/authors/nino/"' in again and "/policy/" not in again
    finally:
        set_script_prefix("/")  # the handler leaves it set for the thread
