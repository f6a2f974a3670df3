"""A scheduled piece goes live at its time on every public page and feed, with the page
cache on as in production: no cron job, no cache clearing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Status

from .builders import make_piece

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

HEADLINE = "Due in a minute"
PUBLIC_PATHS = [
    "/",
    "/articles/",
    "/feed/",
    "/feed/atom/",
    "/feed/json/",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/tags/water/",
]


@pytest.fixture
def scheduled(client, managing_editor):
    """A piece scheduled a minute ahead, every page already cached without it."""
    piece = make_piece(status=Status.APPROVED, headline=HEADLINE, tags=["Water"])
    workflow.schedule(article=piece, by=managing_editor, at=timezone.now() + timedelta(minutes=1))
    for path in PUBLIC_PATHS:
        client.get(path)
    return piece


def later(monkeypatch, minutes):
    moment = timezone.now() + timedelta(minutes=minutes)
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_a_scheduled_piece_is_absent_before_its_time(client, scheduled, path):
    response = client.get(path)
    assert HEADLINE not in response.content.decode()
    assert scheduled.slug not in response.content.decode()


def test_its_address_is_404_before_its_time(client, scheduled):
    assert client.get(scheduled.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_it_is_present_everywhere_once_its_time_has_come(client, scheduled, monkeypatch, path):
    later(monkeypatch, minutes=2)
    response = client.get(path)
    assert response.status_code == 200
    assert scheduled.slug in response.content.decode()


def test_its_address_answers_once_its_time_has_come(client, scheduled, monkeypatch):
    client.get(scheduled.get_absolute_url())
    later(monkeypatch, minutes=2)
    response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 200
    assert HEADLINE in response.content.decode()


def test_pages_are_served_from_the_cache_while_waiting(
    client, scheduled, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):  # the cache's state only
        assert HEADLINE not in client.get("/").content.decode()
