"""The workflow's buttons on the article form and its list actions, including requests
posted by hand that the buttons would never make."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, EventAction, Status
from tests.admin.builders import ADD_ARTICLE, new_article_data
from tests.admin.forms import form_data
from tests.builders import make_article

from .builders import STEP, change_url, make_piece, step_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# The buttons shown.


def test_a_contributor_sees_submit_on_their_draft_and_no_publishing(as_contributor, contributor):
    text = as_contributor.get(change_url(make_piece(owner=contributor))).text
    assert f'name="{STEP}" value="submit"' in text
    assert f'name="{STEP}" value="publish"' not in text
    assert f'name="{STEP}" value="approve"' not in text


def test_an_editor_sees_approve_and_return_on_a_piece_in_review(as_editor, contributor):
    text = as_editor.get(change_url(make_piece(owner=contributor, status=Status.REVIEW))).text
    assert f'name="{STEP}" value="approve"' in text
    assert f'name="{STEP}" value="return"' in text
    assert f'name="{STEP}" value="publish"' not in text


def test_a_managing_editor_sees_publish_and_schedule_on_an_approved_piece(as_managing_editor):
    text = as_managing_editor.get(change_url(make_piece(status=Status.APPROVED))).text
    assert f'name="{STEP}" value="publish"' in text
    assert f'name="{STEP}" value="schedule"' in text


# Taking steps.


def test_submitting_saves_the_typed_changes_then_submits(as_contributor, contributor):
    piece = make_piece(owner=contributor)
    data = step_data(as_contributor, piece, "submit", headline="Finished headline")

    response = as_contributor.post(change_url(piece), data, follow=True)

    piece.refresh_from_db()
    assert (piece.headline, piece.status) == ("Finished headline", Status.REVIEW)
    assert "Saved, and submitted for review" in " ".join(messages_of(response))


def test_a_new_piece_can_be_saved_and_submitted_at_once(as_contributor, contributor):
    data = new_article_data(as_contributor) | {STEP: "submit"}
    as_contributor.post(ADD_ARTICLE, data)
    article = Article.objects.get()
    assert (article.owner, article.status) == (contributor, Status.REVIEW)


def test_the_record_starts_with_who_created_the_piece(as_contributor, contributor):
    as_contributor.post(ADD_ARTICLE, new_article_data(as_contributor) | {STEP: "submit"})
    events = Article.objects.get().events.order_by("pk")
    assert [(e.action, e.by) for e in events] == [
        (EventAction.CREATE, contributor),
        (EventAction.SUBMIT, contributor),
    ]


def test_an_editor_returns_a_piece_and_the_contributor_reads_the_note(
    as_editor, as_contributor, contributor
):
    piece = make_piece(owner=contributor, status=Status.REVIEW)
    data = step_data(as_editor, piece, "return", **{"workflow-note": "Cite the 2024 survey."})

    as_editor.post(change_url(piece), data)

    piece.refresh_from_db()
    assert piece.status == Status.DRAFT
    assert "Cite the 2024 survey." in as_contributor.get(change_url(piece)).text


def test_returning_without_a_note_keeps_the_status_and_says_why(as_editor, contributor):
    piece = make_piece(owner=contributor, status=Status.REVIEW)
    data = step_data(as_editor, piece, "return", headline="Tightened")

    response = as_editor.post(change_url(piece), data, follow=True)

    piece.refresh_from_db()
    assert piece.status == Status.REVIEW
    assert piece.headline == "Tightened"  # the edit itself is saved
    assert any("needs a note" in m for m in messages_of(response))


def test_an_editor_approves_with_the_button(as_editor, contributor):
    piece = make_piece(owner=contributor, status=Status.REVIEW)
    as_editor.post(change_url(piece), step_data(as_editor, piece, "approve"))
    piece.refresh_from_db()
    assert piece.status == Status.APPROVED
    assert piece.events.get().action == EventAction.APPROVE


def test_approving_a_draft_is_refused_with_the_reason(as_editor, contributor):
    piece = make_piece(owner=contributor)
    response = as_editor.post(
        change_url(piece), step_data(as_editor, piece, "approve"), follow=True
    )
    piece.refresh_from_db()
    assert piece.status == Status.DRAFT
    assert any("Only a piece in review can be approved." in m for m in messages_of(response))


def test_a_managing_editor_schedules_with_the_button(as_managing_editor):
    piece = make_piece(status=Status.APPROVED)
    at = timezone.localtime() + timedelta(hours=3)
    data = step_data(
        as_managing_editor,
        piece,
        "schedule",
        **{"workflow-at_0": f"{at:%Y-%m-%d}", "workflow-at_1": f"{at:%H:%M:%S}"},
    )

    as_managing_editor.post(change_url(piece), data)

    piece.refresh_from_db()
    assert piece.is_scheduled
    assert piece.published_at.replace(microsecond=0) == at.replace(microsecond=0)


def test_scheduling_with_a_mistyped_time_is_refused_with_the_reason(as_managing_editor):
    piece = make_piece(status=Status.APPROVED)
    data = step_data(as_managing_editor, piece, "schedule", **{"workflow-at_0": "tomorrow"})
    response = as_managing_editor.post(change_url(piece), data, follow=True)
    piece.refresh_from_db()
    assert piece.status == Status.APPROVED
    assert any("Choose the date and time" in m for m in messages_of(response))


def test_a_managing_editor_withdraws_with_the_button(as_managing_editor):
    piece = make_article()
    as_managing_editor.post(change_url(piece), step_data(as_managing_editor, piece, "withdraw"))
    piece.refresh_from_db()
    assert piece.status == Status.WITHDRAWN


# Requests posted by hand.


def test_a_contributor_posting_the_publish_button_by_hand_is_refused(as_contributor, contributor):
    piece = make_piece(owner=contributor, headline="Untouched")
    data = step_data(as_contributor, piece, "publish", headline="Sneaked in")

    response = as_contributor.post(change_url(piece), data)

    assert response.status_code == 403
    piece.refresh_from_db()
    assert (piece.status, piece.headline) == (Status.DRAFT, "Untouched")
    assert not piece.is_live


def test_a_contributor_posting_publish_on_a_new_piece_is_refused(as_contributor):
    data = new_article_data(as_contributor) | {STEP: "publish"}
    assert as_contributor.post(ADD_ARTICLE, data).status_code == 403
    assert not Article.objects.exists()


def test_an_editor_posting_the_publish_button_by_hand_is_refused(as_editor):
    piece = make_piece(status=Status.APPROVED)
    response = as_editor.post(change_url(piece), step_data(as_editor, piece, "publish"))
    assert response.status_code == 403
    piece.refresh_from_db()
    assert piece.status == Status.APPROVED


def test_a_contributor_posting_approve_on_their_draft_is_refused(as_contributor, contributor):
    piece = make_piece(owner=contributor)
    response = as_contributor.post(change_url(piece), step_data(as_contributor, piece, "approve"))
    assert response.status_code == 403


def test_a_made_up_step_is_refused(as_managing_editor):
    piece = make_piece(status=Status.APPROVED)
    data = step_data(as_managing_editor, piece, "launch")
    assert as_managing_editor.post(change_url(piece), data).status_code == 403


# List actions.


def select(action, *articles):
    return {"action": action, "_selected_action": [str(a.pk) for a in articles]}


def test_a_managing_editor_publishes_several_approved_pieces_from_the_list(as_managing_editor):
    pieces = [make_piece(status=Status.APPROVED) for _ in range(2)]
    as_managing_editor.post(CHANGELIST, select("publish_selected", *pieces))
    assert all(Article.objects.get(pk=p.pk).is_live for p in pieces)


def test_a_list_action_names_each_piece_it_refused(as_editor):
    ready = make_piece(status=Status.REVIEW, headline="Ready")
    early = make_piece(headline="Still a draft")

    response = as_editor.post(CHANGELIST, select("approve_selected", ready, early), follow=True)

    assert Article.objects.get(pk=ready.pk).status == Status.APPROVED
    assert Article.objects.get(pk=early.pk).status == Status.DRAFT
    said = messages_of(response)
    assert "1 article approved." in said
    assert "“Still a draft”: Only a piece in review can be approved." in said


def test_an_editor_is_not_offered_the_publishing_actions(as_editor):
    actions = as_editor.get(CHANGELIST).context["action_form"].fields["action"].choices
    names = {name for name, _ in actions}
    assert {"approve_selected", "submit_selected"} <= names
    assert not names & {"publish_selected", "withdraw_selected", "delete_selected"}


def test_an_editor_posting_the_publish_action_by_hand_changes_nothing(as_editor):
    piece = make_piece(status=Status.APPROVED)
    as_editor.post(CHANGELIST, select("publish_selected", piece))
    assert Article.objects.get().status == Status.APPROVED


def test_a_contributors_action_reaches_only_their_own_pieces(as_contributor, editor):
    theirs = make_piece(owner=editor)
    as_contributor.post(CHANGELIST, select("submit_selected", theirs))
    assert Article.objects.get().status == Status.DRAFT


def test_the_form_keeps_its_fields_for_the_buttons(as_managing_editor):
    piece = make_piece(status=Status.APPROVED)
    data = form_data(as_managing_editor.get(change_url(piece)))
    assert {"workflow-note", "workflow-at_0", "workflow-at_1", "edit_token"} <= set(data)
