"""The admin's front page: each person's drafts, what waits for review and publication,
what is scheduled and what went live, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Status
from tests.builders import make_article

from .builders import make_piece

pytestmark = pytest.mark.django_db


def desk(client):
    return {d.title: [str(a) for a in d.articles] for d in client.get("/admin/").context["desk"]}


def test_a_contributor_sees_their_own_drafts_and_submissions_only(
    as_contributor, contributor, other_contributor
):
    make_piece(owner=contributor, headline="My draft")
    make_piece(owner=other_contributor, headline="Their draft")
    make_piece(owner=contributor, status=Status.REVIEW, headline="My submission")
    make_piece(owner=other_contributor, status=Status.REVIEW, headline="Their submission")

    seen = desk(as_contributor)

    assert seen["Your drafts"] == ["My draft"]
    assert seen["Waiting for review"] == ["My submission"]


def test_a_returned_draft_shows_the_editors_note(as_contributor, contributor, editor):
    piece = make_piece(owner=contributor, status=Status.REVIEW, headline="Sent back")
    workflow.return_to_author(article=piece, by=editor, note="Needs a stronger ending.")

    text = as_contributor.get("/admin/").content.decode()

    assert "Returned by Eddie Editor: “Needs a stronger ending.”" in text


def test_an_editor_sees_everything_waiting_for_review(as_editor, contributor, other_contributor):
    make_piece(owner=contributor, status=Status.REVIEW, headline="First in")
    make_piece(owner=other_contributor, status=Status.REVIEW, headline="Second in")
    assert desk(as_editor)["Waiting for review"] == ["First in", "Second in"]


def test_a_managing_editor_sees_what_is_approved_scheduled_and_live(
    as_managing_editor, managing_editor
):
    make_piece(status=Status.APPROVED, headline="Ready")
    soon = make_piece(status=Status.APPROVED, headline="Tomorrow's")
    workflow.schedule(article=soon, by=managing_editor, at=timezone.now() + timedelta(days=1))
    make_article(headline="Out this morning")

    seen = desk(as_managing_editor)

    assert seen["Approved, waiting to be published"] == ["Ready"]
    assert seen["Scheduled"] == ["Tomorrow's"]
    assert seen["Live recently"] == ["Out this morning"]


def test_someone_without_articles_gets_no_desk(client, django_user_model):
    user = django_user_model.objects.create_user(username="x", password="pw", is_staff=True)
    client.force_login(user)
    assert "desk" not in client.get("/admin/").context


def fill_desk(owner, count):
    for n in range(count):
        make_piece(owner=owner, headline=f"Draft {n}")
        make_piece(owner=owner, status=Status.REVIEW)
        make_piece(owner=owner, status=Status.APPROVED)
        make_article(published_at=timezone.now() + timedelta(days=1))
        make_article()
        piece = make_piece(owner=owner, status=Status.REVIEW)
        workflow.return_to_author(article=piece, by=owner, note="Again.")


@pytest.mark.parametrize("count", [1, 30])
def test_the_desk_takes_the_same_queries_for_1_or_30_pieces(
    as_managing_editor, managing_editor, django_assert_num_queries, count
):
    fill_desk(managing_editor, count)
    as_managing_editor.get("/admin/")  # the session, the user and their permissions, once
    # Session, user, permissions (the user's and their groups'); drafts and their returns,
    # review, approved, scheduled, live; the recent-actions box. None per piece.
    with django_assert_num_queries(11):
        assert as_managing_editor.get("/admin/").status_code == 200


def test_a_contributor_reaches_others_live_pieces_on_the_site_not_in_the_admin(
    as_contributor, contributor
):
    live = make_article(headline="Someone else's, live")
    mine = make_piece(owner=contributor, headline="Mine")
    text = as_contributor.get("/admin/").content.decode()
    assert f'href="{live.get_absolute_url()}"' in text
    assert f'href="/admin/articles/article/{mine.pk}/change/"' in text
