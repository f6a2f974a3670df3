"""Versions of articles: every save keeps one; editors compare any two and restore an old one.

Kept by django-reversion, a long-lived, well-kept library: each save in the admin and each
workflow step runs in a revision (`reversion.create_revision`) that stores the article with
its bylines and tags, and who saved it, when, and why. django-reversion rather than
django-simple-history because a revision holds the article *and* its related rows as one
version (bylines and tags are saved after the article), with no history table per model.

We do not use its `VersionAdmin`: its "revert" form brings back every field, status and
publication time included (restoring an early draft would take a live piece off the site)
and goes round the workflow's permissions. `restore()` below brings back the text, the
people, the tags, the image and the disclaimer choice, saved as a new version: nothing is
lost, the newer version stays in the history.

This module also guards against lost updates: the article form carries `edit_token()` from
when it was opened, and `conflict()` tells what changed since if someone saved meanwhile.
"""

import difflib
import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from itertools import zip_longest

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from reversion.models import Version
from taggit.models import Tag

from . import services
from .models import (
    Article,
    ArticleEvent,
    Author,
    Byline,
    BylineRole,
    Disclaimer,
    EventAction,
    Kind,
    Status,
    TaggedArticle,
)

# What a version of an article keeps, and how an editor reads each field.
LABELS = {
    "headline": "Headline",
    "slug": "Address",
    "kind": "Kind",
    "standfirst": "Standfirst",
    "body": "Body",
    "people": "People",
    "tags": "Tags",
    "status": "Status",
    "published_at": "Publication time",
    "updated_at": "Last substantive update",
    "lead_image": "Image",
    "lead_image_alt": "Alt text",
    "lead_image_caption": "Caption",
    "lead_image_credit": "Credit",
    "original_publication": "Original publication",
    "original_url": "Original address",
    "disclaimer": "Disclaimer",
    "no_disclaimer": "No disclaimer",
    "disclaimer_text": "Disclaimer as published",
}
STORED_FIELDS = [name for name in LABELS if name not in {"people", "tags"}] + [
    "word_count",
    "lead_image_width",
    "lead_image_height",
    "owner",
    "created_at",
    "modified_at",
]
# What a restore brings back: the piece's content, never its status, times or address.
RESTORED_FIELDS = [
    "headline",
    "kind",
    "standfirst",
    "body",
    "lead_image_alt",
    "lead_image_caption",
    "lead_image_credit",
    "original_publication",
    "original_url",
    "disclaimer_id",
    "no_disclaimer",
]
# Compared line by line (paragraphs); other fields are one line each.
MULTILINE = {"body", "people", "standfirst", "disclaimer_text"}


def register() -> None:
    if reversion.is_registered(Article):
        return
    reversion.register(Article, fields=STORED_FIELDS, follow=["bylines", "taggedarticle_set"])
    reversion.register(Byline)
    reversion.register(TaggedArticle, follow=["tag"])
    if not reversion.is_registered(Tag):
        reversion.register(Tag)


register()


# A version's content, and the article's as it stands.


@dataclass(frozen=True)
class State:
    fields: dict  # attname: value, for the article's own fields
    bylines: tuple = ()  # (position, author_id, role, affiliation), in order
    tags: tuple = ()  # names, sorted


def state_of_article(article: Article) -> State:
    fresh = Article.objects.get(pk=article.pk)
    return State(
        fields=_normalised({name: getattr(fresh, name) for name in _attnames()}),
        bylines=tuple(
            sorted(
                (b.position, b.author_id, b.role, b.affiliation)
                for b in Byline.objects.filter(article_id=article.pk)
            )
        ),
        tags=tuple(sorted(fresh.tags.names(), key=str.casefold)),
    )


def state_of_version(version: Version) -> State:
    """The article of `version` with the bylines and tags saved in the same revision."""
    article_id = int(version.object_id)
    by_model = {}
    for other in version.revision.version_set.all():
        model = ContentType.objects.get_for_id(other.content_type_id).model_class()
        by_model.setdefault(model, []).append(other.field_dict)
    tag_names = {tag["id"]: tag["name"] for tag in by_model.get(Tag, [])}
    return State(
        fields=_normalised(version.field_dict),
        bylines=tuple(
            sorted(
                (b["position"], b["author_id"], b["role"], b["affiliation"])
                for b in by_model.get(Byline, [])
                if b["article_id"] == article_id
            )
        ),
        tags=tuple(
            sorted(
                (
                    tag_names[t["tag_id"]]
                    for t in by_model.get(TaggedArticle, [])
                    if t["content_object_id"] == article_id and t["tag_id"] in tag_names
                ),
                key=str.casefold,
            )
        ),
    )


def _attnames() -> list[str]:
    return [Article._meta.get_field(name).attname for name in STORED_FIELDS]


def _normalised(values: dict) -> dict:
    values = {name: _comparable(values.get(name)) for name in _attnames()}
    image = values["lead_image"]
    values["lead_image"] = getattr(image, "name", image) or ""
    return values


def _comparable(value):
    # Versions are stored as JSON, which keeps times to the millisecond.
    if isinstance(value, datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def _same_content(a: State, b: State) -> bool:
    keys = [k for k in a.fields if k != "modified_at"]
    return (
        [a.fields.get(k) for k in keys] == [b.fields.get(k) for k in keys]
        and a.bylines == b.bylines
        and a.tags == b.tags
    )


# Reading a state as an editor would.


def readable(*states: State) -> list[dict[str, list[str]]]:
    """Each state as {label: lines of text}, names looked up in two queries for them all."""
    author_ids = {row[1] for s in states for row in s.bylines}
    disclaimer_ids = {s.fields.get("disclaimer_id") for s in states} - {None}
    authors = dict(Author.objects.filter(pk__in=author_ids).values_list("pk", "name"))
    disclaimers = dict(Disclaimer.objects.filter(pk__in=disclaimer_ids).values_list("pk", "name"))
    return [_readable(s, authors, disclaimers) for s in states]


def _readable(state: State, authors: dict, disclaimers: dict) -> dict[str, list[str]]:
    f = state.fields
    disclaimer_id = f.get("disclaimer_id")
    values = {
        "headline": f.get("headline"),
        "slug": f.get("slug"),
        "kind": _label(Kind, f.get("kind")),
        "standfirst": f.get("standfirst"),
        "body": paragraphs(f.get("body") or ""),
        "people": [_person(row, authors) for row in state.bylines],
        "tags": ", ".join(state.tags),
        "status": _label(Status, f.get("status")),
        "published_at": when(f.get("published_at")),
        "updated_at": when(f.get("updated_at")),
        "lead_image": f.get("lead_image"),
        "lead_image_alt": f.get("lead_image_alt"),
        "lead_image_caption": f.get("lead_image_caption"),
        "lead_image_credit": f.get("lead_image_credit"),
        "original_publication": f.get("original_publication"),
        "original_url": f.get("original_url"),
        "disclaimer": disclaimers.get(disclaimer_id, "a deleted disclaimer")
        if disclaimer_id
        else "the kind's default",
        "no_disclaimer": "yes" if f.get("no_disclaimer") else "no",
        "disclaimer_text": f.get("disclaimer_text"),
    }
    return {LABELS[name]: _lines(value) for name, value in values.items()}


def _lines(value) -> list[str]:
    if isinstance(value, list):
        return value
    return [line for line in str(value or "").splitlines() if line.strip()]


def _label(choices, value) -> str:
    return choices(value).label if value in choices.values else str(value or "")


def when(value: datetime | None) -> str:
    return f"{timezone.localtime(value):%d %B %Y, %H:%M:%S %Z}" if value else ""


def _person(row: tuple, authors: dict) -> str:
    _, author_id, role, affiliation = row
    name = authors.get(author_id, "a deleted author")
    text = name if role == BylineRole.AUTHOR else f"{name} ({_label(BylineRole, role).lower()})"
    return f"{text} — {affiliation}" if affiliation else text


_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def paragraphs(body: str) -> list[str]:
    """The body as plain paragraphs (list items marked with a bullet), tags stripped."""
    text = _LIST_ITEM.sub("\n• ", _BLOCK_END.sub("\n", body))
    text = html.unescape(_TAG.sub("", text))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# Comparing two states.


@dataclass(frozen=True)
class Row:
    """One line of a comparison: kind is same, changed, removed or added; segments are
    (op, text) pairs with op equal, delete or insert."""

    kind: str
    segments: tuple


@dataclass(frozen=True)
class Change:
    label: str
    rows: tuple = field(default=())


def compare(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[Change]:
    """The fields that differ between two readable states, each with its line diff."""
    return [
        Change(label, tuple(_diff_lines(before.get(label, []), lines)))
        for label, lines in after.items()
        if before.get(label, []) != lines
    ]


def _diff_lines(before: list[str], after: list[str]) -> list[Row]:
    rows = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            count = i2 - i1
            unchanged = f"({count} paragraph{'s' if count > 1 else ''} unchanged)"
            rows.append(Row("same", (("equal", unchanged),)))
            continue
        for old, new in zip_longest(before[i1:i2], after[j1:j2]):
            if old is not None and new is not None:
                rows.append(Row("changed", tuple(_diff_words(old, new))))
            elif old is not None:
                rows.append(Row("removed", (("delete", old),)))
            else:
                rows.append(Row("added", (("insert", new),)))
    return rows


_TOKEN = re.compile(r"\s+|[^\s]+")


def _diff_words(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("insert", "".join(b[j1:j2])))
    return segments


# The history of one article.


def history(article: Article):
    """Its versions, newest first, with who saved each and why."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-pk")
    )


def latest_version_id(article: Article) -> int | None:
    return history(article).values_list("pk", flat=True).first()


def compare_versions(older: Version, newer: Version) -> list[Change]:
    before, after = readable(state_of_version(older), state_of_version(newer))
    return compare(before, after)


def who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "someone"


# Restoring.


@transaction.atomic
def restore(*, article: Article, version: Version, by) -> list[str]:
    """Bring back `version`'s content as a new version; say what could not come back."""
    keep_current(article=article, by=by)
    state = state_of_version(version)
    skipped = []
    saved = when(version.revision.date_created)
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(f"Restored the version of {saved} ({who(version.revision.user)}).")
        for name in RESTORED_FIELDS:
            setattr(article, name, state.fields.get(name))
        if article.disclaimer_id and not Disclaimer.objects.filter(pk=article.disclaimer_id):
            article.disclaimer_id = None
            skipped.append("its disclaimer, which was deleted")
        skipped += _restore_image(article, state)
        services.save_article(article=article)
        skipped += _restore_people(article, state)
        article.tags.set(list(state.tags))
        services.related_saved(article=article)
        reversion.add_to_revision(article)
    ArticleEvent.objects.create(
        article=article, action=EventAction.RESTORE, by=by, note=f"the version of {saved}"
    )
    return skipped


def keep_current(*, article: Article, by) -> None:
    """Keep the article as it stands as a version, if no version holds it yet (a write
    from outside the admin, or a piece older than its history)."""
    latest = history(article).first()
    if latest is not None and _same_content(state_of_version(latest), state_of_article(article)):
        return
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment("As it stood before an earlier version was restored.")
        reversion.add_to_revision(Article.objects.get(pk=article.pk))


def _restore_image(article: Article, state: State) -> list[str]:
    name = state.fields.get("lead_image") or ""
    if name == (article.lead_image.name or ""):
        return []
    if name and not default_storage.exists(name):
        return ["its image, whose file is gone"]
    # Straight into the instance: assigning through the field would open the file.
    article.__dict__["lead_image"] = name
    article.lead_image_width = state.fields.get("lead_image_width")
    article.lead_image_height = state.fields.get("lead_image_height")
    return []


def _restore_people(article: Article, state: State) -> list[str]:
    wanted = [row[1] for row in state.bylines]
    existing = set(Author.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    article.bylines.all().delete()
    for position, author_id, role, affiliation in state.bylines:
        if author_id in existing:
            Byline.objects.create(
                article=article,
                author_id=author_id,
                role=role,
                affiliation=affiliation,
                position=position,
            )
    missing = len([row for row in state.bylines if row[1] not in existing])
    return [f"{missing} byline{'s' if missing > 1 else ''} of deleted authors"] if missing else []


# Lost updates.


def edit_token(article: Article) -> str:
    """What the article form carries from when it was opened: the last-saved time, and
    the version it showed (for telling what changed since)."""
    return f"{article.modified_at.isoformat()}|{latest_version_id(article) or ''}"


@dataclass(frozen=True)
class Conflict:
    names: tuple  # who saved since the form was opened
    saved_at: datetime
    changes: tuple  # Change, when the version the form showed is known
    token: str  # the edit token of the article as it now stands

    @property
    def message(self) -> str:
        people = " and ".join(self.names) or "Someone"
        fields = ", ".join(change.label.lower() for change in self.changes)
        changed = f" They changed: {fields}." if fields else ""
        return (
            f"Not saved: {people} saved this article at {when(self.saved_at)}, after you "
            f"opened it.{changed} Your text is still in the form: compare it with their "
            "changes below, keep what you need, and save again to replace their version "
            "with yours."
        )


def _as_id(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 19 else None  # fits a bigint


def _saved_after(versions, opened_at: str):
    try:
        opened = parse_datetime(opened_at)
    except ValueError:
        opened = None
    return versions.filter(revision__date_created__gt=opened) if opened else versions.none()


def conflict(*, article: Article, token: str) -> Conflict | None:
    """What changed since the form showing `token` was opened, or None if nothing did."""
    rows = Article.objects.filter(pk=article.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()  # held until this save commits: no save in between
    saved_at = rows.values_list("modified_at", flat=True).first()
    opened_at, _, version_id = (token or "").partition("|")
    if saved_at is None or opened_at == saved_at.isoformat():
        return None
    versions = history(article)
    opened = versions.filter(pk=_as_id(version_id)).first() if _as_id(version_id) else None
    since = versions.filter(pk__gt=opened.pk) if opened else _saved_after(versions, opened_at)
    names = tuple(dict.fromkeys(who(v.revision.user) for v in list(since)[::-1]))
    changes = ()
    if opened is not None:
        before, after = readable(state_of_version(opened), state_of_article(article))
        changes = tuple(compare(before, after))
    token = f"{saved_at.isoformat()}|{latest_version_id(article) or ''}"
    return Conflict(names=names, saved_at=saved_at, changes=changes, token=token)
