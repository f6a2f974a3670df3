"""With the public page cache on, as in production, subscribers still get a 304 for an
unchanged feed and the new item as soon as it is live."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.services import publish, save_article
from tests.builders import make_article, make_author
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


@pytest.fixture
def revalidating(settings):
    settings.PAGE_REVALIDATION = True


@pytest.mark.usefixtures("revalidating")
def test_an_unchanged_feed_is_304_before_the_feed_is_read(client, django_assert_max_num_queries):
    make_article()
    first = client.get(feed_url("site"))
    with django_assert_max_num_queries(1):  # the content version
        again = client.get(feed_url("site"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]


@pytest.mark.usefixtures("revalidating")
def test_an_edit_elsewhere_costs_a_subscriber_no_download(client):
    author, other = make_author(), make_author()
    make_article(authors=[author])
    elsewhere = make_article(authors=[other], headline="Elsewhere")
    address = feed_url("author", slug=author.slug)
    first = client.get(address)
    elsewhere.headline = "Edited elsewhere"
    save_article(article=elsewhere)
    again = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] != first["ETag"]  # the new version in front, for the next poll
    assert client.get(address, headers={"If-None-Match": again["ETag"]}).status_code == 304


@pytest.mark.usefixtures("revalidating")
def test_a_changed_feed_is_sent_again(client):
    author = make_author()
    article = make_article(authors=[author], headline="First words")
    address = feed_url("author", slug=author.slug)
    first = client.get(address)
    article.headline = "Second thoughts"
    save_article(article=article)
    again = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and b"Second thoughts" in again.content


@pytest.mark.usefixtures("revalidating")
def test_with_the_page_store_off_feeds_still_revalidate(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_article()
    first = client.get(feed_url("site", "atom"))
    again = client.get(feed_url("site", "atom"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.usefixtures("revalidating")
def test_every_subscriber_is_spared_the_download_after_an_edit_elsewhere(client):
    author, other = make_author(), make_author()
    make_article(authors=[author])
    elsewhere = make_article(authors=[other])
    address = feed_url("author", slug=author.slug)
    first = client.get(address)
    save_article(article=elsewhere)
    client.get(address)  # a new subscriber fills the cache at the new version
    again = client.get(address, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.usefixtures("revalidating")
def test_a_feeds_etag_earns_no_304_at_another_address(client):
    article = make_article()
    etag = client.get(feed_url("site"))["ETag"]
    assert client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(feed_url("site", "atom"), HTTP_IF_NONE_MATCH=etag).status_code == 200
