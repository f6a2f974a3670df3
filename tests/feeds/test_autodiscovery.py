"""Every page links the site's feeds for autodiscovery; an author, dossier or tag page
links that subject's feeds too and shows a Follow block with their addresses."""

import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import resolve
from taggit.models import Tag

from tests.builders import make_article, make_author, make_dossier
from tests.feeds.conftest import SITE

pytestmark = pytest.mark.django_db


class Include:
    """One of the public site's partials, rendered alone with a context."""

    def __init__(self, name):
        self.name = name

    def render(self, context):
        return engines["jinja2"].get_template(self.name).render(context)


PAGE = Include("base.html")
FOLLOW = Include("includes/follow.html")
ALTERNATE = re.compile(r'<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">')


def alternates(subject=None):
    page = PAGE.render({"feed_subject": subject, "request": RequestFactory().get("/")})
    return ALTERNATE.findall(page)


def test_every_page_links_the_site_feeds():
    assert alternates() == [
        ("application/rss+xml", "Policy Review (RSS)", f"{SITE}/feed/"),
        ("application/atom+xml", "Policy Review (Atom)", f"{SITE}/feed/atom/"),
        ("application/feed+json", "Policy Review (JSON Feed)", f"{SITE}/feed/json/"),
    ]


def subjects():
    author = make_author(name="Nino Beridze", slug="nino-beridze")
    article = make_article(authors=[author], tags=["Black Sea"])
    dossier = make_dossier(title="Black Sea trade", slug="black-sea-trade", articles=[article])
    return {
        "author": (author, "/authors/nino-beridze/feed/", "Nino Beridze – Policy Review"),
        "dossier": (dossier, "/dossiers/black-sea-trade/feed/", "Black Sea trade – Policy Review"),
        "tag": (Tag.objects.get(), "/tags/black-sea/feed/", "Tag: Black Sea – Policy Review"),
    }


@pytest.mark.parametrize("kind", ["author", "dossier", "tag"])
def test_subject_page_links_its_feeds_after_the_sites(kind):
    subject, path, title = subjects()[kind]
    assert alternates(subject)[3:] == [
        ("application/rss+xml", f"{title} (RSS)", f"{SITE}{path}"),
        ("application/atom+xml", f"{title} (Atom)", f"{SITE}{path}atom/"),
        ("application/feed+json", f"{title} (JSON Feed)", f"{SITE}{path}json/"),
    ]


@pytest.mark.parametrize("kind", ["author", "dossier", "tag"])
def test_autodiscovered_feeds_are_served(client, kind):
    subject, _, _ = subjects()[kind]
    for _, _, href in alternates(subject):
        assert client.get(href.removeprefix(SITE)).status_code == 200


@pytest.mark.parametrize("kind", ["author", "dossier", "tag"])
def test_follow_block_lists_the_feed_addresses(kind):
    subject, path, _ = subjects()[kind]
    html = FOLLOW.render({"feed_subject": subject})
    assert '<h2 id="follow-heading">Follow</h2>' in html
    for text, suffix in [("RSS feed", ""), ("Atom feed", "atom/"), ("JSON Feed", "json/")]:
        address = f"{SITE}{path}{suffix}"
        assert re.search(rf'<a href="{address}"[^>]*>{text}</a> <code>{address}</code>', html)


def test_follow_block_says_what_it_follows():
    author, _, _ = subjects()["author"]
    html = FOLLOW.render({"feed_subject": author})
    assert "New articles by Nino Beridze, in your feed reader" in html


def test_no_follow_block_without_a_subject():
    assert FOLLOW.render({}).strip() == ""
    assert FOLLOW.render({"feed_subject": make_article()}).strip() == ""


def corrections_page():
    request = RequestFactory().get("/corrections/")
    request.resolver_match = resolve("/corrections/")
    return {"request": request}


def test_corrections_page_links_and_shows_the_corrections_feeds():
    html = PAGE.render(corrections_page()) + FOLLOW.render(corrections_page())
    assert ALTERNATE.findall(html)[3][1:] == (
        "Corrections – Policy Review (RSS)",
        f"{SITE}/corrections/feed/",
    )
    assert f"<code>{SITE}/corrections/feed/json/</code>" in html


@pytest.mark.django_db
def test_article_page_offers_its_authors_feeds_and_the_sites(client):
    author = make_author(name="Nino Beridze", slug="nino")
    article = make_article(authors=[author])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Articles by Nino Beridze:" in html
    assert f'href="{SITE}/authors/nino/feed/atom/"' in html
    assert "Everything we publish:" in html
