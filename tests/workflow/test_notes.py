"""Internal editorial notes: on the piece's page in the admin, never on the public site."""

import pytest

from articles import workflow
from articles.models import ArticleEvent, EventAction, Status

from .builders import change_url, make_piece

pytestmark = pytest.mark.django_db


def note_url(article):
    return f"/admin/articles/article/{article.pk}/notes/"


def test_a_note_is_added_and_listed_with_who_wrote_it(as_editor, contributor):
    piece = make_piece(owner=contributor)

    as_editor.post(note_url(piece), {"note-text": "Check the tonnage figure."})

    event = ArticleEvent.objects.get()
    assert (event.action, event.by.username) == (EventAction.NOTE, "eddie")
    page = as_editor.get(change_url(piece)).text
    assert "Check the tonnage figure." in page
    assert "Eddie Editor" in page


def test_a_contributor_notes_their_own_piece_even_in_review(as_contributor, contributor):
    piece = make_piece(owner=contributor, status=Status.REVIEW)
    as_contributor.post(note_url(piece), {"note-text": "Figures added in paragraph 3."})
    assert piece.events.get().note == "Figures added in paragraph 3."


def test_a_contributor_cannot_note_someone_elses_piece(as_contributor, editor):
    piece = make_piece(owner=editor)
    assert as_contributor.post(note_url(piece), {"note-text": "Hello"}).status_code == 404
    assert not ArticleEvent.objects.exists()


def test_an_empty_note_is_refused(as_editor):
    piece = make_piece()
    response = as_editor.post(note_url(piece), {"note-text": "  "}, follow=True)
    assert not ArticleEvent.objects.exists()
    assert any("No note added" in str(m) for m in response.context["messages"])


def test_notes_are_added_only_by_posting(as_editor):
    assert as_editor.get(note_url(make_piece())).status_code == 405


def test_notes_never_reach_the_public_page(client, managing_editor):
    piece = make_piece(status=Status.APPROVED)
    workflow.add_note(article=piece, by=managing_editor, text="Legal cleared it on Tuesday.")
    workflow.publish_now(article=piece, by=managing_editor)

    response = client.get(piece.get_absolute_url())

    assert response.status_code == 200
    assert "Legal cleared it" not in response.text
