"""An item's GUID survives edits to its headline and slug, so readers never show it twice."""

import pytest

from articles.services import save_article
from tests.builders import make_article
from tests.feeds.reading import FORMATS, feed_url, items, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("format", FORMATS)
def test_guid_is_unchanged_after_headline_and_slug_edits(client, format):
    article = make_article(headline="First words", slug="first-words")
    [before] = items(client, feed_url("site", format))
    article.headline, article.slug = "Better words", "better-words"
    save_article(article=article)
    [after] = items(client, feed_url("site", format))
    assert after.id == before.id
    assert (after.title, after.link.endswith("/better-words/")) == ("Better words", True)


def test_guid_is_the_same_in_every_format(client):
    make_article()
    ids = {items(client, feed_url("site", format))[0].id for format in FORMATS}
    assert len(ids) == 1


def test_guid_is_a_tag_uri_on_the_site_host(client):
    article = make_article()
    [item] = items(client, feed_url("site"))
    assert item.id == f"tag:outlet.example,{article.created_at:%Y-%m-%d}:/a/{article.pk}/"


def test_rss_guid_is_not_claimed_as_a_permalink(client):
    make_article()
    [entry] = read(client, feed_url("site")).entries
    assert entry.guidislink is False
    assert b'isPermaLink="false"' in client.get(feed_url("site")).content
