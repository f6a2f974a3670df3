"""Search over live articles.

PostgreSQL: a stored, weighted tsvector (headline A; standfirst, authors and tags B; body C)
with a GIN index, queried with web-search syntax ("quoted phrases", or, -exclusion), ranked
with recency as the tie-break, with highlighted snippets.

SQLite: the same interface with a simpler match: every term (or one of an `or` group) must
occur in the headline, standfirst, body, an author's name or a tag, case-insensitively for
ASCII; excluded terms must not; results newest first, no stemming and no ranking.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Func, Q, QuerySet, TextField
from django.db.models.functions import ExtractYear

from dossiers.models import Dossier
from outlet.richtext import plain_text

from .models import Article, Author, Kind

MAX_QUERY_LENGTH = 200  # characters kept of a query; longer ones are cut, not refused
# Results shown for one query: the best this many. Counting, faceting and paging work on
# these ids, so a word found in half the archive costs one ranking query, not six.
MAX_RESULTS = 1000
CONFIG = "english"
_MARK_START, _MARK_END = "\x02", "\x03"  # sentinels ts_headline puts around matches
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def clean_query(raw: str) -> str:
    """The query as searched: no control characters (NUL included), spaces collapsed, cut."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass
class ParsedQuery:
    """Web-search syntax: a list of AND-ed groups, each a list of OR-ed terms, and exclusions."""

    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def parse_query(query: str) -> ParsedQuery:
    parsed = ParsedQuery()
    join_next = False
    for negated, phrase, word in _TOKEN.findall(query):
        term = phrase if phrase or not word else word
        if word and word.lower() == "or":
            join_next = bool(parsed.groups)
            continue
        if word.startswith("-"):
            negated, term = "-", word[1:]
        term = term.strip().strip('"')
        if not term:
            continue
        if negated:
            parsed.excluded.append(term)
        elif join_next:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        join_next = False
    return parsed


def _term_q(term: str) -> Q:
    return (
        Q(headline__icontains=term)
        | Q(standfirst__icontains=term)
        | Q(body__icontains=term)
        | Q(bylines__author__name__icontains=term)
        | Q(tags__name__icontains=term)
    )


def _matching_ids_sqlite(live: QuerySet, parsed: ParsedQuery) -> QuerySet:
    matches = live
    for group in parsed.groups:
        any_term = Q()
        for term in group:
            any_term |= _term_q(term)
        matches = matches.filter(pk__in=Article.objects.filter(any_term).values("pk"))
    for term in parsed.excluded:
        matches = matches.exclude(pk__in=Article.objects.filter(_term_q(term)).values("pk"))
    return matches.values("pk")


def matching(articles: QuerySet, query: str) -> QuerySet:
    """The `articles` matching `query`, best first. The public site passes
    Article.objects.live(); the admin passes what the editor may see."""
    parsed = parse_query(query)
    if parsed.is_empty:
        return articles.none()
    if is_postgres():
        search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
        return (
            articles.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-published_at", "-pk")
        )
    matches = _matching_ids_sqlite(articles, parsed)
    return articles.filter(pk__in=matches).order_by("-published_at", "-pk")


class _StripTags(Func):
    function = "regexp_replace"
    template = "%(function)s(%(expressions)s, '<[^>]+>', ' ', 'g')"
    output_field = TextField()


def with_snippets(results: QuerySet, query: str) -> QuerySet:
    """On PostgreSQL, annotate each result with `snippet_raw`: body text around the matches."""
    if not is_postgres():
        return results
    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    return results.annotate(
        snippet_raw=SearchHeadline(
            _StripTags("body"),
            search_query,
            config=CONFIG,
            start_sel=_MARK_START,
            stop_sel=_MARK_END,
            max_words=40,
            min_words=20,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )


def snippet_html(article: Article, query: str) -> str:
    """Escaped snippet text with matches in <mark>; safe to mark_safe."""
    raw = getattr(article, "snippet_raw", None)
    if raw is None:
        raw = _plain_snippet(plain_text(article.body), parse_query(query))
    text = html.escape(html.unescape(raw))
    return text.replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")


def _plain_snippet(text: str, parsed: ParsedQuery, width: int = 240) -> str:
    terms = [term for group in parsed.groups for term in group]
    lowered = text.lower()
    hits = [lowered.find(term.lower()) for term in terms]
    first = min((i for i in hits if i >= 0), default=0)
    start = max(0, first - width // 3)
    snippet = text[start : start + width]
    for term in sorted(terms, key=len, reverse=True):
        snippet = re.sub(
            re.escape(term), lambda m: f"{_MARK_START}{m.group(0)}{_MARK_END}", snippet, flags=re.I
        )
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return f"{prefix}{snippet}{suffix}"


_VECTOR_SQL = """
UPDATE articles_article AS a SET search_vector =
    setweight(to_tsvector(%(config)s, coalesce(a.headline, '')), 'A')
 || setweight(to_tsvector(%(config)s, coalesce(a.standfirst, '')), 'B')
 || setweight(to_tsvector(%(config)s, coalesce((
        SELECT string_agg(au.name, ' ') FROM articles_byline AS b
        JOIN articles_author AS au ON au.id = b.author_id WHERE b.article_id = a.id), '')), 'B')
 || setweight(to_tsvector(%(config)s, coalesce((
        SELECT string_agg(t.name, ' ') FROM articles_taggedarticle AS ta
        JOIN taggit_tag AS t ON t.id = ta.tag_id WHERE ta.content_object_id = a.id), '')), 'B')
 || setweight(to_tsvector(%(config)s, coalesce(a.body, '')), 'C')
"""


def refresh_search_vectors(*, ids=None, id_range=None) -> None:
    """Recompute the stored vectors (PostgreSQL only) for `ids`, an id range, or every article.

    The body is HTML: PostgreSQL's parser reads tags as tokens of their own, which the
    English configuration does not index, so no tag name ends up searchable.
    """
    if not is_postgres():
        return
    sql, params = _VECTOR_SQL, {"config": CONFIG}
    if ids is not None:
        sql += " WHERE a.id = ANY(%(ids)s)"
        params["ids"] = list(ids)
    elif id_range is not None:
        sql += " WHERE a.id BETWEEN %(low)s AND %(high)s"
        params["low"], params["high"] = id_range
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refresh_search_vector(*, article: Article) -> None:
    refresh_search_vectors(ids=[article.pk])


@dataclass
class Filters:
    """The facet values a reader narrowed the results to (from the query string)."""

    kind: str = ""
    author: str = ""
    dossier: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params) -> "Filters":
        kind = params.get("kind", "")
        year = params.get("year", "")
        return cls(
            kind=kind if kind in Kind.values else "",
            author=clean_query(params.get("author", ""))[:200],
            dossier=clean_query(params.get("dossier", ""))[:200],
            year=int(year) if _is_year(year) else None,
        )

    def apply(self, results: QuerySet) -> QuerySet:
        if self.kind:
            results = results.filter(kind=self.kind)
        if self.year:
            results = results.filter(published_at__year=self.year)
        if self.author:
            results = results.filter(pk__in=Article.objects.filter(
                bylines__author__slug=self.author).values("pk"))  # fmt: skip
        if self.dossier:
            in_dossier = Dossier.objects.public().filter(slug=self.dossier)
            results = results.filter(
                pk__in=Article.objects.filter(dossier_entries__dossier__in=in_dossier).values("pk")
            )
        return results


def _is_year(value: str) -> bool:
    # isdigit() alone accepts "²", which int() refuses.
    return value.isascii() and value.isdigit() and 1 <= int(value) <= 9999


def facet_counts(results: QuerySet, limit: int = 10) -> dict:
    """Counts by kind, year, author and dossier over `results`: four grouped queries."""
    ids = results.order_by().values("pk")
    matched = Article.objects.filter(pk__in=ids).order_by()
    kind_names = dict(Kind.choices)
    return {
        "kind": [
            (row["kind"], kind_names.get(row["kind"], row["kind"]), row["n"])
            for row in matched.values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
        ],
        "year": [
            (row["year"], row["year"], row["n"])
            for row in matched.annotate(year=ExtractYear("published_at"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        ],
        "author": [
            (author.slug, author.name, author.n)
            for author in Author.objects.filter(bylines__article__in=ids)
            .annotate(n=Count("bylines__article", distinct=True))
            .order_by("-n", "name")[:limit]
        ],
        "dossier": [
            (dossier.slug, dossier.title, dossier.n)
            for dossier in Dossier.objects.public()
            .filter(entries__article__in=ids)
            .annotate(n=Count("entries__article", distinct=True))
            .order_by("-n", "title")[:limit]
        ],
    }


def snippets_for(articles, query: str) -> dict[int, str]:
    """Snippet HTML for one page of results, keyed by article id: one query on PostgreSQL
    (so ts_headline runs for these rows only, not for every match), none on SQLite."""
    articles = list(articles)
    if not articles or parse_query(query).is_empty:
        return {}
    if is_postgres():
        ids = [article.pk for article in articles]
        annotated = with_snippets(Article.objects.filter(pk__in=ids), query)
        raw = dict(annotated.values_list("pk", "snippet_raw"))
        for article in articles:
            article.snippet_raw = raw.get(article.pk, "")
    return {article.pk: snippet_html(article, query) for article in articles}


@dataclass
class FacetChoice:
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class Facet:
    name: str
    title: str
    choices: list[FacetChoice]


FACET_TITLES = {"kind": "Kind", "dossier": "Dossier", "author": "Author", "year": "Year"}


def page_query(query: str, filters: Filters, **changes) -> str:
    """The query string of a search, with `changes` applied; ends with '&' when not empty,
    so a page number can follow."""
    params = {"q": query} | {
        name: getattr(filters, name) for name in FACET_TITLES if getattr(filters, name)
    }
    params |= changes
    kept = {name: value for name, value in params.items() if value not in ("", None)}
    return urlencode(kept) + "&" if kept else ""


def facet_links(query: str, filters: Filters, ids: list[int]) -> list[Facet]:
    """The facets of the current results: each choice narrows to it, or, when chosen,
    widens again."""
    counts = facet_counts(Article.objects.filter(pk__in=ids))
    facets = []
    for name, title in FACET_TITLES.items():
        chosen = getattr(filters, name)
        choices = []
        for value, label, count in counts[name]:
            selected = str(value) == str(chosen)
            link = page_query(query, filters, **{name: "" if selected else value})
            choices.append(FacetChoice(str(label), count, "?" + link.rstrip("&"), selected))
        if choices:
            facets.append(Facet(name, title, choices))
    return facets


@dataclass
class Results:
    ids: list[int]  # best first
    capped: bool  # more matched than MAX_RESULTS


def best(live: QuerySet, query: str, filters: Filters) -> Results:
    """The ids of the best MAX_RESULTS live articles for `query`, narrowed by `filters`."""
    ranked = filters.apply(matching(live, query)).values_list("pk", flat=True)
    ids = list(ranked[: MAX_RESULTS + 1])
    return Results(ids[:MAX_RESULTS], len(ids) > MAX_RESULTS)


def articles_in_order(ids) -> list[Article]:
    """The articles of one page of results, as cards, in the order of `ids`."""
    ids = list(ids)
    found = Article.objects.filter(pk__in=ids).for_listing().in_bulk()
    return [found[pk] for pk in ids if pk in found]
