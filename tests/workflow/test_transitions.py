"""Each step of the workflow, allowed and refused, as a service (articles.workflow)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import ArticleEvent, EventAction, Status
from articles.services import NO_AUTHOR
from tests.builders import make_article, make_author

from .builders import make_piece

pytestmark = pytest.mark.django_db

SOON = timedelta(minutes=1)


# Allowed.


def test_a_contributor_submits_their_draft(contributor):
    piece = make_piece(owner=contributor)
    workflow.submit(article=piece, by=contributor)
    piece.refresh_from_db()
    assert piece.status == Status.REVIEW


def test_an_editor_returns_a_piece_with_a_note(contributor, editor):
    piece = make_piece(owner=contributor, status=Status.REVIEW)
    workflow.return_to_author(article=piece, by=editor, note="Add the 2024 figures.")
    piece.refresh_from_db()
    assert piece.status == Status.DRAFT
    assert piece.events.get().note == "Add the 2024 figures."


def test_an_editor_approves_a_piece_in_review(contributor, editor):
    piece = make_piece(owner=contributor, status=Status.REVIEW)
    workflow.approve(article=piece, by=editor)
    piece.refresh_from_db()
    assert piece.status == Status.APPROVED


def test_a_managing_editor_publishes_an_approved_piece_now(managing_editor):
    piece = make_piece(status=Status.APPROVED)
    workflow.publish_now(article=piece, by=managing_editor)
    piece.refresh_from_db()
    assert piece.is_live


def test_a_managing_editor_schedules_an_approved_piece(managing_editor):
    piece = make_piece(status=Status.APPROVED)
    at = timezone.now() + SOON
    workflow.schedule(article=piece, by=managing_editor, at=at)
    piece.refresh_from_db()
    assert piece.is_scheduled
    assert piece.published_at == at


def test_a_scheduled_piece_can_be_published_at_once(managing_editor):
    piece = make_piece(status=Status.APPROVED)
    workflow.schedule(article=piece, by=managing_editor, at=timezone.now() + SOON)
    workflow.publish_now(article=piece, by=managing_editor)
    piece.refresh_from_db()
    assert piece.is_live


def test_a_managing_editor_withdraws_a_live_piece(managing_editor):
    piece = make_article()
    workflow.withdraw(article=piece, by=managing_editor)
    piece.refresh_from_db()
    assert piece.status == Status.WITHDRAWN
    assert not piece.is_live


def test_a_withdrawn_piece_put_back_keeps_its_first_date(managing_editor):
    piece = make_article()
    first = piece.published_at
    workflow.withdraw(article=piece, by=managing_editor)
    workflow.publish_now(article=piece, by=managing_editor)
    piece.refresh_from_db()
    assert piece.is_live
    assert piece.published_at == first


def test_publishing_freezes_the_affiliation_line(managing_editor):
    author = make_author(affiliations=[{"role": "fellow", "organisation": "Steppe Forum"}])
    piece = make_piece(status=Status.APPROVED, authors=[author])
    workflow.publish_now(article=piece, by=managing_editor)
    assert piece.bylines.get().affiliation == "Fellow, Steppe Forum"


# Refused: the role.


@pytest.mark.parametrize(
    ("who", "step", "status"),
    [
        ("other_contributor", "submit", Status.DRAFT),
        ("contributor", "return", Status.REVIEW),
        ("contributor", "approve", Status.REVIEW),
        ("contributor", "publish", Status.APPROVED),
        ("contributor", "withdraw", Status.PUBLISHED),
        ("editor", "publish", Status.APPROVED),
        ("editor", "schedule", Status.APPROVED),
        ("editor", "withdraw", Status.PUBLISHED),
    ],
)
def test_a_step_outside_the_role_is_refused_and_changes_nothing(
    request, contributor, who, step, status
):
    actor = request.getfixturevalue(who)
    piece = make_piece(owner=contributor, status=status)

    with pytest.raises(workflow.NotPermitted):
        workflow.perform(step, article=piece, by=actor, note="A note.", at=timezone.now() + SOON)

    piece.refresh_from_db()
    assert piece.status == status
    assert not ArticleEvent.objects.exists()


# Refused: the status.


@pytest.mark.parametrize(
    ("step", "status", "message"),
    [
        ("submit", Status.REVIEW, "Only a draft can be submitted for review."),
        ("return", Status.DRAFT, "Only a piece in review or approved can be returned"),
        ("approve", Status.DRAFT, "Only a piece in review can be approved."),
        ("approve", Status.APPROVED, "Only a piece in review can be approved."),
        ("publish", Status.DRAFT, "Only an approved, scheduled or withdrawn piece can be"),
        ("publish", Status.REVIEW, "Only an approved, scheduled or withdrawn piece can be"),
        ("schedule", Status.DRAFT, "Only an approved, scheduled or withdrawn piece can be"),
        ("withdraw", Status.APPROVED, "Only a published or scheduled piece can be withdrawn."),
    ],
)
def test_a_step_from_the_wrong_status_is_refused_with_a_clear_message(
    managing_editor, step, status, message
):
    piece = make_piece(owner=managing_editor, status=status)

    with pytest.raises(workflow.TransitionError, match=message):
        workflow.perform(
            step, article=piece, by=managing_editor, note="A note.", at=timezone.now() + SOON
        )

    piece.refresh_from_db()
    assert piece.status == status


def test_a_live_piece_cannot_be_published_again(managing_editor):
    with pytest.raises(workflow.TransitionError, match="already live"):
        workflow.publish_now(article=make_article(), by=managing_editor)


def test_returning_needs_a_note(editor):
    piece = make_piece(status=Status.REVIEW)
    with pytest.raises(workflow.TransitionError, match="needs a note"):
        workflow.return_to_author(article=piece, by=editor, note="  ")
    assert type(piece).objects.get().status == Status.REVIEW


def test_scheduling_needs_a_time_in_the_future(managing_editor):
    piece = make_piece(status=Status.APPROVED)
    with pytest.raises(workflow.TransitionError, match="a time in the future"):
        workflow.schedule(article=piece, by=managing_editor, at=timezone.now() - SOON)
    piece.refresh_from_db()
    assert piece.status == Status.APPROVED


def test_publishing_without_an_author_is_refused(managing_editor):
    piece = make_piece(status=Status.APPROVED, authors=[])
    with pytest.raises(workflow.TransitionError, match=NO_AUTHOR):
        workflow.publish_now(article=piece, by=managing_editor)
    piece.refresh_from_db()
    assert piece.status == Status.APPROVED


# Recorded.


def test_each_step_records_who_took_it_and_when(contributor, editor, managing_editor):
    piece = make_piece(owner=contributor)
    before = timezone.now()

    workflow.submit(article=piece, by=contributor)
    workflow.return_to_author(article=piece, by=editor, note="Shorter, please.")
    workflow.submit(article=piece, by=contributor)
    workflow.approve(article=piece, by=editor)
    workflow.schedule(article=piece, by=managing_editor, at=timezone.now() + SOON)
    workflow.withdraw(article=piece, by=managing_editor)

    events = list(piece.events.order_by("at", "pk"))
    assert [(e.action, e.by) for e in events] == [
        (EventAction.SUBMIT, contributor),
        (EventAction.RETURN, editor),
        (EventAction.SUBMIT, contributor),
        (EventAction.APPROVE, editor),
        (EventAction.SCHEDULE, managing_editor),
        (EventAction.WITHDRAW, managing_editor),
    ]
    assert all(before <= e.at <= timezone.now() for e in events)


def test_each_step_keeps_a_version_credited_to_whoever_took_it(contributor, editor):
    piece = make_piece(owner=contributor)
    workflow.submit(article=piece, by=contributor)
    workflow.approve(article=piece, by=editor)
    versions = Version.objects.get_for_object(piece).order_by("pk")
    assert [v.revision.user for v in versions] == [contributor, editor]
    assert [v.field_dict["status"] for v in versions] == [Status.REVIEW, Status.APPROVED]


# The buttons each person sees.


@pytest.mark.parametrize(
    ("who", "status", "steps"),
    [
        ("contributor", Status.DRAFT, ["submit"]),
        ("contributor", Status.REVIEW, []),
        ("editor", Status.DRAFT, ["submit"]),
        ("editor", Status.REVIEW, ["return", "approve"]),
        ("editor", Status.APPROVED, ["return"]),
        ("managing_editor", Status.APPROVED, ["return", "publish", "schedule"]),
        ("managing_editor", Status.PUBLISHED, ["withdraw"]),
        ("managing_editor", Status.WITHDRAWN, ["publish", "schedule"]),
    ],
)
def test_the_steps_offered_fit_the_role_and_the_status(request, contributor, who, status, steps):
    piece = make_piece(owner=contributor, status=status)
    if status == Status.PUBLISHED:
        piece.published_at = timezone.now()
    offered = workflow.available(user=request.getfixturevalue(who), article=piece)
    assert [step.name for step in offered] == steps
