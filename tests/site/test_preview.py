"""Staff preview: what is not live opens for staff only, marked, unindexed and uncached."""

import pytest
from django.contrib import admin
from django.utils import timezone
from django_otp.admin import OTPAdminSite

from tests.builders import make_article, make_staff

from . import reading
from .builders import NOT_LIVE, make_hidden_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("state", NOT_LIVE)
def test_hidden_article_is_404_for_the_public(client, state):
    assert client.get(make_hidden_article(state).get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", NOT_LIVE)
def test_hidden_article_is_404_for_a_logged_in_reader(client, django_user_model, state):
    client.force_login(django_user_model.objects.create_user(username="reader", password="pw"))
    assert client.get(make_hidden_article(state).get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", NOT_LIVE)
def test_staff_see_a_marked_preview(client, state):
    client.force_login(make_staff())
    response = client.get(make_hidden_article(state).get_absolute_url())
    assert response.status_code == 200
    assert "Preview. Readers cannot see this article" in reading.text(response)
    assert reading.meta(response, "robots") == ["noindex"]
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_scheduled_preview_says_when_it_goes_live(client):
    client.force_login(make_staff())
    article = make_hidden_article("scheduled")
    text = reading.text(client.get(article.get_absolute_url()))
    assert f"it is scheduled for {article.published_at.day} {article.published_at:%B %Y}" in text


def test_staff_see_a_live_article_without_the_preview_banner(client):
    client.force_login(make_staff())
    response = client.get(make_article().get_absolute_url())
    assert "Preview." not in reading.text(response)
    assert reading.meta(response, "robots") == []


def test_staff_without_their_second_factor_see_no_preview(client, monkeypatch):
    """When the admin asks for a one-time password, so does the preview."""
    monkeypatch.setattr(admin.site, "__class__", OTPAdminSite)
    client.force_login(make_staff())
    assert client.get(make_hidden_article("draft").get_absolute_url()).status_code == 404


def test_a_draft_never_published_but_marked_updated_still_previews(client):
    """A draft has no publication time to compare its update time with."""
    client.force_login(make_staff())
    article = make_hidden_article("draft", published_at=None, updated_at=timezone.now())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Not yet published" in reading.text(response)
