"""Raw SQL on the busiest public paths, still bound to the one live rule.

Compiling a query through the ORM costs Django more than running a selective one costs
PostgreSQL, so an article page and a search read their rows with plain SQL. Their WHERE
clause starts from a queryset's own, compiled here, so what the public may see is still
said only in Article.objects.live() (and Dossier.objects.public()).
"""

from django.core.exceptions import FullResultSet
from django.db import connection as default_connection
from django.db import connections
from django.db.models import QuerySet

from outlet.db_routers import read_alias


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


def reading_connection():
    """The database the ORM reads from at this moment: a replica, perhaps (outlet.db_routers),
    so a page's plain SQL and its ORM queries read the same copy."""
    return connections[read_alias()]


def rows(sql: str, params=(), *, ids=(), where=None) -> list[tuple]:
    """`sql` run on reading_connection(). Its {ids} becomes one placeholder per id in `ids`,
    and each {name} in `where` ({"live": Article.objects.live()}) that queryset's
    condition; parameters follow in that order: ids, the conditions', then `params`."""
    connection = reading_connection()
    clauses, where_params = {}, []
    for name, queryset in (where or {}).items():
        clauses[name], more = where_of(queryset, connection)
        where_params += more
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(sql.format(ids=marks, **clauses), [*ids, *where_params, *params])
        return cursor.fetchall()
