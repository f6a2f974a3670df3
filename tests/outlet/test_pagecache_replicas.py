"""The page cache with read replicas: a page read from a copy that lags behind a bump is
served, but never kept under a version it may not show, here or by a CDN."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from outlet import pagecache
from outlet.models import ContentVersion
from tests.builders import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


class _Replica:
    """A replica's copy of the content version row (None: no row yet)."""

    def __init__(self, row):
        self.row = row

    @contextmanager
    def cursor(self):
        row = self.row

        class Cursor:
            def execute(self, sql):
                pass

            def fetchone(self):
                return row

        yield Cursor()


@pytest.fixture
def replica(monkeypatch):
    """Reads go to "replica_1", whose version row is set by the test."""
    copy = _Replica(None)
    monkeypatch.setattr(pagecache, "read_alias", lambda: "replica_1")
    monkeypatch.setattr(pagecache, "_watching", lambda: False)
    monkeypatch.setattr(
        pagecache, "connections", {"default": connections["default"], "replica_1": copy}
    )
    return copy


def _primary():
    return ContentVersion.objects.using("default").get()


def test_a_replica_behind_a_due_time_the_primary_has_passed_serves_pages_uncached(client, replica):
    make_article(headline="Visible")
    now = _primary().number
    replica.row = (now - 1, timezone.now() - timedelta(seconds=5))  # before the bump
    for _ in range(3):
        response = client.get("/")
        assert response.status_code == 200 and "Visible" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    assert _primary().number == now  # the primary is not bumped again for each request


def test_a_due_time_seen_first_on_a_replica_bumps_the_primary_once(client, replica):
    make_article()
    due = timezone.now() + timedelta(minutes=1)
    make_article(headline="Embargoed", live=False, status="published", published_at=due)
    pagecache.bump()
    before = _primary()
    assert before.next_due == due
    later = due + timedelta(seconds=1)
    replica.row = (before.number, due)

    with pytest.MonkeyPatch.context() as clock:
        clock.setattr(timezone, "now", lambda: later)
        response = client.get("/")

    assert "Embargoed" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    after = _primary()
    assert after.number == before.number + 1 and after.next_due is None


def test_a_missing_version_row_is_made_again_and_the_page_served(client, replica):
    make_article(headline="Still here")
    ContentVersion.objects.all().delete()
    response = client.get("/")  # the replica has no row yet either
    assert response.status_code == 200 and "Still here" in response.content.decode()
    assert ContentVersion.objects.using("default").exists()
