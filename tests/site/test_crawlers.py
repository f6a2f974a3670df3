"""Sitemaps and robots.txt: small sections, live content only, addresses on SITE_URL."""

import time
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Article
from outlet import sitemaps
from tests.builders import make_article, make_dossier

from .builders import NOT_LIVE, make_hidden_article

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _locations(response, tag="sm:url"):
    root = ET.fromstring(response.content)
    return [node.find("sm:loc", NS).text for node in root.findall(tag, NS)]


def _section(client, section, **params):
    return client.get(reverse("sitemap_section", kwargs={"section": section}), params)


def test_index_lists_every_section_on_site_url(client, settings):
    settings.SITE_URL = "https://policy.example"
    response = client.get(reverse("sitemap"))
    assert response["Content-Type"] == "application/xml"
    assert _locations(response, "sm:sitemap") == [
        f"https://policy.example/sitemap-{section}.xml" for section in sitemaps.SECTIONS
    ]


def test_index_pages_a_large_section(client, settings, monkeypatch):
    settings.SITE_URL = "https://policy.example"
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for _ in range(5):
        make_article()
    locations = _locations(client.get(reverse("sitemap")), "sm:sitemap")
    section = "https://policy.example/sitemap-articles.xml"
    assert [loc for loc in locations if loc.startswith(section)] == [
        section,
        f"{section}?p=2",
        f"{section}?p=3",
    ]
    assert len(_locations(_section(client, "articles", p=3))) == 1


def test_article_section_pages_list_every_live_article_once(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    same_time = timezone.now() - timedelta(days=2)
    made = [make_article(published_at=same_time) for _ in range(3)]
    made += [make_article() for _ in range(4)]
    expected = sorted(made, key=lambda a: (a.published_at, a.pk), reverse=True)
    pages = [_locations(_section(client, "articles", p=n)) for n in (1, 2, 3, 4)]
    assert [len(page) for page in pages] == [2, 2, 2, 1]
    listed = [location.rsplit("/", 2)[1] for page in pages for location in page]
    assert listed == [article.slug for article in expected]
    assert _section(client, "articles", p=5).status_code == 404


def test_article_section_gives_each_ones_last_change(client):
    now = timezone.now()
    edited = make_article(published_at=now - timedelta(days=3))
    republished = make_article(published_at=now - timedelta(days=2))
    Article.objects.filter(pk=edited.pk).update(updated_at=now - timedelta(days=1))
    Article.objects.filter(pk=republished.pk).update(updated_at=now - timedelta(days=5))
    root = ET.fromstring(_section(client, "articles").content)
    days = [node.text for node in root.iterfind("sm:url/sm:lastmod", NS)]
    # Newest first: the piece that went live again two days ago, then the edited one.
    assert days == [
        timezone.localtime(now - timedelta(days=2)).date().isoformat(),
        timezone.localtime(now - timedelta(days=1)).date().isoformat(),
    ]


def test_a_crawler_sending_a_date_is_never_told_a_section_is_current(client):
    # A withdrawn article leaves no later date behind: only the ETag can tell.
    make_article()
    tomorrow = http_date(time.time() + 86400)
    url = reverse("sitemap_section", kwargs={"section": "articles"})
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=tomorrow)
    assert response.status_code == 200
    assert "Last-Modified" not in response


def test_article_section_lists_live_articles_on_site_url(client, settings):
    settings.SITE_URL = "https://policy.example"
    article = make_article()
    assert _locations(_section(client, "articles")) == [
        f"https://policy.example{article.get_absolute_url()}"
    ]


@pytest.mark.parametrize("state", NOT_LIVE)
def test_hidden_articles_stay_out_of_every_sitemap(client, state):
    hidden = make_hidden_article(state)  # within the news sitemap's 48 hours
    hidden.tags.set(["Hidden tag"])
    bodies = [_section(client, section).content.decode() for section in sitemaps.SECTIONS]
    bodies.append(client.get(reverse("sitemap_news")).content.decode())
    for body in bodies:
        assert hidden.slug not in body
        assert "hidden-tag" not in body
        assert hidden.bylines.get().author.slug not in body


def test_sections_cover_authors_dossiers_tags_and_pages(client):
    article = make_article(tags=["Energy"])
    dossier = make_dossier(articles=[article])
    make_dossier(slug="private-one", is_public=False)
    author = article.bylines.get().author
    assert _locations(_section(client, "authors"))[0].endswith(author.get_absolute_url())
    dossiers = _locations(_section(client, "dossiers"))
    assert [loc.rsplit("/", 2)[1] for loc in dossiers] == [dossier.slug]
    assert _locations(_section(client, "tags"))[0].endswith("/tags/energy/")
    assert any(loc.endswith("/corrections/") for loc in _locations(_section(client, "pages")))


@pytest.mark.parametrize("page", ["0", "-1", "2", "abc", str(10**30), "1" * 5000, "²"])
def test_absurd_sitemap_page_is_404(client, page):
    make_article()
    assert _section(client, "articles", p=page).status_code == 404


def test_unknown_section_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_news_sitemap_has_the_last_48_hours(client, settings):
    settings.SITE_URL = "https://policy.example"
    settings.OUTLET_NAME = "Policy Review"
    fresh = make_article(headline="Fresh & new", published_at=timezone.now() - timedelta(hours=1))
    make_article(slug="old-piece", published_at=timezone.now() - timedelta(hours=49))
    response = client.get(reverse("sitemap_news"))
    root = ET.fromstring(response.content)
    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == f"https://policy.example{fresh.get_absolute_url()}"
    news = url.find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Policy Review"
    assert news.find("news:publication/news:language", NS).text == settings.OUTLET_LANGUAGE
    assert news.find("news:title", NS).text == "Fresh & new"
    assert news.find("news:publication_date", NS).text == fresh.published_at.isoformat()


def test_robots_txt_points_to_the_sitemaps_and_keeps_out_of_admin(client, settings):
    settings.SITE_URL = "https://policy.example"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: https://policy.example/sitemap.xml" in lines
    assert "Sitemap: https://policy.example/sitemap-news.xml" in lines


@pytest.mark.parametrize("n", [1, 30])
def test_index_query_count_is_fixed(client, django_assert_num_queries, n):
    for i in range(n):
        make_dossier(articles=[make_article(tags=[f"t{i}"])])
    # one count for each of the four database sections
    with django_assert_num_queries(4):
        assert client.get(reverse("sitemap")).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_article_section_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        make_article()
    with django_assert_num_queries(2):
        assert _section(client, "articles").status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_news_sitemap_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        make_article(published_at=timezone.now() - timedelta(hours=1))
    with django_assert_num_queries(1):
        assert client.get(reverse("sitemap_news")).status_code == 200
