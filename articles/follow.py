"""The feeds a page offers: in its head for autodiscovery, and in its Follow block.

`site_feeds()`: the site's feeds, for every page.
`page_feeds(subject, request)`: the feeds of what the page shows: its `feed_subject` (an
author, dossier or tag), or the page itself when it has a feed of its own (the
corrections list); None otherwise.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from django.conf import settings
from taggit.models import Tag

from dossiers.feeds import DossierFeed
from dossiers.models import Dossier
from outlet.paths import urls_in_use

from .feeds import AuthorFeed, CorrectionFeed, FeedLink, SiteFeed, TagFeed
from .models import Author

SITE_FEED = SiteFeed()
SUBJECT_FEEDS = {Author: AuthorFeed(), Dossier: DossierFeed(), Tag: TagFeed()}
PAGE_FEEDS = {"corrections:list": CorrectionFeed()}


@dataclass(frozen=True)
class Follow:
    phrase: str
    links: Sequence[FeedLink]


def site_feeds() -> tuple[FeedLink, ...]:
    """The same on every page: made once per URLconf, script prefix, address and name."""
    return _site_feeds(*_links_depend_on())


def _links_depend_on() -> tuple[str, str, str, str]:
    """What a feed link is made from besides its subject: the URLconf, the script prefix,
    the site's address and its name (the key of the remembered links below)."""
    return (*urls_in_use(), settings.SITE_URL, settings.OUTLET_NAME)


@cache
def _site_feeds(urlconf, prefix, site_url, name) -> tuple[FeedLink, ...]:
    return tuple(SITE_FEED.links(None))


def page_feeds(subject=None, request=None) -> Follow | None:
    if subject is not None:
        feed = SUBJECT_FEEDS.get(type(subject))
    else:
        match = getattr(request, "resolver_match", None)
        feed = PAGE_FEEDS.get(match.view_name) if match else None
    if feed is None:
        return None
    return Follow(phrase=feed.phrase(subject), links=feed.links(subject))


def follows_for(authors) -> list[Follow]:
    """Feeds a reader of a page credited to `authors` may follow (the article page's
    Follow list): each author's, then the site's."""
    unique = {author.pk: author for author in authors}.values()
    place = _links_depend_on()
    follows = [_author_follow(author.slug, author.name, *place) for author in unique]
    return [*follows, Follow("everything we publish", list(_site_feeds(*place)))]


@lru_cache(maxsize=4096)
def _author_follow(slug, name, urlconf, prefix, site_url, outlet_name) -> Follow:
    """An author's Follow entry: the same until their name or address changes, or the
    site's (every value it depends on is in the key)."""
    feed, author = SUBJECT_FEEDS[Author], Author(slug=slug, name=name)
    return Follow(feed.phrase(author), tuple(feed.links(author)))
