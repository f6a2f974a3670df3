"""What a public page says about itself: its title and description, its canonical address,
its share card (OpenGraph, Twitter) and its structured data (JSON-LD).

Views build one `PageMeta`; base.html renders it. Addresses are absolute on the configured
`SITE_URL`, never on the host a request happened to use.
"""

import unicodedata
from collections import namedtuple
from dataclasses import dataclass, field
from functools import cache, cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from outlet.paths import urls_in_use

# The pages every page links to (header, footer, breadcrumbs), by short name.
SITE_PAGES = {
    "home": "home",
    "archive": "articles:archive",
    "dossiers": "dossiers:list",
    "authors": "authors:list",
    "corrections": "corrections:list",
    "search": "search",
    "feed": "feeds:site",
}


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# Attributes, not keys: a template reads an attribute at once, a key after a failed
# attribute lookup.
SiteAddresses = namedtuple("SiteAddresses", SITE_PAGES)


def site_addresses() -> SiteAddresses:
    """The paths of SITE_PAGES ("" for one the URLconf lacks). They depend only on the
    URLconf and the script prefix, so they are reversed once for each pair, not per page."""
    return _site_addresses(*urls_in_use())


@cache
def _site_addresses(urlconf: str, prefix: str) -> SiteAddresses:
    addresses = {}
    for name, url_name in SITE_PAGES.items():
        try:
            addresses[name] = reverse(url_name, urlconf=urlconf)
        except NoReverseMatch:
            addresses[name] = ""
    return SiteAddresses(**addresses)


SUMMARY_LENGTH = 300  # characters of a description in share cards and the meta tag


def summary(text: str) -> str:
    """`text|truncatechars:300`: at most 300 characters, the last an ellipsis ("…", as in
    English; Django would translate it), combining characters not counted. Django's
    Truncator walks the text twice and asks for the ellipsis's translation each time: a
    tenth of a millisecond for a long standfirst."""
    text = unicodedata.normalize("NFC", str(text))  # as Truncator returns it
    if len(text) <= SUMMARY_LENGTH:
        return text
    if text.isascii():  # nothing combining: the characters are the letters
        return text[: SUMMARY_LENGTH - 1] + "…"
    counted, end = 0, 0
    for index, char in enumerate(text):
        if unicodedata.combining(char):
            continue
        counted += 1
        if counted == SUMMARY_LENGTH:
            end = index
        elif counted > SUMMARY_LENGTH:
            return text[:end] + "…"
    return text


def absolute_media(field) -> str:
    """The absolute address of an uploaded file, or "" when there is none."""
    if not field:
        return ""
    url = field.url
    # MEDIA_URL may already name another host (a media CDN).
    return url if urlsplit(url).netloc else absolute(url)


def page_path(path: str, page_obj=None) -> str:
    """The address of one page of a list: the first page has no `?page=`."""
    if page_obj is None or page_obj.number == 1:
        return path
    return f"{path}?page={page_obj.number}"


def page_title(title: str, page_obj=None) -> str:
    if page_obj is None or page_obj.number == 1:
        return title
    return f"{title} (page {page_obj.number} of {page_obj.paginator.num_pages})"


@dataclass
class PageMeta:
    title: str = ""
    description: str = ""
    path: str = "/"
    # A republished article's canonical address is the original publication's.
    canonical: str = ""
    kind: str = "website"  # og:type
    image: str = ""
    image_alt: str = ""
    structured: list[dict] = field(default_factory=list)
    noindex: bool = False

    @property
    def url(self) -> str:
        return absolute(self.path)

    @cached_property
    def summary(self) -> str:
        """The description (the outlet's when there is none), cut to SUMMARY_LENGTH."""
        return summary(self.description or settings.OUTLET_DESCRIPTION)

    @property
    def canonical_url(self) -> str:
        return self.canonical or self.url


def breadcrumbs(*crumbs: tuple[str, str]) -> dict:
    """schema.org BreadcrumbList from (name, path) pairs, the home page first."""
    trail = [(settings.OUTLET_NAME, site_addresses().home), *crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }


def collection_page(*, name: str, description: str, path: str, items=()) -> dict:
    """schema.org CollectionPage listing `items` (objects with get_absolute_url and __str__)."""
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "description": description,
        "url": absolute(path),
        "isPartOf": website(),
    }
    items = list(items)
    if items:
        data["mainEntity"] = {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": n,
                    "url": absolute(item.get_absolute_url()),
                    "name": str(item),
                }
                for n, item in enumerate(items, start=1)
            ],
        }
    return data


def website() -> dict:
    return {
        "@type": "WebSite",
        "name": settings.OUTLET_NAME,
        "url": absolute(site_addresses().home),
    }
