"""Corrections: appended by a managing editor, recorded, dated; nobody else adds them."""

import pytest

from articles import workflow
from articles.models import Correction, EventAction, Status
from articles.services import add_correction
from tests.admin.forms import form_data
from tests.builders import make_article

from .builders import change_url, make_piece

pytestmark = pytest.mark.django_db


def new_correction(row=0):
    """Form data for a correction typed into inline row `row`, after `row` existing ones."""
    return {
        "corrections-TOTAL_FORMS": str(row + 1),
        f"corrections-{row}-kind": "correction",
        f"corrections-{row}-published_at_0": "2030-05-12",
        f"corrections-{row}-published_at_1": "09:30:00",
        f"corrections-{row}-text": "The meeting was in Almaty, not Astana.",
    }


def test_a_managing_editor_appends_a_correction_and_it_is_recorded(as_managing_editor):
    article = make_article()
    data = form_data(as_managing_editor.get(change_url(article))) | new_correction()

    as_managing_editor.post(change_url(article), data)

    article.refresh_from_db()
    assert article.corrections.get().text == "The meeting was in Almaty, not Astana."
    assert article.updated_at.year == 2030
    event = article.events.get()
    assert (event.action, event.by.username) == (EventAction.CORRECT, "maya")


def test_an_editor_sees_corrections_but_cannot_add_one_even_by_hand(as_editor):
    article = make_article()
    add_correction(article=article, text="An earlier correction.")
    page = as_editor.get(change_url(article))
    assert "An earlier correction." in page.text

    response = as_editor.post(change_url(article), form_data(page) | new_correction(row=1))

    assert response.status_code == 302  # saved, without the row the editor may not add

    assert Correction.objects.count() == 1


def test_a_piece_not_yet_published_has_no_corrections(as_managing_editor):
    piece = make_piece(status=Status.APPROVED)
    page = as_managing_editor.get(change_url(piece))
    assert "corrections-TOTAL_FORMS" not in page.text


def test_the_service_refuses_an_editor(editor):
    with pytest.raises(workflow.NotPermitted):
        workflow.correct(article=make_article(), by=editor, text="Typo.")


def test_the_service_refuses_a_draft(managing_editor):
    with pytest.raises(workflow.TransitionError, match="Only a published piece"):
        workflow.correct(article=make_piece(), by=managing_editor, text="Typo.")
