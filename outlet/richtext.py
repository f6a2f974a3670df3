"""Rich text: the one allowlist every stored HTML field is sanitised against.

The editor (django-prose-editor) offers exactly what the allowlist keeps, so what an
editor can make in the admin is what survives sanitising. HTML is cleaned when it is
saved and trusted nowhere else.
"""

import html
import math
import re

import nh3
from django_prose_editor.fields import ProseEditorField

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_TAG = re.compile(r"<[^>]+>")
_EMPTY_DOCUMENT = re.compile(r"^\s*(<p>\s*(<br>)?\s*</p>\s*)*$")


def sanitise(value: str) -> str:
    """Return `value` with everything outside the allowlist removed."""
    cleaned = _cleaner.clean(value or "").strip()
    return "" if _EMPTY_DOCUMENT.match(cleaned) else cleaned


def plain_text(value: str) -> str:
    """The text of sanitised HTML, with block boundaries kept as spaces."""
    return html.unescape(_TAG.sub(" ", value or "")).strip()


def count_words(value: str) -> int:
    return len(_WORD.findall(plain_text(value)))


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def RichTextField(**kwargs):  # noqa: N802 - reads like the field class it makes
    """A rich-text model field edited with ProseMirror and sanitised by `sanitise`."""
    return ProseEditorField(extensions=EDITOR_EXTENSIONS, sanitize=sanitise, **kwargs)
