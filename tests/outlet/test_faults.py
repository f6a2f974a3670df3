"""Faults: pages keep coming when Redis is away; the app survives a PostgreSQL restart."""

import logging

import pytest
from django.core.cache import caches
from django.db import connection

from outlet.pagecache import quiet_cache
from tests.builders import make_article

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
    }
}


@pytest.mark.django_db
def test_pages_are_served_uncached_and_the_failure_logged_once(client, settings, caplog):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = UNREACHABLE_REDIS
    quiet_cache.failing_since = None
    article = make_article(headline="Still readable")
    with caplog.at_level(logging.WARNING, logger="outlet.pagecache"):
        responses = [client.get(article.get_absolute_url()) for _ in range(4)]
    assert [r.status_code for r in responses] == [200] * 4
    assert "Still readable" in responses[-1].content.decode()
    assert sum("unreachable" in record.message for record in caplog.records) == 1
    caches["default"].close()


def wsgi_get(path):
    """A request through Django's real WSGI handler, which (unlike the test client) checks
    the database connection's health at the start of each request, as in production."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.client import RequestFactory

    statuses = []
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    body = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    return int(statuses[0].split()[0])


@pytest.mark.django_db(transaction=True)
def test_the_app_reconnects_after_postgresql_drops_its_connection():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: its server-side connection is what a restart drops")
    import psycopg

    make_article()
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    with psycopg.connect(f"host={host} port={port} user={db['USER']} dbname=postgres") as admin:
        # What a server restart does to every open connection; waits (up to 5 s) until
        # it is done, as a restart is before anyone can connect again.
        admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
        admin.commit()
    assert wsgi_get("/healthz") == 200
    assert wsgi_get("/articles/") == 200


@pytest.mark.django_db
def test_healthz_names_the_parts(client, settings):
    assert client.get("/healthz").json() == {"app": "ok", "database": "ok", "cache": "local"}
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/healthz")
    assert response.status_code == 200  # pages are still served, uncached
    assert response.json()["cache"] == "down"
    caches["default"].close()


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from outlet import views

    monkeypatch.setattr(views, "_database_state", lambda: "down")
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "down"
