"""Sitemaps for crawlers: an index of small sections, and a Google News sitemap.

Sections hold at most `LIMIT` addresses a page (`?p=N`), so the index stays small however
large the archive grows. Addresses are built on `SITE_URL`, not on the request's host.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Q
from django.http import Http404
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
MAX_PAGE = 10**6  # of a section: a billion addresses; any page past it is 404 unasked
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most this many addresses from one sitemap


class SiteSitemap(Sitemap):
    limit = LIMIT

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return settings.SITE_URL.split("://", 1)[-1]

    def lastmod(self, item):
        return None  # unknown: no <lastmod>

    def rows(self, start: int, stop: int) -> list:
        """items()[start:stop]; a section's page, sliced, not counted first."""
        return list(self.items()[start:stop])


# Each section's items are rows, not model instances (a thousand of those cost a section
# more than its query), with their address and last change worked out here.
class ArticleSitemap(SiteSitemap):
    def items(self):
        live = Article.objects.live().newest_first()
        return live.values_list("slug", "published_at", "updated_at")

    def rows(self, start, stop):
        # At an OFFSET, PostgreSQL reads every row it skips: 100 ms for the last page of
        # 100,000 articles. Only the page's first row is found so, off the live index
        # alone (which holds the list's order); the page is read from there on.
        live = self.items()
        first = live.values_list("published_at", "pk")[start : start + 1]
        if not first:
            return []
        when, pk = first[0]
        # The first condition bounds the index scan; the second sets aside same-time rows
        # that come before.
        from_there = live.filter(published_at__lte=when).filter(
            Q(published_at__lt=when) | Q(pk__lte=pk)
        )
        return list(from_there[: stop - start])

    def location(self, row):
        return path_to("articles:detail", row[0])

    def lastmod(self, row):
        return max(filter(None, row[1:]))  # an edit, or a later going live


class AuthorSitemap(SiteSitemap):
    def items(self):
        return Author.objects.with_live_articles().order_by("pk").values_list("slug", flat=True)

    def location(self, slug):
        return path_to("authors:detail", slug)


class DossierSitemap(SiteSitemap):
    def items(self):
        return Dossier.objects.public().order_by("pk").values_list("slug", "modified_at")

    def location(self, row):
        return path_to("dossiers:detail", row[0])

    def lastmod(self, row):
        return row[1]


class TagSitemap(SiteSitemap):
    def items(self):
        return live_tags().order_by("pk").values_list("slug", flat=True)

    def location(self, slug):
        return path_to("tags:detail", slug)


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
def section(request, section):
    """One page (?p=N) of one section: its addresses, each with the day of its last
    change where the section knows it.

    No Last-Modified: the latest of the listed dates cannot tell that an address left the
    section (a withdrawn article), and a crawler asking If-Modified-Since would be told
    its old copy is current. The page's ETag (outlet.pagecache) covers every change."""
    if section not in SECTIONS:
        raise Http404("No such sitemap.")
    sitemap = SECTIONS[section]()
    number = _page_number(request.GET.get("p", "1"))
    if number is None:
        raise Http404("No such page of this sitemap.")
    # Sliced, not counted first: a page past the end is simply empty.
    start = (number - 1) * sitemap.limit
    items = sitemap.rows(start, start + sitemap.limit)
    if not items and number > 1:
        raise Http404("No such page of this sitemap.")
    zone = timezone.get_current_timezone()  # read once: an asgiref Local costs a page
    entries = []
    for item in items:
        changed = sitemap.lastmod(item)
        day = changed.astimezone(zone).date().isoformat() if changed else None
        entries.append((absolute(sitemap.location(item)), day))
    return render(
        request, "sitemaps/section.xml", {"entries": entries}, content_type="application/xml"
    )


def _page_number(text: str) -> int | None:
    """A page number from 1 to MAX_PAGE, or None. (int() refuses strings of more than
    4,300 digits with an error of its own: the length is checked first.)"""
    if text.isascii() and text.isdigit() and len(text) <= len(str(MAX_PAGE)):
        number = int(text)
        return number if 1 <= number <= MAX_PAGE else None
    return None


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
