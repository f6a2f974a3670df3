"""Reads to replicas, writes to the primary.

Replicas are listed in DATABASE_REPLICA_URLS (comma-separated) and become the database
aliases replica_1, replica_2, …. A request that writes (any method but GET and HEAD),
works in the admin or comes with a session (someone signed in: staff looking at the site,
a draft by "View on site") reads from the primary too, so an editor always sees what they
just saved: replication lag can only ever make a reader's page a moment old.
"""

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from .sessions import has_session

_primary_only = ContextVar("primary_only", default=False)
_pinned = ContextVar("pinned_replica", default=None)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


@contextmanager
def primary_only():
    """Send every read inside the block to the primary."""
    token = _primary_only.set(True)
    try:
        yield
    finally:
        _primary_only.reset(token)


@contextmanager
def one_replica():
    """Send every read inside the block to the same replica, chosen at random: a page and
    the content version it is cached under then come from one copy of the data."""
    replicas = replica_aliases()
    token = _pinned.set(random.choice(replicas) if replicas else None)
    try:
        yield
    finally:
        _pinned.reset(token)


def read_alias() -> str:
    """The database this moment's reads go to."""
    replicas = replica_aliases()
    if not replicas or _primary_only.get():
        return "default"
    return _pinned.get() or random.choice(replicas)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data, so objects may relate across them.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PrimaryForWritesMiddleware:
    """Pins a request's reads to the primary when it writes, comes from the admin or
    comes with a session; a reader's reads go to one replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _may_read_from_a_replica(request):
            with one_replica():
                return self.get_response(request)
        with primary_only():
            return self.get_response(request)


def _may_read_from_a_replica(request) -> bool:
    return (
        request.method in SAFE_METHODS
        and not request.path.startswith("/admin/")
        and not has_session(request)
    )
