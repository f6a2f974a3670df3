"""outlet.paths makes the addresses reverse() makes, refusing what it refuses."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from outlet.paths import path_to, short_path


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
