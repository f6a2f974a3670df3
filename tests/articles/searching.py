"""Search's cards and facet counts, one at a time, as the tests ask for them."""

from articles.search import Results, cards_and_facets


def page_of_results(ids, query):
    """The cards of the articles `ids`, in that order, with their snippets for `query`."""
    return cards_and_facets(ids, Results([], False), query)[0]


def facet_counts(results):
    """The counts by kind, year, author and dossier over `results`."""
    return cards_and_facets([], results, "")[1]
