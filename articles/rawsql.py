"""Raw SQL on the busiest public paths, still bound to the one live rule.

Compiling a query through the ORM costs Django more than running a selective one costs
PostgreSQL, so an article page and a search read their rows with plain SQL. Their WHERE
clause starts from a queryset's own, compiled here, so what the public may see is still
said only in Article.objects.live() (and Dossier.objects.public()).
"""

import json
from datetime import UTC, datetime
from functools import cache

from django.core.exceptions import FullResultSet
from django.db import connection as default_connection
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

from outlet.db_routers import read_alias

from .models import Article


def where_of(queryset: QuerySet, connection=default_connection) -> tuple[str, list]:
    """The WHERE clause of a queryset of one table, as SQL naming that table, and its
    parameters. A queryset with joins becomes `id IN (its ids)` instead. Raises
    EmptyResultSet for .none()."""
    query = queryset.query
    table = queryset.model._meta.db_table
    if set(query.alias_map) - {table}:  # joined or aliased: not one table's condition
        sql, params = queryset.values("pk").order_by().query.sql_with_params()
        return f"{connection.ops.quote_name(table)}.id IN ({sql})", list(params)
    try:
        sql, params = query.get_compiler(connection=connection).compile(query.where)
    except FullResultSet:
        return "TRUE", []
    return sql or "TRUE", list(params)


def live_where(connection=default_connection) -> tuple[str, list]:
    """where_of(Article.objects.live()), compiled once per database; each call puts in the
    current time. Building and compiling the queryset cost an article page as much as
    running its query."""
    sql, params, slot, field = _live_compiled(connection.alias)
    params = list(params)
    params[slot] = field.get_db_prep_value(timezone.now(), connection)
    return sql, params


# A time to find among the compiled condition's parameters: its slot takes each call's time.
_MARK = datetime(2000, 1, 1, 0, 0, 0, 123457, tzinfo=UTC)


@cache
def _live_compiled(alias: str):
    connection = connections[alias]
    field = Article._meta.get_field("published_at")
    sql, params = where_of(Article.objects.live(at=_MARK), connection)
    slot = params.index(field.get_db_prep_value(_MARK, connection))
    return sql, tuple(params), slot, field


def public_dossiers_where(connection=default_connection) -> tuple[str, list]:
    """where_of(Dossier.objects.public()) on `connection`, compiled once per database:
    there is no clock in that rule."""
    sql, params = _public_compiled(connection.alias)
    return sql, list(params)


@cache
def _public_compiled(alias: str) -> tuple[str, tuple]:
    from dossiers.models import Dossier  # dossiers builds on articles, not the reverse

    sql, params = where_of(Dossier.objects.public(), connections[alias])
    return sql, tuple(params)


# A subquery's rows as one JSON array, on each database.
JSON_FUNCTIONS = {
    "postgresql": {"agg": "json_agg", "array": "json_build_array"},
    "sqlite": {"agg": "json_group_array", "array": "json_array"},
}


def json_rows(value) -> list:
    """A JSON array as PostgreSQL's driver returns it (parsed), or as SQLite does (text;
    an aggregate from a subquery arrives as text inside its parent's array too)."""
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else value


def reading_connection():
    """The database the ORM reads from at this moment: a replica, perhaps (outlet.db_routers),
    so a page's plain SQL and its ORM queries read the same copy."""
    return connections[read_alias()]


def reading_cursor(connection=None):
    """A cursor on `connection` (reading_connection() by default); on PostgreSQL one whose
    statements are prepared, so each is planned once per connection, for any values
    (outlet/postgresql/base.py). For a query whose best plan does not depend on its
    values: the article page's lookup by slug, a search page's cards and facets by their
    ids; not the search itself."""
    connection = connection or reading_connection()
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared else connection.cursor()
