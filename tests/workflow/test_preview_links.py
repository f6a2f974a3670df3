"""Share-preview links: signed, expiring, revocable; noindex and never cached; a bad link
is 404, never 500."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from articles import workflow
from articles.models import Article, Status

from .builders import change_url, make_piece

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_piece(headline="Not out yet", body="<p>The draft's own words.</p>")


def test_a_valid_link_shows_the_draft_in_the_public_design_marked_as_a_preview(client, draft):
    response = client.get(workflow.preview_path(draft))
    assert response.status_code == 200
    text = response.content.decode()
    assert "The draft's own words." in text
    assert "Preview." in text
    assert '<link rel="stylesheet"' in text


def test_the_preview_is_not_for_search_engines(client, draft):
    response = client.get(workflow.preview_path(draft))
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "noindex" in response["X-Robots-Tag"]


def test_the_preview_is_never_cached(client, draft):
    control = client.get(workflow.preview_path(draft))["Cache-Control"]
    assert "no-store" in control
    assert "private" in control


def test_the_preview_is_never_stored_in_the_page_cache(client, draft, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    path = workflow.preview_path(draft)
    client.get(path)
    client.get(path)
    # Revoked without telling the page cache: a stored copy would still be served.
    Article.objects.filter(pk=draft.pk).update(preview_key="revoked-quietly")
    assert client.get(path).status_code == 404
    cache.clear()


def test_an_expired_link_is_404(client, draft, settings, monkeypatch):
    settings.PREVIEW_LINK_MAX_AGE = 3600
    monkeypatch.setattr(time, "time", lambda real=time.time: real() - 7200)
    path = workflow.preview_path(draft)  # signed two hours ago
    monkeypatch.undo()
    assert client.get(path).status_code == 404


def test_a_link_within_its_time_still_works(client, draft, settings, monkeypatch):
    settings.PREVIEW_LINK_MAX_AGE = 3600
    monkeypatch.setattr(time, "time", lambda real=time.time: real() - 1800)
    path = workflow.preview_path(draft)
    monkeypatch.undo()
    assert client.get(path).status_code == 200


def test_a_new_link_revokes_the_old_one(client, draft, as_editor):
    old = workflow.preview_path(draft)

    as_editor.post(f"/admin/articles/article/{draft.pk}/preview-link/")

    draft.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(workflow.preview_path(draft)).status_code == 200


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(":", ";", 1),
        lambda token: "x" + token,
        lambda token: "nonsense",
        lambda token: "a" * 2000,
        lambda token: "%00",
    ],
)
def test_a_tampered_or_made_up_link_is_404(client, draft, tamper):
    token = workflow.preview_path(draft).split("/")[-2]
    assert client.get(f"/articles/preview/{tamper(token)}/").status_code == 404


def test_a_link_signed_for_something_else_is_404(client, draft):
    token = signing.dumps([draft.pk, draft.preview_key], compress=True)  # no salt
    assert client.get(f"/articles/preview/{token}/").status_code == 404


def test_a_link_to_a_deleted_article_is_404(client, draft):
    path = workflow.preview_path(draft)
    draft.delete()
    assert client.get(path).status_code == 404


def test_once_live_the_link_leads_to_the_article(client, managing_editor):
    piece = make_piece(status=Status.APPROVED)
    path = workflow.preview_path(piece)
    workflow.publish_now(article=piece, by=managing_editor)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == piece.get_absolute_url()


def test_the_change_form_shows_the_link_to_copy(as_editor, draft, settings, client):
    text = as_editor.get(change_url(draft)).content.decode()
    # The link carries the time it was signed, so it is read off the page, then followed.
    prefix = settings.SITE_URL + "/articles/preview/"
    link = re.search(re.escape(prefix) + r"[^/\"<\s]+/", text).group(0)
    assert workflow.article_for_preview(link.removeprefix(prefix).rstrip("/")) == draft
    assert client.get(link.removeprefix(settings.SITE_URL)).status_code == 200
    assert "New preview link (revokes the old one)" in text


def test_a_contributor_cannot_renew_someone_elses_link(as_contributor, editor):
    piece = make_piece(owner=editor)
    response = as_contributor.post(f"/admin/articles/article/{piece.pk}/preview-link/")
    assert response.status_code == 404
    piece.refresh_from_db()
    assert piece.preview_key == ""


def test_a_contributor_cannot_renew_the_link_of_their_piece_in_review(as_contributor, contributor):
    piece = make_piece(owner=contributor, status=Status.REVIEW)
    response = as_contributor.post(f"/admin/articles/article/{piece.pk}/preview-link/")
    assert response.status_code == 403


def test_withdrawing_a_piece_stops_its_preview_links(client, managing_editor):
    piece = make_piece(status=Status.APPROVED)
    workflow.schedule(article=piece, by=managing_editor, at=timezone.now() + timedelta(hours=1))
    path = workflow.preview_path(piece)
    assert client.get(path).status_code == 200

    workflow.withdraw(article=piece, by=managing_editor)

    assert client.get(path).status_code == 404
