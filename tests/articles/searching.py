"""Search's cards and facet counts, one at a time, as the tests ask for them."""

from django.db import connection

from articles.search import PLANNER_SETTINGS, cards


def page_of_results(ids, query):
    """The cards of the articles `ids`, in that order, with their snippets for `query`."""
    return cards(ids, query)


def facet_counts(results):
    """The counts by kind, year, author and dossier over `results`."""
    return results.counts


def current_settings(*also):
    """The planner settings search uses (articles.search.PLANNER_SETTINGS) and `also`, as
    the connection has them now (PostgreSQL)."""
    names = [*PLANNER_SETTINGS, *also]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in names))
        return cursor.fetchone()
