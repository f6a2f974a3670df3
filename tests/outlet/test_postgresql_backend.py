"""The PostgreSQL backend (outlet/postgresql): the busiest queries are prepared, and a
healthy connection is reused without a round trip to check it."""

import pytest
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoWrapper

from outlet.postgresql.base import DatabaseWrapper as OutletWrapper
from tests.builders import make_article
from tests.outlet.test_faults import wsgi_get

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
    page_queries = [s for s in _prepared_statements() if "articles_article.slug = $1" in s]
    assert len(page_queries) == 1


def test_no_prepared_statements_when_turned_off(client, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    connection.close()  # the setting applies to new connections
    assert client.get(make_article().get_absolute_url()).status_code == 200
    assert _prepared_statements() == []


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
