"""Search's cards and facet counts, one at a time, as the tests ask for them."""

from django.db import connection

from articles.search import NO_RESULTS, PLANNER_SETTINGS, Results, cards_and_facets


def page_of_results(ids, query):
    """The cards of the articles `ids`, in that order, with their snippets for `query`."""
    # Every match as best() gives them: PostgreSQL's array literal, or ids SQLite can match.
    listed = ",".join(map(str, ids))
    matched = f"{{{listed}}}" if connection.vendor == "postgresql" else ids
    cards, _ = cards_and_facets(Results(ids, len(ids), NO_RESULTS, matched=matched), ids, query)
    return cards


def facet_counts(results):
    """The counts by kind, year, author and dossier over `results`."""
    _, counts = cards_and_facets(results, [], "")
    return counts


def current_settings(*also):
    """The planner settings search uses (articles.search.PLANNER_SETTINGS) and `also`, as
    the connection has them now (PostgreSQL)."""
    names = [*PLANNER_SETTINGS, *also]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in names))
        return cursor.fetchone()
