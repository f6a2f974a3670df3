"""Django's PostgreSQL backend, with three changes for the pages readers hit most.

- **A health check without a round trip.** Django checks a persistent connection at the
  start of every request by running `SELECT 1`: as many round trips as an article page's
  one query. A connection the server has closed (a restart, a failover,
  `pg_terminate_backend`) says so on its socket: the server sends its farewell and hangs
  up, so the socket turns readable. Reading what is there, without waiting, tells a dead
  connection from a live one at no cost to the server. One dropped silently on the way is
  caught no sooner by `SELECT 1`, which would wait for TCP to give up as a query does.
- **Prepared statements for the busiest pages' queries**: the article page's
  (articles.reading), a dossier's boxes beside it, a search page's cards and facets.
  Django binds parameters on the client, so PostgreSQL plans every query anew: the
  article page's took ten times longer to plan than to run. `prepared_cursor()` binds on
  the server, where PostgreSQL keeps the statement's plan for the life of the connection
  (`DATABASE_PREPARED_STATEMENTS`, on unless turned off, as behind a PgBouncer that does
  not carry prepared statements). The ORM's own queries are left as Django makes them.
  Such a statement is planned once, for any values (`plan_cache_mode`): PostgreSQL would
  otherwise plan each of its first five runs for their values, and keep doing so when
  that looked cheaper, as it does for a search page's facets over a handful of ids
  (articles.search._PAGE_SQL), whose plan for any ids is also the faster one for 57,000.
- **Times read by psycopg's compiled loader.** Django reads `timestamptz` columns with a
  loader of its own written in Python, made afresh for every cursor: 2% of an article
  page's instructions, 5% of its samples under load. The session's time zone is UTC
  (Django sets it), so psycopg's compiled loader gives the very same values
  (`datetime.timezone.utc`).
"""

import datetime
import os
from functools import lru_cache

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base, operations
from django.utils.asyncio import async_unsafe
from psycopg.adapt import AdaptersMap, Loader
from psycopg.postgres import types
from psycopg.pq import Format

from outlet.sockets import readable

# psycopg's own loader of `timestamptz` text: its compiled one when it has one.
_PSYCOPG_TIME_LOADER = psycopg.adapters.get_loader(types["timestamptz"].oid, Format.TEXT)


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        # A prepared statement's cursor keeps no text of the query with its values in: the
        # query log (DEBUG, the test suite's query counts) gets one composed here.
        return super().last_executed_query(cursor, sql, params) or self.compose_sql(sql, params)


class UTCTimeLoader(Loader):
    """`timestamptz` read by psycopg's own loader (compiled, when psycopg's binary package
    is installed), for a session whose time zone is UTC. It says which zone it gives, as
    Django's loaders do: Django compares that with the connection's before each cursor."""

    timezone = datetime.UTC

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        self._loader = _PSYCOPG_TIME_LOADER(oid, context)
        self.load = self._loader.load  # called directly, without this class in between

    def load(self, data):
        return self._loader.load(data)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_connection_params(self):
        params = super().get_connection_params()
        if settings.USE_TZ and self.timezone == datetime.UTC:
            params["context"] = _utc_adapters(params["context"])
        if settings.DATABASE_PREPARED_STATEMENTS:
            # Beside what OPTIONS, the address or PGOPTIONS ask for: libpq reads PGOPTIONS
            # only when no options are given.
            asked = params.get("options") or os.environ.get("PGOPTIONS", "")
            params["options"] = f"{asked} -c plan_cache_mode=force_generic_plan".strip()
        return params

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        # Client-binding cursors (the ORM's) never prepare; this reaches prepared_cursor()'s.
        connection.prepare_threshold = 0 if settings.DATABASE_PREPARED_STATEMENTS else None
        return connection

    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed:
            return False
        try:
            said_something = readable(connection.fileno())
        except (psycopg.Error, OSError, ValueError):  # no socket any more
            return False
        # An idle connection nobody LISTENs on has nothing to say unless the server is
        # hanging up (its farewell may come before the hang-up itself): ask it properly.
        return not said_something or super().is_usable()

    @async_unsafe
    def prepared_cursor(self):
        """A cursor whose statements PostgreSQL plans once per connection, wrapped like
        any of Django's (its queries counted and logged, its errors Django's)."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = base.ServerBindingCursor(self.connection)
        return self._prepare_cursor(cursor)


@lru_cache
def _utc_adapters(template: AdaptersMap) -> AdaptersMap:
    """Django's adapters (base.get_adapters_template), reading times with UTCTimeLoader."""
    adapters = AdaptersMap(template)
    adapters.register_loader("timestamptz", UTCTimeLoader)
    return adapters
