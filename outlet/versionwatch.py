"""This process's copy of the content version, kept current by PostgreSQL's LISTEN/NOTIFY.

Why: the page cache must know the current content version on every request, and reading
its row was a round trip to the database on every cached page, most of what such a page
cost. Instead each process keeps one extra connection that LISTENs on a channel. Every
bump() NOTIFYs that channel inside the writer's transaction, and PostgreSQL delivers the
notification only once that transaction commits. A request then polls this connection (no
round trip) and reads the row again only when something was heard.

A change therefore reaches other processes when PostgreSQL delivers the notification,
well under a millisecond after the commit on an idle machine, a few milliseconds under
load. A page rendered in that moment is stored under the version it started with, so it is
never passed off as newer than it is.

Used only with PostgreSQL and no replicas: a page read from a replica must be stored under
that replica's own version, which only a query can tell (outlet.pagecache). Any failure
of the listening connection drops it; the request then reads the row, and the next one
connects again.
"""

import os
import select
import threading
from collections.abc import Callable

import psycopg
from django.db import connections

CHANNEL = "outlet_content_version"


class VersionWatch:
    def __init__(self):
        self._connection = None
        self._pid = None
        self._version = None
        self._lock = threading.Lock()  # for threaded workers: one connection per process

    def current(self, read: Callable):
        """The current version, read with `read(connection)` when it may have changed;
        None when it cannot be watched, and the caller must ask the database itself."""
        with self._lock:
            try:
                if self._connection is None or self._pid != os.getpid():
                    self._connect()
                if self._heard_something() or self._version is None:
                    self._version = read(self._connection)
                return self._version
            except (psycopg.Error, OSError):
                self._close()
                return None

    def forget(self) -> None:
        """Read the row again on the next request (this process has just changed it)."""
        self._version = None

    def close(self) -> None:
        with self._lock:
            self._close()

    def _close(self) -> None:
        connection, self._connection, self._version = self._connection, None, None
        if connection is not None and self._pid == os.getpid():
            connection.close()

    def _connect(self) -> None:
        # A forked child must not share its parent's socket: it opens its own.
        self._connection, self._version = None, None
        wrapper = connections["default"]
        connection = wrapper.get_new_connection(wrapper.get_connection_params())
        connection.autocommit = True
        connection.execute(f"LISTEN {CHANNEL}")
        self._connection, self._pid = connection, os.getpid()

    def _heard_something(self) -> bool:
        # Readable: a notification, or the server closing the connection (the read that
        # follows then fails). notifies() also yields what arrived during the last read.
        readable = select.select([self._connection], [], [], 0)[0]
        notified = list(self._connection.notifies(timeout=0))
        return bool(readable or notified)


watch = VersionWatch()
