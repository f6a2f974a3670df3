"""Feed writers for Django's syndication framework: RSS 2.0 and Atom 1.0 with what
Django's own writers leave out, and JSON Feed 1.1.

A feed class passes these extra item keys to `add_item()`; all are optional:

- `authors`, `contributors`: lists of `Person`, in byline order;
- `content_html`: the full item as HTML (the `description` stays the summary);
- `summary`: the summary as plain text (JSON Feed wants text, RSS and Atom HTML);
- `image`: an `Image`, written as the item's one enclosure too;
- `external_url`: where the piece was first published.
"""

import json
import re
from dataclasses import dataclass

from django.utils import feedgenerator
from django.utils.feedgenerator import rfc3339_date

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"


@dataclass(frozen=True)
class Person:
    name: str
    url: str = ""


@dataclass(frozen=True)
class Image:
    url: str
    mime_type: str
    length: int = 0
    width: int | None = None
    height: int | None = None
    alt: str = ""
    credit: str = ""


def _updated(item):
    return item["updateddate"] or item["pubdate"]


# Characters XML 1.0 forbids; a word processor's paste can bring them into any text field.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """`value` with every character XML cannot carry removed, through lists and people."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    if isinstance(value, Person):
        return Person(xml_safe(value.name), value.url)
    return value


class XmlSafeMixin:
    """Feeds that always serialise: stray control characters are dropped, not fatal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe(args), **{key: xml_safe(v) for key, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe(args), **{key: xml_safe(v) for key, v in kwargs.items()})


class ImageEnclosureMixin:
    """The item's image is its one enclosure (RSS allows no more than one)."""

    def add_item(self, *args, image=None, **kwargs):
        if image:
            kwargs["enclosures"] = [
                feedgenerator.Enclosure(image.url, str(image.length), image.mime_type)
            ]
        super().add_item(*args, image=image, **kwargs)


class RssFeed(XmlSafeMixin, ImageEnclosureMixin, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with one dc:creator per author, the update time, content:encoded and a
    Media RSS image."""

    def rss_attributes(self):
        return super().rss_attributes() | {
            "xmlns:dc": DC,
            "xmlns:dcterms": DCTERMS,
            "xmlns:content": CONTENT,
            "xmlns:media": MEDIA,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for person in item.get("authors", ()):
            handler.addQuickElement("dc:creator", person.name)
        for person in item.get("contributors", ()):
            handler.addQuickElement("dc:contributor", person.name)
        if item["updateddate"]:
            handler.addQuickElement("dcterms:modified", rfc3339_date(item["updateddate"]))
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        if item.get("image"):
            self.add_media(handler, item["image"])

    def add_media(self, handler, image):
        attrs = {"url": image.url, "medium": "image", "type": image.mime_type}
        if image.length:
            attrs["fileSize"] = str(image.length)
        if image.width and image.height:
            attrs |= {"width": str(image.width), "height": str(image.height)}
        handler.startElement("media:content", attrs)
        if image.alt:
            handler.addQuickElement("media:description", image.alt, {"type": "plain"})
        if image.credit:
            handler.addQuickElement("media:credit", image.credit)
        handler.endElement("media:content")


class AtomFeed(XmlSafeMixin, ImageEnclosureMixin, feedgenerator.Atom1Feed):
    """Atom 1.0 with one <author> per author, <contributor>s and <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["updateddate"] is None and item["pubdate"] is not None:
            # Atom requires <updated> on every entry; Django writes it only when given.
            handler.addQuickElement("updated", rfc3339_date(item["pubdate"]))
        for person in item.get("authors", ()):
            self.add_person(handler, "author", person)
        for person in item.get("contributors", ()):
            self.add_person(handler, "contributor", person)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})

    def add_person(self, handler, element, person):
        handler.startElement(element, {})
        handler.addQuickElement("name", person.name)
        if person.url:
            handler.addQuickElement("uri", person.url)
        handler.endElement(element)


class JsonFeed(feedgenerator.SyndicationFeed):
    """JSON Feed 1.1: https://jsonfeed.org/version/1.1"""

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def write(self, outfile, encoding):
        json.dump(self.as_dict(), outfile, ensure_ascii=False, separators=(",", ":"))

    def as_dict(self):
        feed = self.feed
        data = {
            "version": self.version,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
        }
        if feed["author_name"]:
            data["authors"] = [_person(Person(feed["author_name"], feed["author_link"] or ""))]
        data["items"] = [self.item_dict(item) for item in self.items]
        return {key: value for key, value in data.items() if value is not None}

    def item_dict(self, item):
        data = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "external_url": item.get("external_url") or None,
            "title": item["title"],
            "content_html": item.get("content_html") or item["description"] or "",
            "summary": item.get("summary") or None,
            "image": item["image"].url if item.get("image") else None,
            "date_published": rfc3339_date(item["pubdate"]) if item["pubdate"] else None,
            "date_modified": rfc3339_date(_updated(item)) if _updated(item) else None,
            "authors": [_person(person) for person in item.get("authors", ())] or None,
            "tags": list(item["categories"]) or None,
        }
        return {key: value for key, value in data.items() if value is not None}


def _person(person):
    return {"name": person.name, "url": person.url} if person.url else {"name": person.name}
