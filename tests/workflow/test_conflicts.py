"""No lost update: of two editors who opened the same piece, the second to save is told
what the first changed, and keeps what they typed."""

import pytest

from articles import workflow
from articles.models import Article
from tests.admin.forms import form_data

from .builders import change_url, make_piece, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def piece(as_editor):
    """A draft with a version from an admin save, as most pieces have."""
    article = make_piece(headline="Water rights", body="<p>First paragraph.</p>")
    as_editor.post(change_url(article), form_data(as_editor.get(change_url(article))))
    return article


@pytest.fixture
def two_forms(piece, editor, managing_editor):
    """The piece's form, opened by two people at once."""
    first, second = signed_in(editor), signed_in(managing_editor)
    return (
        (first, form_data(first.get(change_url(piece)))),
        (second, form_data(second.get(change_url(piece)))),
    )


def test_the_second_save_is_refused_and_says_who_changed_what(piece, two_forms):
    (first, first_form), (second, second_form) = two_forms
    first.post(change_url(piece), first_form | {"headline": "Water rights, revised"})

    response = second.post(change_url(piece), second_form | {"body": "<p>Typed by Maya.</p>"})

    assert response.status_code == 200
    text = response.content.decode()
    assert "Not saved: Eddie Editor saved this article at" in text
    assert "They changed: headline." in text
    conflict = response.context["adminform"].form.conflict
    assert [change.label for change in conflict.changes] == ["Headline"]
    assert "rights, revised" in text  # in the comparison shown


def test_the_refused_form_keeps_what_the_second_editor_typed(piece, two_forms):
    (first, first_form), (second, second_form) = two_forms
    first.post(change_url(piece), first_form | {"headline": "Water rights, revised"})

    response = second.post(change_url(piece), second_form | {"body": "<p>Typed by Maya.</p>"})

    assert "Typed by Maya." in response.content.decode()
    assert form_data(response)["body"] == "<p>Typed by Maya.</p>"


def test_the_first_save_stays_intact(piece, two_forms):
    (first, first_form), (second, second_form) = two_forms
    first.post(change_url(piece), first_form | {"headline": "Water rights, revised"})

    second.post(change_url(piece), second_form | {"headline": "Overwritten?"})

    saved = Article.objects.get()
    assert saved.headline == "Water rights, revised"


def test_saving_again_after_seeing_the_changes_replaces_them(piece, two_forms):
    (first, first_form), (second, second_form) = two_forms
    first.post(change_url(piece), first_form | {"headline": "Water rights, revised"})
    refused = second.post(change_url(piece), second_form | {"headline": "Maya's headline"})

    response = second.post(change_url(piece), form_data(refused))

    assert response.status_code == 302
    assert Article.objects.get().headline == "Maya's headline"


def test_a_form_without_its_version_is_refused_not_crashed(piece, as_editor):
    data = form_data(as_editor.get(change_url(piece))) | {"headline": "Blind save"}
    for token in ["", "garbage|", "2020-01-01T00:00:00+00:00|99999999999999999999", "\x00"]:
        response = as_editor.post(change_url(piece), data | {"edit_token": token})
        assert response.status_code == 200
        assert "Not saved:" in response.content.decode()
    assert Article.objects.get().headline == "Water rights"


def test_a_save_on_an_unchanged_piece_goes_through(piece, as_editor):
    data = form_data(as_editor.get(change_url(piece))) | {"headline": "Quietly improved"}
    assert as_editor.post(change_url(piece), data).status_code == 302
    assert Article.objects.get().headline == "Quietly improved"


def test_a_workflow_step_meanwhile_counts_as_a_change(piece, two_forms, managing_editor):
    (first, first_form), _ = two_forms
    workflow.submit(article=piece, by=managing_editor)

    response = first.post(change_url(piece), first_form | {"headline": "Too late"})

    assert "They changed: status." in response.content.decode()
