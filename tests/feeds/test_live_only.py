"""Feeds hold the newest 20 live articles, newest first, and nothing the public may not see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.builders import make_article, make_author, make_dossier
from tests.feeds.builders import make_not_live
from tests.feeds.reading import FORMATS, feed_url, items, read

pytestmark = pytest.mark.django_db


def test_site_feed_lists_live_articles_newest_first(client):
    now = timezone.now()
    make_article(headline="Older", published_at=now - timedelta(days=2))
    make_article(headline="Newest", published_at=now - timedelta(minutes=1))
    make_article(headline="Middle", published_at=now - timedelta(days=1))
    for format in FORMATS:
        assert [i.title for i in items(client, feed_url("site", format))] == [
            "Newest", "Middle", "Older"
        ]  # fmt: skip


@pytest.mark.parametrize("format", FORMATS)
def test_nothing_that_is_not_live_appears(client, format):
    author = make_author()
    dossier = make_dossier(articles=make_not_live(authors=[author], tags=["secret"]))
    make_article(headline="Live", authors=[author], tags=["secret"], kind="news")
    for name, kwargs in [
        ("site", {}),
        ("kind", {"kind": "analysis"}),
        ("author", {"slug": author.slug}),
        ("tag", {"slug": "secret"}),
        ("dossier", {"slug": dossier.slug}),
    ]:
        titles = [i.title for i in items(client, feed_url(name, format, **kwargs))]
        assert set(titles) <= {"Live"}, name


def test_feed_holds_the_newest_twenty(client):
    now = timezone.now()
    for n in range(25):
        make_article(headline=f"Piece {n}", published_at=now - timedelta(hours=n + 1))
    titles = [i.title for i in items(client, feed_url("site"))]
    assert titles == [f"Piece {n}" for n in range(20)]


@pytest.mark.parametrize("format", FORMATS)
def test_feed_with_no_live_items_is_valid_and_empty(client, format):
    make_not_live()
    assert items(client, feed_url("site", format)) == []


def test_public_dossier_without_live_articles_has_an_empty_feed(client):
    dossier = make_dossier(articles=make_not_live())
    feed = read(client, feed_url("dossier", "atom", slug=dossier.slug))
    assert feed.entries == []
