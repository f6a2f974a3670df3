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
