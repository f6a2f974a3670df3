"""Each feed follows its own subject: a kind, an author, a tag, a dossier."""

import pytest

from articles.models import Kind
from tests.builders import make_article, make_author, make_dossier
from tests.feeds.conftest import SITE
from tests.feeds.reading import feed_url, items, read

pytestmark = pytest.mark.django_db


def titles(client, name, **kwargs):
    return {i.title for i in items(client, feed_url(name, **kwargs))}


def test_kind_feed_holds_that_kind_only(client):
    make_article(headline="An opinion", kind=Kind.OPINION)
    make_article(headline="A report", kind=Kind.REPORT)
    assert titles(client, "kind", kind="opinion") == {"An opinion"}
    assert titles(client, "kind", kind="report") == {"A report"}


def test_author_feed_holds_what_the_author_is_credited_on(client):
    author, other = make_author(), make_author()
    make_article(headline="Alone", authors=[author])
    make_article(headline="Together", authors=[other, author])
    make_article(headline="Someone else's", authors=[other])
    assert titles(client, "author", slug=author.slug) == {"Alone", "Together"}


def test_tag_feed_holds_the_tagged_articles(client):
    make_article(headline="Tagged", tags=["Energy", "Trade"])
    make_article(headline="Untagged")
    assert titles(client, "tag", slug="energy") == {"Tagged"}


def test_dossier_feed_holds_the_dossiers_articles(client):
    inside = make_article(headline="Inside")
    make_article(headline="Outside")
    dossier = make_dossier(articles=[inside])
    assert titles(client, "dossier", slug=dossier.slug) == {"Inside"}


def test_tag_with_a_unicode_slug_has_a_feed(client):
    make_article(headline="On Türkiye", tags=["Türkiye"])
    assert titles(client, "tag", slug="türkiye") == {"On Türkiye"}
    feed = read(client, feed_url("tag", "json", slug="türkiye"))
    assert feed["home_page_url"] == f"{SITE}/tags/t%C3%BCrkiye/"
