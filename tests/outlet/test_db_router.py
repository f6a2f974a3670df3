"""Reads go to a replica, writes and the admin's reads to the primary."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import RequestFactory, override_settings

from articles.models import Article
from outlet.db_routers import PrimaryForWritesMiddleware, PrimaryReplicaRouter, primary_only

ROOT = Path(__file__).resolve().parents[2]
WITH_REPLICA = {"default": {}, "replica_1": {}}


@override_settings(DATABASES=WITH_REPLICA)
def test_reads_go_to_the_replica_and_writes_to_the_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Article) == "replica_1"
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica_1", "articles")


@override_settings(DATABASES=WITH_REPLICA)
def test_inside_primary_only_reads_go_to_the_primary():
    with primary_only():
        assert PrimaryReplicaRouter().db_for_read(Article) == "default"
    assert PrimaryReplicaRouter().db_for_read(Article) == "replica_1"


@override_settings(DATABASES={"default": {}})
def test_without_replicas_everything_uses_the_primary():
    assert PrimaryReplicaRouter().db_for_read(Article) == "default"


@override_settings(DATABASES=WITH_REPLICA)
@pytest.mark.parametrize(
    ("method", "path", "reads_from"),
    [
        ("get", "/articles/", "replica_1"),
        ("post", "/articles/", "default"),
        ("get", "/admin/articles/article/", "default"),
    ],
)
def test_middleware_pins_writing_and_admin_requests_to_the_primary(method, path, reads_from):
    assert _reads_of(getattr(RequestFactory(), method)(path)) == [reads_from]


@override_settings(DATABASES=WITH_REPLICA)
def test_someone_signed_in_reads_the_public_site_from_the_primary(settings):
    # staff opening a draft they just saved ("View on site") must not meet a lagging copy
    request = RequestFactory().get("/articles/a-draft/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    assert _reads_of(request) == ["default"]


def _reads_of(request) -> list[str]:
    seen = []
    middleware = PrimaryForWritesMiddleware(
        lambda request: seen.append(PrimaryReplicaRouter().db_for_read(Article))
    )
    middleware(request)
    return seen


ROUTING_SCRIPT = """
import django
django.setup()
from django.utils import timezone
from articles.models import Article
from outlet.db_routers import primary_only
Article.objects.create(headline="Fresh", slug="fresh", standfirst="s", status="published",
                       published_at=timezone.now())
on_replica = Article.objects.filter(slug="fresh").exists()
with primary_only():
    on_primary = Article.objects.filter(slug="fresh").exists()
print(f"replica={on_replica} primary={on_primary}")
"""


def admin_sql(base, *statements):
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def test_two_postgresql_databases_as_primary_and_replica():
    """A write lands on the primary; a plain read is answered by the replica."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: two local databases stand in for primary and replica")
    db = connection.settings_dict
    base = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    primary, replica = "outlet_router_primary", "outlet_router_replica"
    drop = [f"DROP DATABASE IF EXISTS {name}" for name in (replica, primary)]
    admin_sql(base, *drop, f"CREATE DATABASE {primary}")
    env = os.environ | {
        "DATABASE_URL": f"{base}/{primary}",
        "DATABASE_REPLICA_URLS": f"{base}/{replica}",
        "CONN_MAX_AGE": "0",
    }
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "check": True}
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], **run)
        # A replica at the moment of its last sync: a copy of the migrated primary.
        admin_sql(base, f"CREATE DATABASE {replica} TEMPLATE {primary}")
        result = subprocess.run([sys.executable, "-c", ROUTING_SCRIPT], **run)
        assert result.stdout.strip() == "replica=False primary=True"
    finally:
        admin_sql(base, *drop)


@override_settings(DATABASES={"default": {}, "replica_1": {}, "replica_2": {}, "replica_3": {}})
def test_one_request_reads_from_one_replica():
    """A page and the cache version it is stored under come from the same copy."""
    seen = []

    def view(request):
        seen.append({PrimaryReplicaRouter().db_for_read(Article) for _ in range(20)})

    middleware = PrimaryForWritesMiddleware(view)
    for _ in range(10):
        middleware(RequestFactory().get("/articles/"))
    assert all(len(aliases) == 1 for aliases in seen)
    assert set().union(*seen) <= {"replica_1", "replica_2", "replica_3"}
