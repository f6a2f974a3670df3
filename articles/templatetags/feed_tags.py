"""Feed links for templates.

`{% site_feeds as feeds %}`: the site's feeds, for every page.
`{% page_feeds as follow %}`: the feeds of what the page shows: its `feed_subject` (an
author, dossier or tag), or the page itself when it has a feed of its own (the
corrections list); None otherwise.
"""

from dataclasses import dataclass

from django import template
from taggit.models import Tag

from articles.feeds import AuthorFeed, CorrectionFeed, FeedLink, SiteFeed, TagFeed
from articles.models import Author
from dossiers.feeds import DossierFeed
from dossiers.models import Dossier

register = template.Library()

SITE_FEED = SiteFeed()
SUBJECT_FEEDS = {Author: AuthorFeed(), Dossier: DossierFeed(), Tag: TagFeed()}
PAGE_FEEDS = {"corrections:list": CorrectionFeed()}


@dataclass(frozen=True)
class Follow:
    phrase: str
    links: list[FeedLink]


@register.simple_tag
def site_feeds() -> list[FeedLink]:
    return SITE_FEED.links(None)


@register.simple_tag(takes_context=True)
def page_feeds(context) -> Follow | None:
    subject = context.get("feed_subject")
    if subject is not None:
        feed = SUBJECT_FEEDS.get(type(subject))
    else:
        match = getattr(context.get("request"), "resolver_match", None)
        feed = PAGE_FEEDS.get(match.view_name) if match else None
    if feed is None:
        return None
    return Follow(phrase=feed.phrase(subject), links=feed.links(subject))


@register.simple_tag
def article_follow(article) -> list[Follow]:
    """Feeds a reader of `article` may follow: each of its authors', then the site's."""
    authors = {byline.author_id: byline.author for byline in article.credited()}
    feed = SUBJECT_FEEDS[Author]
    follows = [Follow(feed.phrase(author), feed.links(author)) for author in authors.values()]
    return [*follows, Follow("everything we publish", SITE_FEED.links(None))]
