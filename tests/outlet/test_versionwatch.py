"""On PostgreSQL a cached page costs no query: each process hears of new content versions
through LISTEN/NOTIFY, and no change is missed, made here or by another app server."""

import select
import time

import psycopg
import pytest
from django.db import connection

from articles import services
from outlet import versionwatch
from tests.builders import make_article

pytestmark = [
    pytest.mark.django_db(transaction=True),  # notifications travel only on commit
    pytest.mark.usefixtures("page_cache"),
]


@pytest.fixture(autouse=True)
def watching(settings):
    if connection.vendor != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    settings.PAGE_CACHE_WATCH = True
    versionwatch.watch.close()
    yield
    versionwatch.watch.close()  # or the test database cannot be dropped


def another_server():
    """A connection of its own, as another app server's would be."""
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        dbname=db["NAME"],
        autocommit=True,
    )


def wait_until_heard():
    """PostgreSQL delivers a notification just after the commit, not within it."""
    listening = versionwatch.watch._connection
    select.select([listening], [], [], 2)
    time.sleep(0.01)


def text(response):
    return response.content.decode()


def test_a_cached_page_costs_no_query(client, django_assert_num_queries):
    article = make_article(headline="Heard, not asked")
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert "Heard, not asked" in text(response)


def test_an_edit_here_shows_on_the_next_request(client):
    article = make_article(headline="Before")
    client.get(article.get_absolute_url())
    article.headline = "After"
    services.save_article(article=article)
    assert "After" in text(client.get(article.get_absolute_url()))


def test_a_change_committed_by_another_server_shows_once_heard(client):
    article = make_article(headline="Old headline")
    assert "Old headline" in text(client.get(article.get_absolute_url()))
    with another_server() as other, other.transaction():
        other.execute("UPDATE articles_article SET headline = 'New headline' WHERE id = %s",
                      [article.pk])  # fmt: skip
        other.execute("UPDATE outlet_contentversion SET number = number + 1 WHERE id = 1")
        other.execute("SELECT pg_notify(%s, '')", [versionwatch.CHANNEL])
    wait_until_heard()
    assert "New headline" in text(client.get(article.get_absolute_url()))


def test_an_uncommitted_change_is_not_announced(client):
    article = make_article(headline="Standing")
    client.get(article.get_absolute_url())
    with another_server() as other:
        other.autocommit = False
        other.execute("UPDATE articles_article SET headline = 'Rolled back' WHERE id = %s",
                      [article.pk])  # fmt: skip
        other.execute("SELECT pg_notify(%s, '')", [versionwatch.CHANNEL])
        other.rollback()
    assert "Standing" in text(client.get(article.get_absolute_url()))


def test_a_lost_listening_connection_is_replaced_without_missing_a_change(client):
    article = make_article(headline="Before the restart")
    client.get(article.get_absolute_url())
    listening_pid = versionwatch.watch._connection.info.backend_pid
    with another_server() as other:
        other.execute("SELECT pg_terminate_backend(%s)", [listening_pid])
        other.execute("UPDATE articles_article SET headline = 'After the restart' WHERE id = %s",
                      [article.pk])  # fmt: skip
        other.execute("UPDATE outlet_contentversion SET number = number + 1 WHERE id = 1")
    time.sleep(0.05)  # the server's goodbye reaches the socket
    responses = [text(client.get(article.get_absolute_url())) for _ in range(2)]
    assert all("After the restart" in page for page in responses)
    assert versionwatch.watch._connection.info.backend_pid != listening_pid


def test_a_silently_lost_notification_is_made_up_for_within_seconds(client, monkeypatch):
    article = make_article(headline="Quiet before")
    client.get(article.get_absolute_url())
    with another_server() as other:  # a change announced to nobody
        other.execute("UPDATE articles_article SET headline = 'Quiet after' WHERE id = %s",
                      [article.pk])  # fmt: skip
        other.execute("UPDATE outlet_contentversion SET number = number + 1 WHERE id = 1")
    later = time.monotonic() + versionwatch.REREAD_SECONDS + 1
    monkeypatch.setattr(versionwatch.time, "monotonic", lambda: later)
    assert "Quiet after" in text(client.get(article.get_absolute_url()))


def announce(other, article, headline):
    """Another server's edit: the headline, the content version, the notification."""
    with other.transaction():
        other.execute("UPDATE articles_article SET headline = %s WHERE id = %s",
                      [headline, article.pk])  # fmt: skip
        other.execute("UPDATE outlet_contentversion SET number = number + 1 WHERE id = 1")
        other.execute("SELECT pg_notify(%s, '')", [versionwatch.CHANNEL])


def test_changes_announced_one_after_another_all_show(client):
    first, second = make_article(headline="First before"), make_article(headline="Second before")
    client.get(first.get_absolute_url())
    with another_server() as other:
        for article, headline in ((first, "First after"), (second, "Second after")):
            announce(other, article, headline)
            wait_until_heard()
            assert headline in text(client.get(article.get_absolute_url()))
    assert "First after" in text(client.get(first.get_absolute_url()))


def test_a_notification_read_along_with_a_query_still_counts(client):
    article = make_article(headline="Before the query")
    client.get(article.get_absolute_url())
    with another_server() as other:
        announce(other, article, "After the query")
    wait_until_heard()
    # The watch's own connection reads the notification with a query's answer, as when it
    # arrives while the row is being read: the socket has nothing left to say.
    versionwatch.watch._connection.execute("SELECT 1")
    assert "After the query" in text(client.get(article.get_absolute_url()))
