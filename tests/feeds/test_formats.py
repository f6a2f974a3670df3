"""Every feed, in every format, parses cleanly the way a feed reader reads it."""

import pytest

from articles.models import Article
from articles.services import add_correction
from tests.feeds.reading import FORMATS, feed_url, items, read

SEED = "kazakhstans-role-in-the-armenia-azerbaijan-peace-process"

FEEDS = [
    ("site", {}),
    ("kind", {"kind": "opinion"}),
    ("author", {"slug": "ibrahim-mammadov"}),
    ("dossier", {"slug": "caucasus-connectivity"}),
    ("tag", {"slug": "armenia"}),
    ("corrections", {}),
]


@pytest.fixture
def corrected_seed(seed):
    add_correction(article=Article.objects.get(slug=SEED), text="The talks were in May.")


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(("name", "kwargs"), FEEDS, ids=[name for name, _ in FEEDS])
def test_feed_parses_cleanly_with_one_item(client, corrected_seed, name, kwargs, format):
    assert len(items(client, feed_url(name, format, **kwargs))) == 1


@pytest.mark.parametrize("format", ["rss", "atom"])
def test_feed_declares_its_format_and_version(client, seed, format):
    feed = read(client, feed_url("site", format))
    assert feed.version == {"rss": "rss20", "atom": "atom10"}[format]


@pytest.mark.parametrize(
    ("format", "content_type"),
    [("rss", "application/rss+xml"), ("atom", "application/atom+xml"),
     ("json", "application/feed+json")],
)  # fmt: skip
def test_feed_is_served_with_its_media_type(client, db, format, content_type):
    response = client.get(feed_url("site", format))
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/feed/", "/feed/atom/", "/feed/json/"])
def test_control_characters_pasted_into_text_do_not_break_a_feed(client, path):
    from tests.builders import make_article, make_author

    author = make_author(name="Ann\x0bLee")
    make_article(headline="Vertical\x0btab", standfirst="Form\x0cfeed", authors=[author],
                 tags=["odd\x08tag"])  # fmt: skip
    response = client.get(path)
    assert response.status_code == 200
    assert b"Verticaltab" in response.content or b"Vertical\\u000btab" in response.content
