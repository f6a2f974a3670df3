"""The PostgreSQL backend (outlet/postgresql): the busiest queries are prepared, and a
healthy connection is reused without a round trip to check it; times are read by
psycopg's own loader."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoWrapper
from psycopg.postgres import types
from psycopg.pq import Format

from articles import search
from outlet.postgresql.base import DatabaseWrapper as OutletWrapper
from outlet.postgresql.base import UTCTimeLoader
from tests.builders import make_article, make_author
from tests.outlet.test_faults import wsgi_get

TIMESTAMPTZ = types["timestamptz"].oid

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the backend is PostgreSQL's own"),
]


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_the_article_page_query_is_prepared_once(client):
    first, second = make_article(), make_article()
    assert client.get(first.get_absolute_url()).status_code == 200
    assert client.get(second.get_absolute_url()).status_code == 200
    page_queries = [s for s in _prepared_statements() if "WHERE articles_article.slug = $" in s]
    assert len(page_queries) == 1


def test_no_prepared_statements_when_turned_off(client, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    connection.close()  # the setting applies to new connections
    try:
        article = make_article(headline="Khujand waterworks", authors=[make_author(slug="ra")])
        search.refresh_search_vectors()
        assert client.get(article.get_absolute_url()).status_code == 200
        found = client.get("/search/", {"q": "khujand"})
        assert found.status_code == 200 and "Khujand waterworks" in found.text
        assert "?q=khujand&amp;author=ra" in found.text  # the author facet
        assert _prepared_statements() == []
    finally:
        connection.close()  # the next test's connection prepares again


def test_a_healthy_connection_is_checked_without_asking_the_server(monkeypatch):
    checked, asked = [], []
    ours = OutletWrapper.is_usable
    monkeypatch.setattr(
        OutletWrapper, "is_usable", lambda self: checked.append(ours(self)) or checked[-1]
    )
    monkeypatch.setattr(DjangoWrapper, "is_usable", lambda self: asked.append(1) or True)
    article = make_article()
    assert wsgi_get(article.get_absolute_url()) == 200
    assert wsgi_get(article.get_absolute_url()) == 200  # the same connection, checked
    assert checked == [True, True]  # each request checked it, and found it healthy
    assert asked == []  # and no SELECT 1 was sent to find out


def test_times_are_read_as_utc_by_psycopgs_own_loader():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz, NULL::timestamptz", ["2024-03-31 01:30+04"])
        read, missing = cursor.fetchone()
    assert read == datetime(2024, 3, 30, 21, 30, tzinfo=UTC)
    assert read.tzinfo is UTC  # what Django's own loader gives
    assert missing is None
    assert connection.connection.adapters.get_loader(TIMESTAMPTZ, Format.TEXT) is UTCTimeLoader


def test_a_page_shows_its_times_in_the_site_time_zone(client, settings):
    settings.TIME_ZONE = "Asia/Almaty"  # UTC+5
    article = make_article(published_at=datetime(2024, 3, 30, 21, 30, tzinfo=UTC))
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2024-03-31T02:30:00+05:00">31 March 2024</time>' in page


def test_settings_asked_for_at_connection_are_kept_beside_the_plan_mode(monkeypatch):
    monkeypatch.setenv("PGOPTIONS", "-c statement_timeout=4321")
    connection.close()  # options apply to new connections
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('statement_timeout'), current_setting('plan_cache_mode')"
            )
            assert cursor.fetchone() == ("4321ms", "force_generic_plan")
    finally:
        connection.close()  # the next test's connection without PGOPTIONS
