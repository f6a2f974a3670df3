"""Reading Outlet's feeds the way feed readers do: feedparser for RSS and Atom, and the
JSON Feed 1.1 rules (https://jsonfeed.org/version/1.1) for JSON Feed. Every read checks
the feed is well formed; `items()` gives one shape for all three formats."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
from django.urls import reverse

FORMATS = ["rss", "atom", "json"]
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def feed_url(name: str, format: str = "rss", **kwargs) -> str:
    if format != "rss":
        kwargs["format"] = format
    return reverse(f"feeds:{name}", kwargs=kwargs)


def read(client, url: str):
    """The parsed feed at `url`: a feedparser result, or a validated JSON Feed dict."""
    response = client.get(url)
    assert response.status_code == 200, url
    if url.endswith("/json/"):
        assert response["Content-Type"].startswith("application/feed+json")
        data = json.loads(response.content)
        assert_valid_json_feed(data)
        return data
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@dataclass
class Item:
    id: str
    title: str
    link: str
    authors: list[str]
    tags: list[str]
    summary: str
    content: str
    published: datetime
    updated: datetime


def items(client, url: str) -> list[Item]:
    feed = read(client, url)
    if isinstance(feed, feedparser.FeedParserDict):
        return [_parsed_item(entry) for entry in feed.entries]
    return [_json_item(item) for item in feed["items"]]


def _parsed_item(entry) -> Item:
    return Item(
        id=entry.id,
        title=entry.title,
        link=entry.link,
        authors=[author.name for author in entry.get("authors", [])],
        tags=[tag.term for tag in entry.get("tags", [])],
        summary=entry.get("summary", ""),
        content=entry.content[0].value if entry.get("content") else "",
        published=_struct_time(entry.published_parsed),
        updated=_struct_time(entry.updated_parsed),
    )


def _json_item(item) -> Item:
    return Item(
        id=item["id"],
        title=item["title"],
        link=item["url"],
        authors=[author["name"] for author in item.get("authors", [])],
        tags=item.get("tags", []),
        summary=item.get("summary", ""),
        content=item["content_html"],
        published=_rfc3339(item["date_published"]),
        updated=_rfc3339(item["date_modified"]),
    )


def _struct_time(value) -> datetime:
    return datetime(*value[:6], tzinfo=UTC)


def _rfc3339(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.tzinfo is not None, f"{value} has no time zone"
    return parsed


def assert_valid_json_feed(feed: dict) -> None:
    """The rules of JSON Feed 1.1 a reader relies on."""
    assert feed["version"] == JSON_FEED_VERSION
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list)
    for key in ("home_page_url", "feed_url", "description", "language"):
        assert isinstance(feed.get(key, ""), str), key
    assert "author" not in feed, "JSON Feed 1.1 deprecates `author` for `authors`"
    _assert_authors(feed.get("authors", []))
    ids = [item.get("id") for item in feed["items"]]
    assert len(set(ids)) == len(ids), "item ids must be unique"
    for item in feed["items"]:
        _assert_valid_item(item)


def _assert_valid_item(item: dict) -> None:
    assert isinstance(item["id"], str) and item["id"]
    assert isinstance(item.get("content_html"), str) or isinstance(item.get("content_text"), str)
    for key in ("url", "external_url", "title", "summary", "image"):
        assert isinstance(item.get(key, ""), str), key
    for key in ("date_published", "date_modified"):
        if key in item:
            _rfc3339(item[key])
    assert isinstance(item.get("tags", []), list)
    assert all(isinstance(tag, str) for tag in item.get("tags", []))
    assert "author" not in item
    _assert_authors(item.get("authors", []))


def _assert_authors(authors) -> None:
    assert isinstance(authors, list)
    for author in authors:
        assert isinstance(author, dict)
        assert {"name", "url", "avatar"} & author.keys(), "an author needs a name, url or avatar"
