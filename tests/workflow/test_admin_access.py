"""The admin enforces the roles per piece, not only by hiding buttons."""

import pytest

from articles.models import Article, Status
from tests.admin.builders import ADD_ARTICLE, new_article_data
from tests.admin.forms import form_data
from tests.builders import make_article, make_author

from .builders import change_url, make_piece, signed_in

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def test_a_contributor_lists_only_their_own_pieces(as_contributor, contributor, editor):
    make_piece(owner=contributor, headline="Mine")
    make_piece(owner=editor, headline="Someone else's")
    make_article(headline="Live, by nobody in particular")

    response = as_contributor.get(CHANGELIST)

    assert [str(a) for a in response.context["cl"].result_list] == ["Mine"]


def test_a_contributor_cannot_open_someone_elses_piece(as_contributor, editor):
    piece = make_piece(owner=editor)
    response = as_contributor.get(change_url(piece))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_contributors_change_posted_to_someone_elses_piece_changes_nothing(
    as_contributor, as_editor, editor
):
    piece = make_piece(owner=editor, headline="Theirs")
    data = form_data(as_editor.get(change_url(piece))) | {"headline": "Hijacked"}

    response = as_contributor.post(change_url(piece), data)

    assert response.status_code == 302
    piece.refresh_from_db()
    assert piece.headline == "Theirs"


def test_a_contributor_edits_their_own_draft(as_contributor, contributor):
    piece = make_piece(owner=contributor, headline="Before")
    data = form_data(as_contributor.get(change_url(piece))) | {"headline": "After"}

    assert as_contributor.post(change_url(piece), data).status_code == 302

    piece.refresh_from_db()
    assert piece.headline == "After"


@pytest.mark.parametrize("status", [Status.REVIEW, Status.APPROVED, Status.PUBLISHED])
def test_a_contributors_piece_past_draft_is_read_only_for_them(as_contributor, contributor, status):
    piece = make_piece(owner=contributor, status=status, headline="Submitted")
    response = as_contributor.get(change_url(piece))
    assert response.status_code == 200
    assert 'name="headline"' not in response.text
    assert "Submitted" in response.text


def test_a_change_posted_to_a_contributors_submitted_piece_is_refused(
    as_contributor, as_editor, contributor
):
    piece = make_piece(owner=contributor, headline="In review")
    data = form_data(as_contributor.get(change_url(piece))) | {"headline": "Changed after"}
    piece.status = Status.REVIEW
    piece.save()

    response = as_contributor.post(change_url(piece), data)

    assert response.status_code == 403
    assert Article.objects.get().headline == "In review"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.PUBLISHED])
def test_an_editor_edits_anyones_piece_in_any_status(as_editor, contributor, status):
    piece = make_piece(owner=contributor, status=status)
    data = form_data(as_editor.get(change_url(piece))) | {"headline": "Edited by the desk"}

    assert as_editor.post(change_url(piece), data).status_code == 302

    piece.refresh_from_db()
    assert piece.headline == "Edited by the desk"


def test_status_and_publication_time_posted_by_hand_are_ignored(as_contributor, contributor):
    piece = make_piece(owner=contributor)
    data = form_data(as_contributor.get(change_url(piece))) | {
        "status": Status.PUBLISHED,
        "published_at_0": "2020-01-01",
        "published_at_1": "10:00:00",
    }

    as_contributor.post(change_url(piece), data)

    piece.refresh_from_db()
    assert piece.status == Status.DRAFT
    assert piece.published_at is None
    assert not piece.is_live


def test_an_article_a_contributor_adds_is_theirs_and_a_draft(as_contributor, contributor):
    as_contributor.post(ADD_ARTICLE, new_article_data(as_contributor, status="published"))

    article = Article.objects.get()
    assert article.owner == contributor
    assert article.status == Status.DRAFT


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("contributor", "/admin/articles/author/add/", 403),
        ("contributor", "/admin/articles/disclaimer/add/", 403),
        ("contributor", "/admin/dossiers/dossier/add/", 403),
        ("contributor", "/admin/articles/author/", 200),
        ("contributor", "/admin/dossiers/dossier/", 200),
        ("editor", "/admin/articles/author/add/", 200),
        ("editor", "/admin/articles/disclaimer/add/", 403),
        ("editor", "/admin/dossiers/dossier/add/", 403),
        ("managing_editor", "/admin/articles/disclaimer/add/", 200),
        ("managing_editor", "/admin/dossiers/dossier/add/", 200),
    ],
)
def test_each_role_reaches_what_it_manages(request, who, path, status):
    client = signed_in(request.getfixturevalue(who))
    assert client.get(path).status_code == status


def test_a_contributor_cannot_merge_tags(as_contributor):
    assert as_contributor.get("/admin/taggit/tag/merge-tags/").status_code == 403


def test_a_contributors_author_filter_offers_the_authors_of_their_own_pieces(
    as_contributor, contributor, editor
):
    for name in ("Cora Writer", "Cora's co-author"):
        make_piece(owner=contributor, authors=[make_author(name=name)])
    make_piece(owner=editor, authors=[make_author(name="Someone Else")])

    response = as_contributor.get(CHANGELIST)

    (spec,) = [spec for spec in response.context["cl"].filter_specs if spec.title == "author"]
    names = {choice["display"] for choice in spec.choices(response.context["cl"])}
    assert names == {"All", "Cora Writer", "Cora's co-author"}


def test_a_contributors_search_lists_only_their_own_pieces(as_contributor, contributor, editor):
    make_piece(owner=contributor, headline="Caspian ferries, mine")
    make_piece(owner=editor, headline="Caspian ferries, someone else's")
    make_article(headline="Caspian ferries, live")

    response = as_contributor.get(CHANGELIST, {"q": "caspian ferries"})

    assert [str(a) for a in response.context["cl"].result_list] == ["Caspian ferries, mine"]


def test_a_contributors_tag_filter_offers_the_tags_of_their_own_pieces(
    as_contributor, contributor, editor
):
    for tag in ("Ferries", "Ports"):
        make_piece(owner=contributor, tags=[tag])
    make_piece(owner=editor, tags=["Unannounced merger"])

    response = as_contributor.get(CHANGELIST)

    (spec,) = [spec for spec in response.context["cl"].filter_specs if spec.title == "tag"]
    names = {choice["display"] for choice in spec.choices(response.context["cl"])}
    assert names == {"All", "Ferries", "Ports"}
