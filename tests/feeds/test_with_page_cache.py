"""With the public page cache on, as in production, subscribers still get a 304 for an
unchanged feed and the new item as soon as it is live."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.services import publish
from tests.builders import make_article
from tests.feeds.builders import make_scheduled
from tests.feeds.reading import feed_url, items

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def test_cached_feed_still_answers_304(client):
    make_article()
    client.get(feed_url("site"))
    first = client.get(feed_url("site"))  # from the page cache
    again = client.get(feed_url("site"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_published_article_reaches_a_cached_feed(client):
    make_article()
    first = client.get(feed_url("site"))
    article = make_article(live=False, headline="Just published")
    publish(article=article)
    response = client.get(feed_url("site"), headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 200
    assert items(client, feed_url("site"))[0].title == "Just published"


def test_scheduled_article_reaches_a_cached_feed_at_its_time(client, monkeypatch):
    make_article()
    make_scheduled(minutes=1, headline="Due soon")
    assert b"Due soon" not in client.get(feed_url("site")).content
    later = timezone.now() + timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert b"Due soon" in client.get(feed_url("site")).content
