"""Revisions: a version at every save, a readable diff between any two, and a restore
that brings old text back as a new version, losing nothing."""

import pytest
from reversion.models import Version

from articles import revisions, workflow
from articles.models import Article, EventAction, Status
from tests.admin.forms import form_data
from tests.builders import make_author

from .builders import change_url, make_piece

pytestmark = pytest.mark.django_db

FIRST_BODY = "<p>The river rises in the Tian Shan.</p><p>It feeds the Aral Sea.</p>"
SECOND_BODY = "<p>The river rises in the Tian Shan.</p><p>It no longer reaches the Aral Sea.</p>"


def save(client, article, **fields):
    data = form_data(client.get(change_url(article))) | fields
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def revisions_url(article, **query):
    url = f"/admin/articles/article/{article.pk}/revisions/"
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def edited_twice(as_editor):
    """A draft saved twice in the admin: a new headline and a changed paragraph."""
    piece = make_piece(headline="Syr Darya", body=FIRST_BODY)
    save(as_editor, piece)
    save(as_editor, piece, headline="The shrinking Syr Darya", body=SECOND_BODY)
    return piece


def test_every_save_keeps_a_version_with_who_and_when(edited_twice, editor):
    versions = list(revisions.history(edited_twice))
    assert len(versions) == 2
    assert {v.revision.user for v in versions} == {editor}
    assert versions[0].revision.date_created >= versions[1].revision.date_created


def test_a_version_names_only_what_the_editor_changed(edited_twice):
    comments = [v.revision.get_comment() for v in revisions.history(edited_twice)]
    assert comments == ["Changed Headline and Body.", "No fields changed."]


def test_a_version_keeps_the_fields_the_people_and_the_tags(as_editor):
    author = make_author(name="Aigerim Sadykova")
    piece = make_piece(authors=[author], tags=["Water"])
    save(as_editor, piece)
    state = revisions.state_of_version(revisions.history(piece).get())
    assert state.fields["headline"] == piece.headline
    assert [row[1] for row in state.bylines] == [author.pk]
    assert state.tags == ("Water",)


def test_the_revisions_page_lists_each_version(as_editor, edited_twice):
    text = as_editor.get(revisions_url(edited_twice)).content.decode()
    assert text.count("Restore this version") == 1  # every version but the current one
    assert "Eddie Editor" in text


def test_the_diff_shows_the_changed_headline_and_paragraph(as_editor, edited_twice):
    older, newer = list(revisions.history(edited_twice))[::-1]

    response = as_editor.get(revisions_url(edited_twice, **{"from": older.pk, "to": newer.pk}))

    changes = {change.label: change for change in response.context["changes"]}
    assert set(changes) >= {"Headline", "Body"}
    text = response.content.decode()
    assert '<ins><span class="visually-hidden">[added: </span>The shrinking' in text
    assert "no longer reaches" in text
    assert "<p>" not in str(changes["Body"].rows)  # tags stripped: editors read text
    assert "(1 paragraph unchanged)" in text


def test_the_diff_reads_either_way_round(as_editor, edited_twice):
    older, newer = list(revisions.history(edited_twice))[::-1]
    forwards = as_editor.get(revisions_url(edited_twice, **{"from": older.pk, "to": newer.pk}))
    backwards = as_editor.get(revisions_url(edited_twice, **{"from": newer.pk, "to": older.pk}))
    assert forwards.context["changes"] == backwards.context["changes"]


@pytest.mark.parametrize("query", [{"from": "abc", "to": "%00"}, {"from": "9" * 30}, {"to": "-1"}])
def test_bad_choices_fall_back_to_the_latest_two(as_editor, edited_twice, query):
    response = as_editor.get(revisions_url(edited_twice, **query))
    assert response.status_code == 200
    assert response.context["changes"]


def test_restoring_brings_back_the_old_text_as_a_new_version(as_editor, edited_twice):
    older = revisions.history(edited_twice).last()

    as_editor.post(f"/admin/articles/article/{edited_twice.pk}/revisions/{older.pk}/restore/")

    edited_twice.refresh_from_db()
    assert edited_twice.headline == "Syr Darya"
    assert "It feeds the Aral Sea." in edited_twice.body
    versions = list(revisions.history(edited_twice))
    assert len(versions) == 3
    assert versions[1].field_dict["headline"] == "The shrinking Syr Darya"  # kept
    assert edited_twice.events.get().action == EventAction.RESTORE


def test_restoring_brings_back_the_people_and_the_tags(as_editor):
    first, second = make_author(), make_author()
    piece = make_piece(authors=[first], tags=["Water"])
    save(as_editor, piece)
    old = revisions.history(piece).get()
    save(as_editor, piece, **{"bylines-0-author": str(second.pk), "tags": "Energy"})

    revisions.restore(article=piece, version=old, by=None)

    assert [b.author for b in piece.bylines.all()] == [first]
    assert list(piece.tags.names()) == ["Water"]


def test_restoring_leaves_a_live_piece_live(as_managing_editor, managing_editor):
    piece = make_piece(status=Status.APPROVED, headline="Early draft")
    save(as_managing_editor, piece)
    early = revisions.history(piece).get()
    workflow.publish_now(article=piece, by=managing_editor)

    revisions.restore(article=piece, version=early, by=managing_editor)

    piece.refresh_from_db()
    assert piece.is_live
    assert piece.headline == "Early draft"


def test_what_stood_before_a_restore_is_kept_even_if_saved_outside_the_admin(as_editor):
    piece = make_piece(headline="Saved in the admin")
    save(as_editor, piece)
    old = revisions.history(piece).get()
    Article.objects.filter(pk=piece.pk).update(headline="Changed from a shell")
    piece.refresh_from_db()

    revisions.restore(article=piece, version=old, by=None)

    kept = [v.field_dict["headline"] for v in revisions.history(piece)]
    assert kept == ["Saved in the admin", "Changed from a shell", "Saved in the admin"]


def test_a_contributor_cannot_restore_their_piece_in_review(as_contributor, contributor):
    piece = make_piece(owner=contributor)
    save(as_contributor, piece)
    version = revisions.history(piece).get()
    piece.status = Status.REVIEW
    piece.save()
    url = f"/admin/articles/article/{piece.pk}/revisions/{version.pk}/restore/"
    assert as_contributor.post(url).status_code == 403


def test_restoring_only_answers_a_post(as_editor, edited_twice):
    version = revisions.history(edited_twice).last()
    url = f"/admin/articles/article/{edited_twice.pk}/revisions/{version.pk}/restore/"
    assert as_editor.get(url).status_code == 405


def test_a_version_of_another_article_cannot_be_restored_here(as_editor, edited_twice):
    other = make_piece()
    save(as_editor, other)
    foreign = Version.objects.get_for_object(other).get()
    url = f"/admin/articles/article/{edited_twice.pk}/revisions/{foreign.pk}/restore/"
    assert as_editor.post(url).status_code == 404


def test_paragraphs_are_read_without_their_tags():
    body = "<h2>Why</h2><p>One <em>two</em>.</p><ul><li>Three</li></ul><p>Four&amp;five</p>"
    assert revisions.paragraphs(body) == ["Why", "One two.", "• Three", "Four&five"]
