"""Two editors saving at the same moment: neither change hides the other's scheduled piece.
On PostgreSQL, where two writers' transactions really overlap."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from articles import services
from outlet.models import ContentVersion
from tests.builders import make_article

pytestmark = pytest.mark.django_db(transaction=True)  # each writer commits on its own


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time")


def _someone_waits_for_a_lock(timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


def _in_a_thread(work):
    def run():
        try:
            work()
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_piece_scheduled_while_another_is_saved_keeps_its_time():
    embargoed, other = make_article(live=False), make_article()
    due = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    scheduled, commit = threading.Event(), threading.Event()

    def schedule():  # the first editor schedules a piece, and commits a moment later
        with transaction.atomic():
            services.publish(article=embargoed, at=due)
            scheduled.set()
            commit.wait(10)

    first = _in_a_thread(schedule)
    assert scheduled.wait(10)
    second = _in_a_thread(lambda: services.save_article(article=other))
    assert _someone_waits_for_a_lock()  # the second editor's save, for the first's commit
    commit.set()
    first.join(10)
    second.join(10)

    assert ContentVersion.objects.get().next_due == due
