"""The feeds a page offers: in its head for autodiscovery, and in its Follow block.

`site_feeds()`: the site's feeds, for every page.
`page_feeds(subject, request)`: the feeds of what the page shows: its `feed_subject` (an
author, dossier or tag), or the page itself when it has a feed of its own (the
corrections list); None otherwise.
"""

from dataclasses import dataclass
from functools import cache

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
    links: list[FeedLink]


def site_feeds() -> tuple[FeedLink, ...]:
    """The same on every page: made once per URLconf, script prefix, address and name."""
    return _site_feeds(*urls_in_use(), settings.SITE_URL, settings.OUTLET_NAME)


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
    feed = SUBJECT_FEEDS[Author]
    unique = {author.pk: author for author in authors}.values()
    follows = [Follow(feed.phrase(author), feed.links(author)) for author in unique]
    return [*follows, Follow("everything we publish", list(site_feeds()))]
