"""The editorial workflow: who may do what to an article, from which status.

A piece goes draft → in review → approved → published (now, or scheduled for a time), and
can be returned to its contributor with a note or withdrawn. Each step is a function here,
keyword-only: it checks the actor's permission and the article's status, raises
`TransitionError` with a sentence for the editor when either forbids it, changes the
article through `articles.services`, and records an `ArticleEvent` (who, what, when, with
what note). It runs inside a django-reversion revision, so the article as it then stands is
kept as a version, attributed to the actor.

Roles are Django groups (articles/migrations/0006_roles.py). Everything here asks for
permissions, never group names: a superuser may do everything, and an outlet may shape its
own groups.

Share-preview links live here too: signed, expiring tokens that name an article and its
`preview_key`; making a new key revokes every link signed with the old one.
"""

import secrets
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import reversion
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from . import (
    revisions,  # noqa: F401 - registers the article with django-reversion
    services,
)
from .models import Article, ArticleEvent, CorrectionKind, EventAction, Status

EDIT_ANY = "articles.edit_any_article"
REVIEW = "articles.review_article"
PUBLISH = "articles.publish_article"
CORRECT = "articles.add_correction"
PREVIEW_SALT = "articles.workflow.preview-link"
PREVIEW_KEY_LENGTH = 32  # Article.preview_key


class TransitionError(Exception):
    """A step that is not allowed now; the message says why, for the editor to read."""


class NotPermitted(TransitionError):
    """The actor's role does not allow the step at all."""


# Who may see and change what.


def sees_every_article(user) -> bool:
    """Editors and managing editors work on every piece; contributors on their own."""
    return user.has_perm(EDIT_ANY)


def may_view(user, article: Article) -> bool:
    perm = user.has_perm("articles.view_article") or user.has_perm("articles.change_article")
    return perm and (sees_every_article(user) or _owns(user, article))


def may_edit(user, article: Article) -> bool:
    """Editors edit any piece; a contributor edits their own, and only while it is a draft."""
    if not user.has_perm("articles.change_article"):
        return False
    return sees_every_article(user) or (_owns(user, article) and article.status == Status.DRAFT)


def _owns(user, article: Article) -> bool:
    return article.owner_id is not None and article.owner_id == user.pk


def _may_submit(user, article: Article) -> bool:
    return user.has_perm("articles.change_article") and (
        sees_every_article(user) or _owns(user, article)
    )


# The transitions.


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # the button
    done: str  # "approved": what the piece was, once the step is taken
    permitted: Callable  # (user, article) -> bool
    refusal: str  # said to whoever lacks the permission
    needs_note: bool = False
    needs_time: bool = False


def _perm(name):
    return lambda user, article: user.has_perm(name)


PUBLISHABLE = {Status.APPROVED, Status.WITHDRAWN}

TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            "Submit for review",
            "submitted for review",
            _may_submit,
            "You may submit only your own pieces for review.",
        ),
        Transition(
            "return",
            "Return to the contributor",
            "returned to the contributor",
            _perm(REVIEW),
            "You may not return pieces: that takes the Editor role.",
            needs_note=True,
        ),
        Transition(
            "approve",
            "Approve",
            "approved",
            _perm(REVIEW),
            "You may not approve pieces: that takes the Editor role.",
        ),
        Transition(
            "publish",
            "Publish now",
            "published",
            _perm(PUBLISH),
            "You may not publish: that takes the Managing editor role.",
        ),
        Transition(
            "schedule",
            "Schedule",
            "scheduled",
            _perm(PUBLISH),
            "You may not schedule pieces: that takes the Managing editor role.",
            needs_time=True,
        ),
        Transition(
            "withdraw",
            "Withdraw",
            "withdrawn",
            _perm(PUBLISH),
            "You may not withdraw pieces: that takes the Managing editor role.",
        ),
    ]
}
# The steps whose outcome is a published piece: they need an author byline.
PUBLISHING = {"publish", "schedule"}


def permitted(name: str, *, user, article: Article) -> bool:
    transition = TRANSITIONS.get(name)
    return transition is not None and transition.permitted(user, article)


def status_refusal(name: str, article: Article) -> str | None:
    """Why the article's status forbids the step, or None when it allows it."""
    status = article.status
    if name == "submit" and status != Status.DRAFT:
        return "Only a draft can be submitted for review."
    if name == "return" and status not in {Status.REVIEW, Status.APPROVED}:
        return "Only a piece in review or approved can be returned to its contributor."
    if name == "approve" and status != Status.REVIEW:
        return "Only a piece in review can be approved."
    if name in PUBLISHING:
        return _publishing_refusal(name, article)
    if name == "withdraw" and status != Status.PUBLISHED:
        return "Only a published or scheduled piece can be withdrawn."
    return None


def _publishing_refusal(name: str, article: Article) -> str | None:
    verb = "published" if name == "publish" else "scheduled"
    if article.is_live:
        return f"This piece is already live: it cannot be {verb} again."
    if article.status in PUBLISHABLE or article.is_scheduled:
        return None
    return (
        f"Only an approved, scheduled or withdrawn piece can be {verb}: this one is "
        f"“{article.get_status_display().lower()}”."
    )


def available(*, user, article: Article) -> list[Transition]:
    """The steps `user` may take on `article` now: the buttons to show."""
    return [
        t
        for name, t in TRANSITIONS.items()
        if t.permitted(user, article) and status_refusal(name, article) is None
    ]


def _check(name: str, *, article: Article, by) -> None:
    transition = TRANSITIONS[name]
    if not transition.permitted(by, article):
        raise NotPermitted(transition.refusal)
    refusal = status_refusal(name, article)
    if refusal:
        raise TransitionError(refusal)


@contextmanager
def _recorded(article: Article, *, by, action: str, note: str = ""):
    """One revision and one event for one step, or neither when the step fails."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        label = f"{EventAction(action).label.capitalize()}."
        reversion.set_comment(" ".join(filter(None, [reversion.get_comment(), label])))
        yield
        ArticleEvent.objects.create(article=article, action=action, by=by, note=note)


def _set_status(article: Article, status: str) -> None:
    article.status = status
    article.save(update_fields=["status", "modified_at"])


def submit(*, article: Article, by) -> Article:
    _check("submit", article=article, by=by)
    with _recorded(article, by=by, action=EventAction.SUBMIT):
        _set_status(article, Status.REVIEW)
    return article


def return_to_author(*, article: Article, by, note: str) -> Article:
    _check("return", article=article, by=by)
    note = note.strip()
    if not note:
        raise TransitionError("Say what to change: returning a piece needs a note.")
    with _recorded(article, by=by, action=EventAction.RETURN, note=note):
        _set_status(article, Status.DRAFT)
    return article


def approve(*, article: Article, by) -> Article:
    _check("approve", article=article, by=by)
    with _recorded(article, by=by, action=EventAction.APPROVE):
        _set_status(article, Status.APPROVED)
    return article


def publish_now(*, article: Article, by) -> Article:
    """Make the piece live now; one put back after withdrawal keeps its first date."""
    _check("publish", article=article, by=by)
    with _recorded(article, by=by, action=EventAction.PUBLISH):
        _publish(article, publication_time("publish", article))
    return article


def publication_time(step: str | None, article: Article, *, at: datetime | None = None):
    """The publication time `article` has once `step` is taken: Publish now keeps the
    first date of a piece put back after withdrawal, or else says now; Schedule says `at`,
    a time to come. A step that will be refused, any other step, or none, leaves it."""
    first = article.published_at
    if step not in PUBLISHING or status_refusal(step, article):
        return first
    now = timezone.now()
    if step == "schedule":
        return at if at is not None and at > now else first
    return first if first is not None and first <= now else now


def schedule(*, article: Article, by, at: datetime) -> Article:
    """Publish the piece at `at`: it goes live by itself then, with no job to run."""
    _check("schedule", article=article, by=by)
    if at <= timezone.now():
        raise TransitionError("Choose a time in the future; to publish now, use Publish now.")
    note = f"for {timezone.localtime(at):%d %B %Y, %H:%M %Z}"
    with _recorded(article, by=by, action=EventAction.SCHEDULE, note=note):
        _publish(article, at)
    return article


def _publish(article: Article, at: datetime) -> None:
    try:
        services.publish(article=article, at=at)
    except ValidationError as error:
        raise TransitionError(" ".join(error.messages)) from error


def withdraw(*, article: Article, by) -> Article:
    """Take the piece off the site (or off the schedule); its address answers 404, and so
    do the preview links given out for it."""
    _check("withdraw", article=article, by=by)
    with _recorded(article, by=by, action=EventAction.WITHDRAW):
        services.withdraw(article=article)
        _renew_preview_key(article)
    return article


def perform(name: str, *, article: Article, by, note: str = "", at: datetime | None = None):
    """The step called `name` (a key of TRANSITIONS), as a button or an admin action asks."""
    if name not in TRANSITIONS:
        raise TransitionError("There is no such step.")
    if name == "return":
        return return_to_author(article=article, by=by, note=note)
    if name == "schedule":
        if at is None:
            _check("schedule", article=article, by=by)
            raise TransitionError("Choose the date and time to schedule the piece for.")
        return schedule(article=article, by=by, at=at)
    steps = {"submit": submit, "approve": approve, "publish": publish_now, "withdraw": withdraw}
    return steps[name](article=article, by=by)


# The record beyond the steps: creation, notes, corrections.


def created(*, article: Article, by) -> ArticleEvent:
    """Note who started the piece, as the first line of its record."""
    return ArticleEvent.objects.create(article=article, action=EventAction.CREATE, by=by)


def add_note(*, article: Article, by, text: str) -> ArticleEvent:
    """An internal note on the piece, for the people working on it; never public."""
    if not may_view(by, article):
        raise NotPermitted("You may add notes only to pieces you can open.")
    text = text.strip()
    if not text:
        raise TransitionError("Write the note before adding it.")
    return ArticleEvent.objects.create(article=article, action=EventAction.NOTE, by=by, note=text)


def correct(
    *,
    article: Article,
    by,
    text: str,
    kind: str = CorrectionKind.CORRECTION,
    at: datetime | None = None,
):
    """Append a dated correction to a published piece (managing editors)."""
    if not by.has_perm(CORRECT):
        raise NotPermitted("You may not add corrections: that takes the Managing editor role.")
    if article.status != Status.PUBLISHED:
        raise TransitionError("Only a published piece takes corrections: edit the text instead.")
    with transaction.atomic():
        correction = services.add_correction(article=article, text=text, kind=kind, at=at)
        ArticleEvent.objects.create(
            article=article,
            action=EventAction.CORRECT,
            by=by,
            note=f"{correction.get_kind_display()}: {text}",
        )
    return correction


# Share-preview links.


def preview_path(article: Article) -> str:
    """The address of a signed preview of `article`, valid PREVIEW_LINK_MAX_AGE seconds."""
    token = signing.dumps([article.pk, article.preview_key], salt=PREVIEW_SALT, compress=True)
    return reverse("articles:preview", kwargs={"token": token})


def article_for_preview(token: str) -> Article | None:
    """The article a preview token names, or None if it is invalid, expired or revoked."""
    try:
        pk, key = signing.loads(token, salt=PREVIEW_SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Article.objects.for_page().filter(pk=pk, preview_key=key).first()


def new_preview_link(*, article: Article, by) -> str:
    """A new key for the article's preview links: the links given out so far stop working."""
    if not may_edit(by, article):
        raise NotPermitted("You may make preview links only for pieces you can edit.")
    _renew_preview_key(article)
    ArticleEvent.objects.create(
        article=article,
        action=EventAction.NOTE,
        by=by,
        note="Made a new preview link; the earlier links no longer open the piece.",
    )
    return preview_path(article)


def _renew_preview_key(article: Article) -> None:
    article.preview_key = secrets.token_urlsafe(PREVIEW_KEY_LENGTH)[:PREVIEW_KEY_LENGTH]
    # Not a save: a new key is no edit, and must not interrupt anyone's open form.
    Article.objects.filter(pk=article.pk).update(preview_key=article.preview_key)


# The editorial desk: the admin's front page.

DESK_LENGTH = 10


@dataclass(frozen=True)
class DeskList:
    title: str
    articles: list
    empty: str  # what to say when there is nothing
    link: str = ""  # the query string of the article list that shows all of them
    more: str = ""  # that link's text


def desk(user) -> list[DeskList]:
    """What `user` has to act on: their drafts (with the note of the last return), what
    waits for review or publication, what is scheduled, what went live lately. One query a
    list (two for drafts), however many pieces."""
    articles = Article.objects.defer("body", "search_vector").select_related("owner")
    visible = articles if sees_every_article(user) else articles.filter(owner=user)
    returns = Prefetch(
        "events",
        queryset=ArticleEvent.objects.filter(action=EventAction.RETURN).select_related("by"),
        to_attr="returns",
    )
    live = Article.objects.live()
    mine = articles.filter(owner=user, status=Status.DRAFT).prefetch_related(returns)

    def first(queryset):
        return list(queryset[:DESK_LENGTH])

    return [
        DeskList("Your drafts", first(mine.order_by("-modified_at")), "No drafts of yours."),
        DeskList(
            "Waiting for review",
            first(visible.filter(status=Status.REVIEW).order_by("modified_at")),
            "Nothing waits for review.",
            "status=review",
            "Every piece in review",
        ),
        DeskList(
            "Approved, waiting to be published",
            first(visible.filter(status=Status.APPROVED).order_by("modified_at")),
            "Nothing approved waits.",
            "status=approved",
            "Every approved piece",
        ),
        DeskList(
            "Scheduled",
            first(visible.scheduled().order_by("published_at")),
            "Nothing is scheduled.",
            "status=scheduled",
            "Every scheduled piece",
        ),
        DeskList(
            "Live recently",
            first(live.defer("body", "search_vector").select_related("owner").newest_first()),
            "Nothing is live yet.",
            "status=published",
            "Every live piece",
        ),
    ]
