"""Sitemaps for crawlers: an index of small sections, and a Google News sitemap.

Sections hold at most `LIMIT` addresses a page (`?p=N`), so the index stays small however
large the archive grows. Addresses are built on `SITE_URL`, not on the request's host.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles.models import Article, Author, live_tags
from dossiers.models import Dossier
from outlet.paths import path_to

from .pagemeta import absolute

# Small sections: each is quick to build again after an edit empties the page cache.
LIMIT = 1000
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most this many addresses from one sitemap


class SiteSitemap(Sitemap):
    limit = LIMIT

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return settings.SITE_URL.split("://", 1)[-1]


class ArticleSitemap(SiteSitemap):
    def items(self):
        return Article.objects.live().newest_first().only("slug", "published_at", "updated_at")

    def lastmod(self, article):
        return article.updated_at or article.published_at


class AuthorSitemap(SiteSitemap):
    def items(self):
        return Author.objects.with_live_articles().only("slug").order_by("pk")


class DossierSitemap(SiteSitemap):
    def items(self):
        return Dossier.objects.public().only("slug", "modified_at").order_by("pk")

    def lastmod(self, dossier):
        return dossier.modified_at


class TagSitemap(SiteSitemap):
    def items(self):
        return live_tags().order_by("pk")

    def location(self, tag):
        return path_to("tags:detail", tag.slug)


class PageSitemap(SiteSitemap):
    def items(self):
        return ["home", "articles:archive", "authors:list", "dossiers:list", "corrections:list"]

    def location(self, name):
        return reverse(name)


SECTIONS = {
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
    "dossiers": DossierSitemap,
    "tags": TagSitemap,
    "pages": PageSitemap,
}


@x_robots_tag
def index(request):
    """The sitemap index: one entry for each page of each section."""
    entries = []
    for section, sitemap_class in SECTIONS.items():
        url = absolute(reverse("sitemap_section", kwargs={"section": section}))
        pages = sitemap_class().paginator.num_pages
        entries.append(SitemapIndexItem(url))
        entries += [SitemapIndexItem(f"{url}?p={page}") for page in range(2, pages + 1)]
    return render(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@x_robots_tag
def news(request):
    """Live articles of the last 48 hours, as Google News reads them."""
    since = timezone.now() - NEWS_WINDOW
    articles = (
        Article.objects.live()
        .filter(published_at__gte=since)
        .newest_first()
        .only("slug", "headline", "published_at")[:NEWS_LIMIT]
    )
    context = {
        "articles": articles,
        "publication": settings.OUTLET_NAME,
        "language": settings.OUTLET_LANGUAGE,
    }
    response = render(request, "sitemaps/news.xml", context, content_type="application/xml")
    # The window moves with the clock, not only with content, so the content version can
    # neither key it in the page cache nor validate it: revalidated on its own content.
    patch_cache_control(response, no_cache=True)
    return response
