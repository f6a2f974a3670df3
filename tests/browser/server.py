"""A live server for the browser checks that lives as long as the package's tests.

pytest-django's `live_server` ties every test that uses it to `transactional_db`, which
empties the database after each test; the checks want the seed loaded once for all pages.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from urllib.error import HTTPError
from urllib.request import urlopen

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.utils import modify_settings

HOST = "127.0.0.1"


@contextmanager
def live_site():
    """Serve the site (and its static files) on a free port; yield its base URL."""
    # An in-memory SQLite test database exists only on the connection that made it.
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread = LiveServerThread(HOST, StaticFilesHandler, connections_override=shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        with modify_settings(ALLOWED_HOSTS={"append": HOST}):
            yield f"http://{HOST}:{thread.port}"
    finally:
        thread.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


def fetch(url):
    try:
        with urlopen(url, timeout=30) as answer:
            return Response(answer.status, answer.headers.get_content_type(), answer.read())
    except HTTPError as error:
        return Response(error.code, error.headers.get_content_type(), error.read())
