"""Feed-level elements: title, home page, self link, language, updated time."""

import pytest

from tests.builders import make_article, make_author
from tests.feeds.conftest import SITE
from tests.feeds.reading import feed_url, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("format", ["rss", "atom"])
def test_feed_names_itself_its_home_page_and_its_language(client, format):
    author = make_author(name="Nino Beridze")
    make_article(authors=[author])
    url = feed_url("author", format, slug=author.slug)
    feed = read(client, url).feed
    assert feed.title == "Nino Beridze – Policy Review"
    assert feed.link == f"{SITE}/authors/{author.slug}/"
    assert feed.language == "en"
    assert {"rel": "self", "href": SITE + url} in [
        {"rel": link.rel, "href": link.href} for link in feed.links
    ]


@pytest.mark.parametrize("format", ["rss", "atom"])
def test_feed_is_updated_when_its_newest_item_was(client, format):
    article = make_article()
    feed = read(client, feed_url("site", format)).feed
    parsed = feed.updated_parsed
    assert parsed[:6] == article.published_at.utctimetuple()[:6]


def test_json_feed_names_itself_and_its_home_page(client):
    feed = read(client, feed_url("site", "json"))
    assert feed["title"] == "Policy Review"
    assert feed["home_page_url"] == f"{SITE}/"
    assert feed["feed_url"] == f"{SITE}/feed/json/"
    assert feed["language"] == "en"


def test_rss_description_is_the_outlets(client, settings):
    settings.OUTLET_DESCRIPTION = "Policy, argued."
    assert read(client, feed_url("site")).feed.description == "Policy, argued."
