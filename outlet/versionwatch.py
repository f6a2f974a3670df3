"""This process's copy of the content version, kept current by PostgreSQL's LISTEN/NOTIFY.

Why: the page cache must know the current content version on every request, and reading
its row was a round trip to the database on every cached page, most of what such a page
cost. Instead each process keeps one extra connection that LISTENs on a channel. Every
bump() NOTIFYs that channel inside the writer's transaction, and PostgreSQL delivers the
notification only once that transaction commits. A request then polls this connection (no
round trip) and reads the row again only when something was heard.

A change therefore reaches other processes when PostgreSQL delivers the notification,
well under a millisecond after the commit on an idle machine, a few milliseconds under
load: a reader's request in that moment still gets the page as it was a moment before.
The writer's request does not answer until its own process has heard the notification
(at most ANNOUNCE_SECONDS), so what the editor does next, and whatever readers do after,
comes after that moment. A page rendered within it is stored under the version it started
with, so it is never passed off as newer than it is. Should the listening connection die
without a word, the row is still read every REREAD_SECONDS.

Used only with PostgreSQL and no replicas: a page read from a replica must be stored under
that replica's own version, which only a query can tell (outlet.pagecache). Any failure
of the listening connection drops it; the request then reads the row, and the next one
connects again.
"""

import contextlib
import os
import threading
import time
from collections.abc import Callable

import psycopg
from django.db import connections

from outlet.sockets import readable

CHANNEL = "outlet_content_version"
# However quiet the channel, the row is read again this often: a listening connection can
# die without a word (a firewall dropping idle connections, a failover), and this bounds
# what a process can miss then.
REREAD_SECONDS = 5
# After a failure to connect, requests read the row for this long before trying again.
RETRY_SECONDS = 5
# How long a writer waits, once committed, to hear its own notification come back.
ANNOUNCE_SECONDS = 0.1


class VersionWatch:
    def __init__(self):
        self._connection = None
        self._pid = None
        self._version = None
        self._read_at = 0.0
        self._retry_at = 0.0
        self._notified = False
        self._lock = threading.Lock()  # for threaded workers: one connection per process

    def current(self, read: Callable):
        """The current version, read with `read(connection)` when it may have changed;
        None when it cannot be watched, and the caller must ask the database itself."""
        with self._lock:
            now = time.monotonic()
            if self._connection is None and now < self._retry_at:
                return None
            try:
                if self._connection is None or self._pid != os.getpid():
                    self._connect()
                stale = self._version is None or now - self._read_at > REREAD_SECONDS
                if self._heard_something() or stale:
                    self._notified = False  # one coming in during the read counts again
                    self._version, self._read_at = read(self._connection), now
                return self._version
            except (psycopg.Error, OSError):
                if self._connection is None:  # could not connect: not again at once
                    self._retry_at = now + RETRY_SECONDS
                self._close()
                return None

    def announced(self) -> None:
        """Called by a writer once committed: wait (briefly) until this process has heard
        its own notification, which PostgreSQL sends to every listener at once, so that
        the change has reached the other processes too by the time the writer answers.
        Then read the row again on the next request."""
        with self._lock:
            connection = self._connection
            if connection is not None and self._pid == os.getpid():
                with contextlib.suppress(OSError, ValueError):  # a closed socket: no wait
                    readable(connection.fileno(), ANNOUNCE_SECONDS)
            self._version = None

    def close(self) -> None:
        with self._lock:
            self._close()
            self._retry_at = 0.0

    def _close(self) -> None:
        connection, self._connection, self._version = self._connection, None, None
        if connection is not None and self._pid == os.getpid():
            connection.close()

    def _connect(self) -> None:
        # A forked child must not share its parent's socket: it opens its own.
        self._connection, self._version = None, None
        wrapper = connections["default"]
        params = wrapper.get_connection_params() | {
            "connect_timeout": 2,
            # Keepalives: a connection silently dropped on the way is noticed in minutes.
            "keepalives": 1,
            "keepalives_idle": 60,
            "keepalives_interval": 10,
            "keepalives_count": 3,
        }
        connection = wrapper.get_new_connection(params)
        connection.autocommit = True
        connection.add_notify_handler(self._heard)
        connection.execute(f"LISTEN {CHANNEL}")
        self._connection, self._pid, self._notified = connection, os.getpid(), False

    def _heard(self, notification) -> None:
        # psycopg calls this for each notification it reads: while this process reads the
        # row, or (below) once the socket has something to say.
        self._notified = True

    def _heard_something(self) -> bool:
        # A notification read along with the last read of the row, or something waiting on
        # the socket: a notification, or the server closing the connection (the read that
        # follows then fails).
        return self._notified or readable(self._connection.fileno())


watch = VersionWatch()
