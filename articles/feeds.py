"""Feeds for RSS subscribers, each as RSS 2.0, Atom 1.0 and JSON Feed 1.1.

Addresses (outlet/feed_urls.py; add `atom/` or `json/` for the other formats):

- `/feed/`: the site, every live article;
- `/feed/<kind>/`: one kind of article, e.g. `/feed/opinion/`, `/feed/analysis/atom/`;
- `/authors/<slug>/feed/`, `/tags/<slug>/feed/`, `/dossiers/<slug>/feed/`;
- `/corrections/feed/`: every correction to a live article, newest first.

Links are absolute, built from `settings.SITE_URL` rather than the request's host (the
syndication framework's `add_domain()` leaves absolute addresses alone), so a feed read
through a proxy or a CDN points at the public site. GUIDs are tag: URIs made from the
article's short link and creation date: a headline or slug edit does not change them.

Feed readers poll every few minutes, so every feed answers conditional requests with an
ETag and Last-Modified worked out by small queries before any feed is built: the items'
times (`stamp`), and what the items print from other tables (`printed_elsewhere`: their
authors' names, their tags, the disclaimers), which changes no article's time.
"""

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import CharField, Value
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from outlet.feedgenerators import AtomFeed, Image, JsonFeed, Person, RssFeed
from outlet.models import ContentVersion
from outlet.paths import path_to
from outlet.release import release

from .models import (
    Article,
    Author,
    Byline,
    BylineRole,
    Correction,
    Disclaimer,
    Kind,
    TaggedArticle,
    live_tags,
)

ITEMS = 20
MAX_AGE = 300  # seconds; readers poll often, and a new article may wait five minutes


@dataclass(frozen=True)
class Format:
    generator: type
    label: str
    link_text: str
    mime_type: str


FORMATS = {
    "rss": Format(RssFeed, "RSS", "RSS feed", "application/rss+xml"),
    "atom": Format(AtomFeed, "Atom", "Atom feed", "application/atom+xml"),
    "json": Format(JsonFeed, "JSON Feed", "JSON Feed", "application/feed+json"),
}


@dataclass(frozen=True)
class FeedLink:
    url: str
    title: str
    link_text: str
    mime_type: str


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


_ROOT_RELATIVE_HREF = re.compile(r'href="/(?!/)')


def absolute_links(html: str) -> str:
    """Feed readers show content away from the site: root-relative links must carry it."""
    return _ROOT_RELATIVE_HREF.sub(f'href="{settings.SITE_URL}/', html)


def guid(article: Article, fragment: str = "") -> str:
    """tag:outlet.example,2025-08-15:/a/42/ (RFC 4151): the site's host, the day the article
    was created and its short link, none of which an edit changes."""
    host = urlsplit(settings.SITE_URL).hostname
    uri = f"tag:{host},{article.created_at:%Y-%m-%d}:{article.get_short_url()}"
    return f"{uri}#{fragment}" if fragment else uri


class OutletFeed(Feed):
    """What every Outlet feed shares: formats, conditional requests, absolute addresses.

    A subclass names its `url_name`, and says what its object is (`get_object`), how it
    reads (`heading`, `phrase`, `page_url`) and which items it holds (`items`, `stamp`).
    """

    url_name = ""

    def __init__(self, format="rss"):
        self.format = format
        self.feed_type = FORMATS[format].generator

    @classmethod
    def as_view(cls):
        feeds = {name: cls(name) for name in FORMATS}

        @require_safe
        def view(request, format="rss", **kwargs):
            return feeds[format](request, **kwargs)

        return view

    def __call__(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as missing:
            raise Http404("No such feed.") from missing
        etag, last_modified = self.validators(obj)

        @cache_control(public=True, max_age=MAX_AGE)
        @condition(etag_func=lambda request: etag, last_modified_func=lambda request: last_modified)
        def respond(request):
            feed = self.get_feed(obj, request)
            # One string, not the generator's thousands of small writes: the server would
            # send each write as a packet of its own.
            return HttpResponse(feed.writeString("utf-8"), content_type=feed.content_type)

        return respond(request)

    def validators(self, obj) -> tuple[str, datetime | None]:
        """A weak ETag and the Last-Modified time, from the rows `stamp()` and
        `printed_elsewhere()` return."""
        rows = self.stamp(obj)
        elsewhere = self.printed_elsewhere(rows)
        key = repr((release(), self.format, rows))  # the release: its markup and settings
        digest = hashlib.blake2b(f"{key}{elsewhere!r}".encode(), digest_size=12).hexdigest()
        times = [value for row in rows for value in row if isinstance(value, datetime)]
        if elsewhere and (changed := last_change()):
            # Names and tags keep no time of their own: the last editorial change stands
            # in, no earlier than their own last change, so a date never earns a stale 304.
            times.append(changed)
        return f'W/"{digest}"', max(times, default=None)

    def stamp(self, obj) -> list:
        """A few small values that change whenever the feed's items do."""
        raise NotImplementedError

    def printed_elsewhere(self, rows) -> list:
        """What the items of `rows` (from stamp()) print from other tables, which an edit
        there changes without changing the items' own times."""
        return []

    # Feed-level elements.

    def url_kwargs(self, obj) -> dict:
        return {}

    def address(self, obj, format="rss") -> str:
        kwargs = self.url_kwargs(obj) | ({} if format == "rss" else {"format": format})
        return absolute(path_to(self.url_name, **kwargs))

    def links(self, obj) -> list[FeedLink]:
        """This feed in every format, for autodiscovery and the Follow block."""
        title = self.title(obj)
        return [
            FeedLink(self.address(obj, name), f"{title} ({f.label})", f.link_text, f.mime_type)
            for name, f in FORMATS.items()
        ]

    def heading(self, obj) -> str:
        return ""

    def phrase(self, obj) -> str:
        """What the feed follows, to end 'New …': 'articles by Ibrahim Mammadov'."""
        return "articles"

    def page_url(self, obj) -> str:
        return reverse("home")

    def title(self, obj):
        heading = self.heading(obj)
        return f"{heading} – {settings.OUTLET_NAME}" if heading else settings.OUTLET_NAME

    def link(self, obj):
        return absolute(self.page_url(obj))

    def description(self, obj):
        return f"New {self.phrase(obj)} from {settings.OUTLET_NAME}."

    def feed_url(self, obj):
        return self.address(obj, self.format)

    def feed_guid(self, obj):
        return self.feed_url(obj)

    def author_name(self):
        # Atom needs an author for every entry; the outlet stands in where none is named.
        return settings.OUTLET_NAME

    def author_link(self):
        return absolute(reverse("home"))

    @property
    def language(self):
        return settings.OUTLET_LANGUAGE

    def item_guid_is_permalink(self):
        return False


class ArticleFeed(OutletFeed):
    """The newest live articles of `scope()`; subclasses narrow the scope."""

    def scope(self, obj):
        return Article.objects.live()

    def items(self, obj):
        articles = list(self.scope(obj).for_page().newest_first()[:ITEMS])
        attach_disclaimers(articles)
        return articles

    def stamp(self, obj):
        # Going live, an edit or a correction changes a time; a withdrawal changes the set.
        rows = self.scope(obj).newest_first()
        return list(rows.values_list("pk", "published_at", "updated_at", "modified_at")[:ITEMS])

    def printed_elsewhere(self, rows):
        # A renamed author or tag, or an edited disclaimer: in one query, in a fixed order.
        ids = [pk for pk, *_ in rows]
        if not ids:
            return []
        bylines = Byline.objects.filter(article_id__in=ids).values_list(
            "article_id", "role", "author__name", "author__slug"
        )
        tags = TaggedArticle.objects.filter(content_object_id__in=ids).values_list(
            "content_object_id", Value("tag", CharField()), "tag__name", "tag__slug"
        )
        disclaimers = Disclaimer.objects.values_list(
            "pk", Value("disclaimer", CharField()), "text", "default_for"
        )
        printed = bylines.order_by().union(tags.order_by(), disclaimers.order_by(), all=True)
        return sorted(printed)

    def item_title(self, article):
        return article.headline

    def item_link(self, article):
        return absolute(article.get_absolute_url())

    def item_guid(self, article):
        return guid(article)

    def item_description(self, article):
        return escape(article.standfirst)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at or article.published_at

    def item_categories(self, article):
        return sorted(tag.name for tag in article.tags.all())

    def item_extra_kwargs(self, article):
        return {
            "authors": people(article.credited(BylineRole.AUTHOR)),
            "contributors": people(b for b in article.bylines.all() if b.role != BylineRole.AUTHOR),
            "summary": article.standfirst,
            "content_html": self.item_content(article),
            "image": lead_image(article),
            "external_url": article.original_url,
        }

    def item_content(self, article):
        context = {
            "article": article,
            "body": absolute_links(article.body),
            "corrections": article.corrections.all(),
            "disclaimer": article.feed_disclaimer,
        }
        return render_to_string("feeds/article_content.html", context).strip()


def last_change() -> datetime | None:
    """When editors last changed anything (outlet.models.ContentVersion)."""
    return ContentVersion.objects.filter(pk=1).values_list("changed_at", flat=True).first()


def people(bylines) -> list[Person]:
    return [Person(b.author.name, absolute(b.author.get_absolute_url())) for b in bylines]


def lead_image(article) -> Image | None:
    if not article.lead_image:
        return None
    try:
        # A stat on local storage; the image's byte length is what an enclosure declares.
        length = article.lead_image.size
    except (OSError, ValueError):
        length = 0  # a missing file still gets its enclosure; 0 is "unknown" to readers
    mime_type, _ = mimetypes.guess_type(article.lead_image.name)
    return Image(
        url=absolute(article.lead_image.url),
        mime_type=mime_type or "application/octet-stream",
        length=length,
        width=article.lead_image_width,
        height=article.lead_image_height,
        alt=article.lead_image_alt,
        credit=article.lead_image_credit,
    )


def attach_disclaimers(articles) -> None:
    """Set `feed_disclaimer` on each article: Article.disclaimer_for_display(), without its
    query per article for the kind's default when the text was never fixed at publication
    (an article made live without `services.publish`)."""
    unfixed = [a for a in articles if needs_default(a)]
    kinds = {a.kind for a in unfixed}
    defaults = {d.default_for: d for d in Disclaimer.objects.filter(default_for__in=kinds)}
    for article in articles:
        if needs_default(article):
            default = defaults.get(article.kind)
            article.feed_disclaimer = default.render() if default else ""
        else:
            article.feed_disclaimer = article.disclaimer_for_display()


def needs_default(article) -> bool:
    return not (article.disclaimer_text or article.no_disclaimer or article.disclaimer_id)


class SiteFeed(ArticleFeed):
    url_name = "feeds:site"

    def description(self, obj):
        return settings.OUTLET_DESCRIPTION


class KindFeed(ArticleFeed):
    url_name = "feeds:kind"

    def get_object(self, request, kind):
        try:
            return Kind(kind)
        except ValueError as unknown:
            raise ObjectDoesNotExist(kind) from unknown

    def scope(self, kind):
        return super().scope(kind).filter(kind=kind)

    def url_kwargs(self, kind):
        return {"kind": kind.value}

    def heading(self, kind):
        return kind.label

    def phrase(self, kind):
        return f"articles in {kind.label}"

    def page_url(self, kind):
        return reverse("articles:archive")


class AuthorFeed(ArticleFeed):
    url_name = "feeds:author"

    def get_object(self, request, slug):
        return Author.objects.with_live_articles().get(slug=slug)

    def scope(self, author):
        credited = Byline.objects.filter(author=author).values("article_id")
        return super().scope(author).filter(pk__in=credited)

    def url_kwargs(self, author):
        return {"slug": author.slug}

    def heading(self, author):
        return author.name

    def phrase(self, author):
        return f"articles by {author.name}"

    def page_url(self, author):
        return author.get_absolute_url()


class TagFeed(ArticleFeed):
    url_name = "feeds:tag"

    def get_object(self, request, slug):
        return live_tags().get(slug=slug)

    def scope(self, tag):
        return super().scope(tag).filter(tags=tag)

    def url_kwargs(self, tag):
        return {"slug": tag.slug}

    def heading(self, tag):
        return f"Tag: {tag.name}"

    def phrase(self, tag):
        return f"articles tagged “{tag.name}”"

    def page_url(self, tag):
        return path_to("tags:detail", tag.slug)


class CorrectionFeed(OutletFeed):
    """Every correction to a live article, newest first, each linking to its note."""

    url_name = "feeds:corrections"

    def scope(self, obj):
        notes = Correction.objects.filter(article__in=Article.objects.live())
        return notes.order_by("-published_at", "-pk")

    def items(self, obj):
        return self.scope(obj).select_related("article")[:ITEMS]

    def stamp(self, obj):
        # The text too: notes are short, and an edited note must reach subscribers.
        fields = ("pk", "kind", "text", "published_at", "article__modified_at")
        return list(self.scope(obj).values_list(*fields)[:ITEMS])

    def heading(self, obj):
        return "Corrections"

    def phrase(self, obj):
        return "corrections, clarifications and updates"

    def page_url(self, obj):
        return reverse("corrections:list")

    def item_title(self, correction):
        return f"{correction.get_kind_display()}: {correction.article.headline}"

    def item_link(self, correction):
        return absolute(correction.get_absolute_url())

    def item_guid(self, correction):
        return guid(correction.article, f"correction-{correction.pk}")

    def item_description(self, correction):
        return escape(correction.text)

    def item_pubdate(self, correction):
        return correction.published_at

    def item_updateddate(self, correction):
        return correction.published_at

    def item_categories(self, correction):
        return [correction.get_kind_display()]

    def item_extra_kwargs(self, correction):
        article_url = absolute(correction.article.get_absolute_url())
        context = {"correction": correction, "article_url": article_url}
        return {
            "summary": correction.text,
            "content_html": render_to_string("feeds/correction_content.html", context).strip(),
        }
