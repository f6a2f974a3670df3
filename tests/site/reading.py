"""Read a response the way a reader or a crawler does: its text, its links, its data."""

import json
import re
from html import unescape
from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.jsonld: list[dict] = []
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self._hidden = 0
        self._script_type = None
        self._script: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style", "head", "title"}:
            self._hidden += 1
            self._script_type = attrs.get("type") if tag == "script" else None
            self._script = []
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content", ""))
        if tag == "link":
            self.links.append(attrs)
        if tag in {"p", "li", "h1", "h2", "h3", "dt", "dd", "div", "br"}:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "head", "title"}:
            self._hidden -= 1
            if tag == "script" and self._script_type == "application/ld+json":
                self.jsonld.append(json.loads("".join(self._script)))
            self._script_type = None
        if tag in {"p", "li", "h1", "h2", "h3", "dt", "dd", "div"}:
            self.text.append(" ")

    def handle_data(self, data):
        if self._script_type is not None and self._hidden:
            self._script.append(data)
        elif not self._hidden:
            self.text.append(data)


def page(response) -> _Page:
    parser = _Page()
    parser.feed(response.content.decode())
    return parser


def text(response) -> str:
    """The visible text of an HTML page, whitespace collapsed."""
    return " ".join(unescape("".join(page(response).text)).split())


def jsonld(response) -> list[dict]:
    return page(response).jsonld


def jsonld_types(response) -> list[str]:
    return [data["@type"] for data in jsonld(response)]


def meta(response, key) -> list[str]:
    return page(response).meta.get(key, [])


def canonical(response) -> str:
    (link,) = [link for link in page(response).links if link.get("rel") == "canonical"]
    return link["href"]


def count(pattern: str, response) -> int:
    return len(re.findall(pattern, response.content.decode()))
