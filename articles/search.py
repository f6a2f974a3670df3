"""Search over live articles.

PostgreSQL: two stored, weighted tsvectors, written by `refresh_search_vector`, which the
one service that saves articles calls (no signals), and by `refresh_search_vectors` when
the admin renames what they hold:

- `search_vector`, everything (headline A; standfirst, authors, tags and the publication a
  piece first appeared in B; body C), with a GIN index: it decides what matches, in
  web-search syntax ("quoted phrases", or, -exclusion);
- `ranking_vector`, the same minus the body: it decides the order (ts_rank to one
  decimal place, then newest first). A body's vector is several kilobytes, so PostgreSQL
  stores it compressed out of line (TOAST), and ranking by it read and decompressed it
  for every match: seconds for a word found in thousands of articles. The small vector
  stays inline in the row (storage MAIN, migration 0008), so ranking thousands of
  matches costs microseconds each. What the body adds to a rank, a word's frequency deep
  in the text, is what readers miss least; a match in the headline, standfirst, byline
  or tags still ranks first.

Every match is counted, and the facets count every match; the best MAX_RESULTS are
listed, twenty to a page.

SQLite: the same interface with a simpler match: every term (or one of an `or` group) must
occur in the headline, standfirst, body text (not its markup), an author's name, a tag or
the original publication, ignoring case (outside the body, of ASCII letters only) but not
accents; excluded terms must not; results newest first, no stemming and no ranking.
"""

import html
import re
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlencode

import snowballstemmer
from django.contrib.postgres.search import SearchQuery
from django.db import OperationalError, connection, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear, Left
from django.utils import timezone
from django.utils.safestring import mark_safe

from dossiers.models import Dossier
from outlet.paths import path_to

from .accents import FOLDS
from .models import KIND_LABELS, Article, Byline, BylineRole, Kind, TaggedArticle
from .rawsql import live_where, public_dossiers_where, reading_connection, reading_cursor
from .stopwords import STOP_WORDS

MAX_QUERY_LENGTH = 200  # characters kept of a query; longer ones are cut, not refused
MAX_RESULTS = 1000  # listed, best first; the count and the facets cover every match
FACET_CHOICES = 10  # the authors and the dossiers most frequent among the results
# PostgreSQL's english with accents folded before stemming (migration 0016): "Orban" finds
# "Orbán", and "Erdoğan" finds "Erdogan".
CONFIG = "outlet_english"
SNIPPET_SOURCE_CHARS = 2_000  # of a body, read to make its snippet (see Snippets)
_MARK_START, _MARK_END = "\x02", "\x03"  # around matches until the text is escaped
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")
_EXCLUSION = re.compile(r"(?:^|\s)-")  # where websearch_to_tsquery may read a "not"


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
        """Nothing to look for: no terms, or none with a letter or digit ("???", "–")."""
        return not any(_WORD.search(term) for group in self.groups for term in group)


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
    # Names and tags through subqueries: joined, they repeated each article once per
    # byline and tag, and its body was searched as many times.
    by_author = Byline.objects.filter(author__name__icontains=term).values("article_id")
    tagged = TaggedArticle.objects.filter(tag__name__icontains=term).values("content_object_id")
    return (
        Q(headline__icontains=term)
        | Q(standfirst__icontains=term)
        | Q(original_publication__icontains=term)
        | _in_body_text(term)
        | Q(pk__in=by_author)
        | Q(pk__in=tagged)
    )


def _in_body_text(term: str) -> Q:
    """`term` in an HTML body's text, not its markup: a search for "strong", "amp" or "MP"
    must not find every article with bold text or an ampersand (stored "&amp;"; the term
    is escaped alike, so "S&P" is found as typed). The regular expression is a Python
    function, a hundred times slower than LIKE, so LIKE goes first and it runs only where
    LIKE found the term -- unless the term has a letter beyond ASCII, whose case LIKE
    does not ignore."""
    escaped = html.escape(term, quote=False)
    # From a tag's end, text and whole entities, then the term: never inside either.
    in_text = Q(body__iregex=r"(?:^|>)(?:[^<&]|&#?\w+;)*" + re.escape(escaped))
    return Q(body__icontains=escaped) & in_text if escaped.isascii() else in_text


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


def _search_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=CONFIG)


def full_text_match(query: str) -> Q:
    """The articles whose full vector matches `query` (PostgreSQL, through its GIN index)."""
    query = joined_words_as_phrases(query)
    search_query = _search_query(query)
    found = Q(search_vector=search_query)
    if _small_vector_first(query):
        found = Q(ranking_vector=search_query) | found
    return found


def _small_vector_first(query: str) -> bool:
    """Whether to try the small vector before the full one.

    A phrase is checked against word positions, which the GIN index does not hold, so
    PostgreSQL reads each candidate's full vector from TOAST. Matching the small vector
    first (its own GIN index) spares that read for every article with the phrase in its
    headline, standfirst, byline or tags. The small vector is a prefix of the full one, so
    this matches the same articles -- unless the query excludes a word, which the body may
    still hold."""
    return '"' in query and not _EXCLUSION.search(query)


def matching(articles: QuerySet, query: str) -> QuerySet:
    """The `articles` matching `query`, newest first: what a query finds, through the ORM.
    SQLite's search ranks no further; on PostgreSQL best() ranks in plain SQL, and this is
    full_text_match(), the admin's full-text part."""
    parsed = parse_query(query)
    if parsed.is_empty:
        return articles.none()
    if is_postgres():
        matches = articles.filter(full_text_match(query))
    else:
        matches = articles.filter(pk__in=_matching_ids_sqlite(articles, parsed))
    return matches.order_by("-published_at", "-pk")


# Snippets ------------------------------------------------------------------------------
#
# Made in Python, the same on both databases, from the first SNIPPET_SOURCE_CHARS of the
# body. PostgreSQL's ts_headline parses and stems every word it is given: 0.3-1 ms per
# result even on 2,000 characters, 5-20 ms for a page of twenty, more than all the rest of
# a search. Here one regular expression finds the words that start like the query's, and
# each is kept if it stems as the query's word does, by the Snowball stemmer PostgreSQL's
# index uses: "sanctioned" for "sanctions", not "stations" for "states" nor "police" for
# "policy". Words the index leaves out ("the", "in", the "s" of "Kazakhstan’s") are never
# marked. A few microseconds per result. A match further down the body still finds the
# article; its snippet then shows the opening lines.

_STEMMER = snowballstemmer.stemmer("english")
# Tags between blocks part words; tags within a line ("<em>sanctions</em>,") do not.
_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|br|hr|table|t[rdh]|"
                        r"figure|figcaption|pre|section|aside)\b[^>]*>", re.IGNORECASE)  # fmt: skip
_TAG = re.compile(r"<[^>]*(?:>|$)")  # any other tag, or one cut off at the excerpt's end


def _lower(word: str) -> str:
    # "İ".lower() is "i" and a combining dot, which matches neither "İ" nor "I" in text.
    return word.lower().replace("i\u0307", "i")


def _accented(folds: dict[str, str]) -> dict[str, str]:
    """For each letter, and the pairs of them that "ß", "æ" and the like fold to, the
    letters that fold to it (lower case)."""
    accented = {}
    for letter, folded in folds.items():
        accented.setdefault(folded.lower(), set()).add(_lower(letter))
    return {folded: "".join(sorted(letters)) for folded, letters in accented.items()}


# A snippet marks "Orbán" for "Orban" through a pattern of [aáàâ…], and "Straße" for
# "strasse" through (?:ss|ß), rather than by folding its text: that is a copy of each
# snippet with its offsets mapped back.
_ACCENTED = _accented(FOLDS)
_FOLDABLE = re.compile("[" + "".join(sorted(FOLDS)) + "]", re.I)


def _fold(word: str) -> str:
    if word.isascii():
        return word
    letters = unicodedata.normalize("NFC", word)
    return "".join(FOLDS.get(ch, ch) for ch in letters if not unicodedata.combining(ch))


def _with_accents(word: str) -> str:
    """A pattern for `word` (folded, lower case) that also matches it as written with
    accents, or with one letter for two."""
    pieces, at = [], 0
    while at < len(word):
        pair = word[at : at + 2]
        if len(pair) == 2 and pair in _ACCENTED:
            pieces.append(f"(?:{_letters(pair)}|[{_ACCENTED[pair]}])")
            at += 2
        else:
            pieces.append(_letters(word[at]))
            at += 1
    return "".join(pieces)


def _letters(word: str) -> str:
    return "".join(
        f"[{re.escape(ch)}{_ACCENTED[ch]}]" if ch in _ACCENTED else re.escape(ch) for ch in word
    )


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(_lower(_fold(word)))


def _searched_words(term: str) -> list[str]:
    """A term's words as the index searches them: a phrase without the common words at
    its ends (inside it they hold the others apart, "rule of law")."""
    words = _WORD.findall(unicodedata.normalize("NFC", term))
    while words and _is_stop_word(words[0]):
        words.pop(0)
    while words and _is_stop_word(words[-1]):
        words.pop()
    return words


def _is_stop_word(word: str) -> bool:
    # As the index reads it: "à" is "a" once folded, and left out.
    return _lower(_fold(word)) in STOP_WORDS


def _prefix(word: str) -> str:
    """What every form of `word` starts with: the part its stem shares with it, less the
    "i" a stem may end in for "y" ("policy" -> "polici" -> "polic")."""
    word, stem = _lower(_fold(word)), _stem(word)
    shared = 0
    while shared < min(len(word), len(stem)) and word[shared] == stem[shared]:
        shared += 1
    prefix = word[:shared]
    return prefix[:-1] if prefix.endswith("i") and len(prefix) > 2 else prefix


class Marks:
    """Where a snippet marks what `parsed` looks for: each word in any of its forms, each
    phrase's words in order. `stemmed`: as PostgreSQL's index matched them, by stem; else
    (SQLite, which matches strings) every word that starts as one of the query's."""

    def __init__(self, parsed: ParsedQuery, *, stemmed: bool = True):
        terms = [_searched_words(term) for group in parsed.groups for term in group]
        terms = sorted(filter(None, terms), key=len, reverse=True)  # phrases first
        self.stems = {_stem(word) for words in terms for word in words} if stemmed else None
        self._terms, self._stemmed = terms, stemmed
        # Without accents, for a text without a letter to fold (most): a pattern of
        # accented letters costs 0.1-0.2 ms a letter to compile, compiled on first need.
        self.patterns = self._compile(accents=False)
        self._accented = None

    def _compile(self, *, accents: bool) -> list[re.Pattern]:
        def start(word):
            if not self._stemmed:
                return re.escape(_lower(word))
            return _with_accents(_prefix(word)) if accents else re.escape(_prefix(word))

        return [
            re.compile(r"\W+".join(rf"\b{start(w)}\w*" for w in words), re.I)
            for words in self._terms
        ]

    def _patterns(self, text: str) -> list[re.Pattern]:
        if not self._stemmed or text.isascii() or not _FOLDABLE.search(text):
            return self.patterns
        if self._accented is None:
            self._accented = self._compile(accents=True)
        return self._accented

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Each term's matches in turn, phrases first, so that a phrase rejected for its
        second word ("climate changer") still leaves its first to the word alone."""
        spans = []
        for pattern in self._patterns(text):
            for found in pattern.finditer(text):
                start, end = found.span()
                if self._wanted(found[0]) and all(end <= a or start >= b for a, b in spans):
                    spans.append((start, end))
        return sorted(spans)

    def _wanted(self, found: str) -> bool:
        if self.stems is None:
            return True
        return all(
            _stem(word) in self.stems or _is_stop_word(word) for word in _WORD.findall(found)
        )


def _snippet(text: str, spans: list[tuple[int, int]], width: int = 240) -> str:
    """About `width` characters of `text` from a little before its first marked span,
    the spans within them marked with the sentinels; the opening of `text` without any."""
    first = spans[0][0] if spans else None
    start = max(0, first - width // 3) if first is not None else 0
    if start:  # begin at a word
        start = text.find(" ", start, first) + 1 or start
    end = start + width
    space = text.rfind(" ", start + width // 2, end + 1)
    if end < len(text) and space != -1:  # and end after one
        end = space
    pieces, at = [], start
    for span_start, span_end in spans:
        if span_start >= at and span_end <= end:
            pieces += [text[at:span_start], _MARK_START, text[span_start:span_end], _MARK_END]
            at = span_end
    pieces.append(text[at:end])
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{''.join(pieces)}{suffix}"


def _snippet_html(excerpt: str, marks: Marks) -> str:
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", excerpt or ""))
    text = " ".join(html.unescape(text).split())
    # Composed, as the query's words are: "Orba\u0301n" is indexed as "orban" too.
    text = unicodedata.normalize("NFC", text)
    # A body's own \x02 or \x03 must not open a <mark>. Not str.translate(), which costs
    # 0.1 ms a snippet once the text holds a character past Latin-1 (an em dash).
    text = text.replace(_MARK_START, "").replace(_MARK_END, "")
    raw = html.escape(_snippet(text, marks.spans(text)))
    return mark_safe(raw.replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>"))


# Both vectors in one pass: the small one (headline A; standfirst, authors, tags, original
# publication B) and the full one, the small one plus the body (C). The body is HTML:
# PostgreSQL's parser reads tags as tokens of their own, which the English configuration
# does not index, so no tag name ends up searchable. MATERIALIZED: each article's small
# vector is made once, then used in both columns.
_VECTOR_SQL = """
WITH head AS MATERIALIZED (
  SELECT s.id,
         setweight(to_tsvector(%(config)s, coalesce(s.headline, '')), 'A')
      || setweight(to_tsvector(%(config)s, coalesce(s.standfirst, '')), 'B')
      || setweight(to_tsvector(%(config)s, coalesce((
             SELECT string_agg(au.name, ' ') FROM articles_byline AS b JOIN articles_author AS au
                 ON au.id = b.author_id WHERE b.article_id = s.id), '')), 'B')
      || setweight(to_tsvector(%(config)s, coalesce((
             SELECT string_agg(t.name, ' ') FROM articles_taggedarticle AS ta JOIN taggit_tag AS t
                 ON t.id = ta.tag_id WHERE ta.content_object_id = s.id), '')), 'B')
      || setweight(to_tsvector(%(config)s, s.original_publication), 'B')
         AS vector
    FROM articles_article AS s
   WHERE s.id = ANY(%(ids)s))
UPDATE articles_article AS a
   SET ranking_vector = head.vector,
       search_vector = head.vector || setweight(to_tsvector(%(config)s, coalesce(a.body, '')), 'C')
  FROM head
 WHERE a.id = head.id
"""


def refresh_search_vector(*, article: Article) -> None:
    """Recompute `article`'s stored vectors (PostgreSQL only), within the transaction that
    saved it (articles.services), which holds its row."""
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(_VECTOR_SQL, {"config": CONFIG, "ids": [article.pk]})


def refresh_search_vectors(*, ids=None) -> None:
    """Recompute the stored vectors (PostgreSQL only) of the articles `ids`, or of every
    article: after a tag or an author is renamed, or tags merged (the admin), and for a
    generated corpus.

    The rows are locked first, in id order, and then written by a statement of their own,
    so that its snapshot holds what a save committed while this waited for a row. (An
    UPDATE that waits for a row reads that row again, but not the names it joined in from
    other tables: it wrote the headline as it stood before the save.)"""
    if not is_postgres():
        return
    if ids is None:
        ids = Article.objects.values_list("pk", flat=True)
    ids = sorted(set(ids))
    with transaction.atomic(), connection.cursor() as cursor:
        in_bulk = len(ids) >= BULK_VECTORS and _owns_gin_indexes(cursor)
        if in_bulk:
            cursor.execute("SELECT current_setting('gin_pending_list_limit')")
            limit = cursor.fetchone()[0]
            cursor.execute("SELECT set_config('gin_pending_list_limit', '2GB', true)")
        for at in range(0, len(ids), BULK_CHUNK):
            chunk = ids[at : at + BULK_CHUNK]
            cursor.execute(_LOCK_SQL, [chunk])
            cursor.execute(_VECTOR_SQL, {"config": CONFIG, "ids": chunk})
            if in_bulk:
                cursor.execute(f"SELECT gin_clean_pending_list(oid) FROM ({_GIN_INDEXES}) AS gin")
        if in_bulk:
            cursor.execute("SELECT set_config('gin_pending_list_limit', %s, true)", [limit])


_LOCK_SQL = "SELECT FROM articles_article WHERE id = ANY(%s) ORDER BY id FOR UPDATE"

# Writing many articles' vectors (a tag on thousands of them renamed): each new row's
# entries, some 350 words' worth, go into the GIN indexes through their pending lists,
# which the writer merged into the index whenever one passed its limit (4 MB), sorting in
# work_mem. Instead the limit is raised for the write, and the lists are merged after
# each BULK_CHUNK articles (gin_clean_pending_list, in maintenance_work_mem): a tag on
# 5,900 articles renamed in 11 s instead of 16, one on 18,700 in 28 s instead of 41. In
# chunks, because while a list stands past 4 MB any other save merges it itself and every
# search reads it: a save made meanwhile waits up to 1.3 s (0.2 s otherwise), where one
# list for 18,700 articles held it 21 s. The merge is the indexes' owner's to call;
# another role writes as before.
BULK_VECTORS = 100
BULK_CHUNK = 1_000
_GIN_INDEXES = """
SELECT c.oid FROM pg_index AS i
  JOIN pg_class AS c ON c.oid = i.indexrelid
  JOIN pg_am ON pg_am.oid = c.relam
 WHERE i.indrelid = 'articles_article'::regclass AND pg_am.amname = 'gin'
"""


def _owns_gin_indexes(cursor) -> bool:
    cursor.execute(f"SELECT bool_and(pg_has_role(c.relowner, 'USAGE')) FROM pg_class AS c"
                   f" WHERE c.oid IN ({_GIN_INDEXES})")  # fmt: skip
    return bool(cursor.fetchone()[0])


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

    def sql(self) -> tuple[str, list]:
        """The same narrowing as apply(), as conditions to AND onto best()'s raw SQL."""
        sql, params = "", []
        if self.kind:
            sql += " AND articles_article.kind = %s"
            params.append(self.kind)
        if self.year:
            sql += " AND date_part('year', articles_article.published_at AT TIME ZONE %s) = %s"
            params += [timezone.get_current_timezone_name(), self.year]
        if self.author:
            sql += """ AND articles_article.id IN (SELECT b.article_id FROM articles_byline AS b
                JOIN articles_author AS au ON au.id = b.author_id WHERE au.slug = %s)"""
            params.append(self.author)
        if self.dossier:
            public_sql, public_params = public_dossiers_where(reading_connection())
            sql += f""" AND articles_article.id IN (SELECT e.article_id
                FROM dossiers_dossierentry AS e JOIN dossiers_dossier
                  ON dossiers_dossier.id = e.dossier_id
                WHERE dossiers_dossier.slug = %s AND ({public_sql}))"""
            params += [self.dossier, *public_params]
        return sql, params


def _is_year(value: str) -> bool:
    # isdigit() alone accepts "²", which int() refuses.
    return value.isascii() and value.isdigit() and 1 <= int(value) <= 9999


@dataclass
class CardAuthor:
    name: str


@dataclass
class CardByline:
    role: str
    author: CardAuthor


@dataclass
class Card:
    """A search result as the article card partial reads it (the same names as Article's),
    built from one row: no model instance, related manager or prefetch per result."""

    pk: int
    slug: str
    headline: str
    kind: str
    published_at: datetime | None
    standfirst: str
    snippet: str
    bylines: list[CardByline]

    def get_kind_display(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def get_absolute_url(self) -> str:
        return path_to("articles:detail", self.slug)

    def credited(self, role: str = BylineRole.AUTHOR) -> list[CardByline]:
        return [byline for byline in self.bylines if byline.role == role]


def cards_and_facets(results: "Results", page_ids, query: str) -> tuple[list[Card], dict]:
    """The cards of one page of `results`, in the order of `page_ids`, each with its
    `snippet` (HTML, escaped), and the facets' choices counted over every match (what
    facet_links() reads): one query on PostgreSQL. The ids come from best(), which
    applied the live rule."""
    if not results.total:
        return [], NO_RESULTS
    page_ids = list(page_ids)
    marks = Marks(parse_query(query), stemmed=is_postgres())
    if not is_postgres():
        return _sqlite_cards(page_ids, marks), results.counts | _sqlite_facets(results.matched)
    return _pg_cards_and_facets(results, page_ids, marks)


# The facets of every match, by its ids, and a page of results, each article with the start
# of its body (for the snippet) and its bylines in byline order (Byline.Meta.ordering) as
# [[name, role], ...]: a row per card, the facets on each (on the one row of NULLs when
# the page is empty). Prepared, and planned once for every search: the ids as a parameter
# suit a plan made without them, which probes the bylines' and entries' indexes per id
# (for a word in most articles, 120 ms for 57,000 ids; planned for the count, 240 ms).
# It runs after the ranking, outside its time limit: it reads the bylines and entries of
# the matches the ranking found in time, at most about as long again.
# An author credited twice on a piece, in two roles, counts it once; of authors with as
# many, the first added is kept, so that only the chosen ones' names are read.
_PAGE_SQL = """
SELECT a.id, a.slug, a.headline, a.kind, a.published_at, a.standfirst, left(a.body, %s),
       (SELECT json_agg(json_build_array(au.name, b.role) ORDER BY b.position, b.id)
          FROM articles_byline AS b JOIN articles_author AS au ON au.id = b.author_id
         WHERE b.article_id = a.id),
       facets.authors, facets.dossiers
  FROM (SELECT
    (SELECT json_agg(json_build_array(au.slug, au.name, top.n) ORDER BY top.n DESC, au.name)
       FROM (SELECT author_id, count(*) AS n
               FROM (SELECT b.author_id FROM articles_byline AS b
                      WHERE b.article_id = ANY(given.ids)
                      GROUP BY b.author_id, b.article_id) AS credited
              GROUP BY author_id ORDER BY n DESC, author_id LIMIT %s) AS top
       JOIN articles_author AS au ON au.id = top.author_id) AS authors,
    (SELECT json_agg(json_build_array(slug, title, n) ORDER BY n DESC, title)
       FROM (SELECT dossiers_dossier.slug, dossiers_dossier.title, count(*) AS n
               FROM dossiers_dossierentry AS e
               JOIN dossiers_dossier ON dossiers_dossier.id = e.dossier_id
              WHERE e.article_id = ANY(given.ids) AND ({public})
              GROUP BY dossiers_dossier.id ORDER BY n DESC, dossiers_dossier.title
              LIMIT %s) AS d) AS dossiers
    FROM (SELECT %s::bigint[] AS ids) AS given
  ) AS facets
  LEFT JOIN articles_article AS a ON a.id = ANY(%s::bigint[])
"""


def _pg_cards_and_facets(results, page_ids, marks):
    connection = reading_connection()
    public_sql, public_params = public_dossiers_where(connection)
    params = [SNIPPET_SOURCE_CHARS, FACET_CHOICES, *public_params, FACET_CHOICES,
              results.matched, _int_array(page_ids)]  # fmt: skip
    with reading_cursor(connection) as cursor:
        cursor.execute(_PAGE_SQL.format(public=public_sql), params)
        rows = cursor.fetchall()
    by_id = {
        pk: Card(pk, slug, headline, kind, published_at, standfirst,
                 _snippet_html(excerpt, marks),
                 [CardByline(role, CardAuthor(name)) for name, role in bylines or ()])
        for pk, slug, headline, kind, published_at, standfirst, excerpt, bylines, *_ in rows
        if pk is not None
    }  # fmt: skip
    authors, dossiers = rows[0][-2:]
    counts = results.counts | {
        "author": [tuple(author) for author in authors or ()],
        "dossier": [tuple(dossier) for dossier in dossiers or ()],
    }
    return [by_id[pk] for pk in page_ids if pk in by_id], counts


def _kinds_and_years(kinds, years) -> dict:
    """The kind and year facets' choices as facet_links() reads them, from (value, n)
    pairs over every match."""
    return {
        "kind": [
            (kind, KIND_LABELS.get(kind, kind), n)
            for kind, n in sorted(kinds, key=lambda item: (-item[1], item[0]))
        ],
        "year": [(year, year, n) for year, n in sorted(years, reverse=True) if year],
    }


def _sqlite_cards(ids, marks) -> list[Card]:
    articles = (
        Article.objects.filter(pk__in=ids)
        .for_listing()
        .defer("body")
        .annotate(excerpt=Left("body", SNIPPET_SOURCE_CHARS))
    )
    cards = {
        a.pk: Card(a.pk, a.slug, a.headline, a.kind, a.published_at, a.standfirst,
                   _snippet_html(a.excerpt, marks),
                   [CardByline(b.role, CardAuthor(b.author.name)) for b in a.bylines.all()])
        for a in articles
    }  # fmt: skip
    return [cards[pk] for pk in ids if pk in cards]


def _sqlite_results(query: str, filters: "Filters") -> "Results":
    """best() on SQLite: the newest MAX_RESULTS matches, and how many there are by kind and
    by year."""
    matches = filters.apply(matching(Article.objects.live(), query))
    ids = list(matches.values_list("pk", flat=True)[:MAX_RESULTS])
    if not ids:
        return Results([], 0, NO_RESULTS)
    every = matches.order_by()
    kinds = every.values_list("kind").annotate(n=Count("pk"))
    years = every.values_list(ExtractYear("published_at")).annotate(n=Count("pk"))
    total = len(ids) if len(ids) < MAX_RESULTS else every.count()
    return Results(ids, total, _kinds_and_years(kinds, years), matched=every.values("pk"))


def _sqlite_facets(matched) -> dict:
    """The author and dossier facets' choices over `matched` (ids, or a query of them)."""
    authors = (
        Byline.objects.filter(article__in=matched)
        .values_list("author__slug", "author__name")
        .annotate(n=Count("article_id", distinct=True))
        .order_by("-n", "author__name", "author__slug")[:FACET_CHOICES]
    )
    dossiers = (
        Dossier.objects.public()
        .filter(entries__article__in=matched)
        .values_list("slug", "title")
        .annotate(n=Count("entries"))
        .order_by("-n", "title")[:FACET_CHOICES]
    )
    return {"author": list(authors), "dossier": list(dossiers)}


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


def facet_links(query: str, filters: Filters, counts: dict) -> list[Facet]:
    """The facets of the current results (cards_and_facets()'s counts): each choice
    narrows to it, or, when chosen, widens again."""
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
    ids: list[int]  # the best MAX_RESULTS, best first
    total: int  # every match
    # By kind and by year, over every match (_kinds_and_years); the authors and dossiers
    # come with a page of cards (cards_and_facets).
    counts: dict
    # Every match: their ids, as PostgreSQL's array literal from best() (passed back to it
    # as it came: 57,000 ids cost 10 ms to read and write again), or (SQLite) a query.
    matched: str | QuerySet = ()
    timed_out: bool = False  # finding them took longer than TIME_LIMIT_MS
    # PostgreSQL: the query looked for nothing, its words being too common to be indexed,
    common_only: bool = False
    exclusions_only: bool = False  # or only for words to leave out: it would find anything

    @property
    def capped(self) -> bool:
        return self.total > len(self.ids)


NO_RESULTS = {"kind": [], "year": [], "author": [], "dossier": []}


def best(query: str, filters: Filters) -> Results:
    """The best MAX_RESULTS live articles for `query`, narrowed by `filters`, with how many
    match in all, by kind and by year: one query on PostgreSQL, and a second when it
    finds nothing, to tell a query of common words from no match.

    There the query is raw SQL: compiling it through the ORM cost more than running it for
    a selective word. Its WHERE clause starts from Article.objects.live()'s own, compiled
    (articles.rawsql.live_where), so the live rule is still only written there. It is not
    prepared (articles.rawsql): the best plan depends on how many articles the words
    match, which a plan made once for every query cannot know. What a page shows of the
    results comes from cards_and_facets()."""
    if not is_postgres():
        return _sqlite_results(query, filters)
    if parse_query(query).is_empty:
        return Results([], 0, NO_RESULTS)
    connection = reading_connection()
    live_sql, live_params = live_where(connection)
    websearch = joined_words_as_phrases(query)
    match = "articles_article.search_vector @@ q"
    if _small_vector_first(websearch):
        match = f"(articles_article.ranking_vector @@ q OR {match})"
    narrow_sql, narrow_params = filters.sql()
    sql = _RANKED_SQL.format(live=live_sql, match=match, narrow=narrow_sql)
    tzname = timezone.get_current_timezone_name()
    params = [tzname, CONFIG, websearch, *live_params, *narrow_params, MAX_RESULTS]
    try:
        row = _ranked(connection, sql, params)[0]
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != _QUERY_CANCELED:
            raise
        return Results([], 0, NO_RESULTS, timed_out=True)
    ids, kinds_and_years, matched = row  # every match's ids as text, handed back as it is
    if not ids:
        with connection.cursor() as cursor:
            cursor.execute(_READING_SQL, [CONFIG, websearch])
            tsquery, finds_anything = cursor.fetchone()
        return Results([], 0, NO_RESULTS, common_only=not tsquery, exclusions_only=finds_anything)
    kinds, years = Counter(), Counter()
    for kind, year, n in kinds_and_years or ():
        kinds[kind] += n
        years[year] += n
    return Results(ids, kinds.total(), _kinds_and_years(kinds.items(), years.items()), matched)


# A word joined to the next by a hyphen ("peace-process"), read as the phrase of its
# parts: PostgreSQL indexes such a word whole and in parts, so as typed it found only
# articles spelling it so, never "peace process" or "Armenia–Azerbaijan".
# Between letters only: PostgreSQL reads "2020-2021" as 2020 and the number -2021, in the
# index and in a query alike, so joined numbers already match as typed.
_HYPHENATED = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
_HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐‑–](?=[^\W\d_])")


def joined_words_as_phrases(query: str) -> str:
    if query.count('"') % 2:  # a quote left open: PostgreSQL reads a phrase to the end
        return query

    def rewrite(found):
        negated, phrase, sign, word = found.groups()
        if phrase is not None:
            return f'{negated}"{_HYPHEN.sub(" ", phrase)}"'
        return f'{sign}"{_HYPHEN.sub(" ", word)}"' if _HYPHEN.search(word) else found.group(0)

    return _HYPHENATED.sub(rewrite, query)


# Planner settings for a search's statements. PostgreSQL costs testing a row's vector
# against the query as one cheap operator; it is reading and decompressing kilobytes from
# TOAST. So for a word found in more than half the articles it chose to read the whole
# table in three parallel processes (350 ms of each at 100,000 articles) over the GIN
# index, whose matches need no such test (130 ms in one process). Parallel workers would
# take the other requests' CPUs; JIT compiling, which the cost of a disabled scan can
# set off, costs more than these queries run.
PLANNER_SETTINGS = {"enable_seqscan": "off", "max_parallel_workers_per_gather": "0", "jit": "off"}
# And a time limit: a phrase of two common words is checked against the word positions of
# every article holding both (280 ms at 100,000 articles; ten times that at a million).
# Past the limit the reader is asked for a narrower search, and the worker is free again.
TIME_LIMIT_MS = 2_000
_QUERY_CANCELED = "57014"  # PostgreSQL's code for a statement cancelled by its time limit


def _settings_sql(names) -> str:
    """One statement setting `names` (their values are its parameters) to the end of the
    transaction."""
    return "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in names)


def _ranked(connection, sql, params) -> list[tuple]:
    """The rows of the ranking query, run after the settings in the same string."""
    settings = PLANNER_SETTINGS | {"statement_timeout": str(TIME_LIMIT_MS)}
    statements = f"{_settings_sql(settings)};\n{sql}"
    params = [*settings.values(), *params]
    if connection.get_autocommit():  # the string is one implicit transaction, and
        return _last_result(connection, statements, params)  # the settings end with it
    # Inside a caller's transaction: a savepoint, so that a cancelled statement does not
    # abort it, rolled back afterwards, so that the settings do not outlast the search.
    with transaction.atomic(using=connection.alias):
        rows = _last_result(connection, statements, params)
        transaction.set_rollback(True, using=connection.alias)
    return rows


def _last_result(connection, statements, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statements, params)
        cursor.nextset()
        return cursor.fetchall()


@contextmanager
def through_the_index(*, scans=False):
    """A transaction in which the queries run under PLANNER_SETTINGS (no time limit): for
    the admin's list of articles, which runs its queries as it renders, each with the
    search in it. With `scans`, sequential scans stay allowed (for words no index holds).
    The settings are put back as they were at the end."""
    settings = {n: v for n, v in PLANNER_SETTINGS.items() if not (scans and n == "enable_seqscan")}
    connection = reading_connection()
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"current_setting('{n}')" for n in settings))
            before = cursor.fetchone()
            cursor.execute(_settings_sql(settings), list(settings.values()))
        yield
        with connection.cursor() as cursor:
            cursor.execute(_settings_sql(settings), list(before))


# Every match ranked by the small vector (see the module docstring), to one decimal place,
# then newest first. ts_rank's finer differences (one more mention in a tag: 0.999 against
# 0.995) are not what a reader means by more relevant, and let them decide, a piece from
# 2009 came before this year's with the same words in its headline. Among equals, the
# articles whose small vector alone holds the query come first: words in two fields far
# apart (a headline's and a byline's) rank near 0.0, as a match in the body alone does.
#
# One row: the best MAX_RESULTS ids; the matches counted by kind and year; every match's
# id, for the authors and dossiers counted with a page of cards (_PAGE_SQL). Counted here
# too, they cost planning a statement with four subqueries, more than a rare word's search
# took to run. An article without a word must not match (then nothing is searched:
# "-China" alone is no search; _READING_SQL says why nothing was found). The table keeps
# its own name (no alias) because the live rule's compiled WHERE clause names it.
# Rounded and the year taken in floating point: numeric's round() and EXTRACT cost 4 ms of
# a word in 4,900 articles, 30 ms of one in 57,000. The grades are the same (none of
# 700,000 ranks of seven words at 100,000 articles differed).
_RANKED_SQL = """
WITH matched AS MATERIALIZED (
  SELECT articles_article.id, articles_article.kind, articles_article.published_at,
         date_part('year', articles_article.published_at AT TIME ZONE %s)::integer AS year,
         ts_rank(articles_article.ranking_vector, q) AS rank,
         articles_article.ranking_vector @@ q AS named
    FROM articles_article, websearch_to_tsquery(%s::regconfig, %s) AS q
   WHERE ({live}) AND {match}{narrow} AND NOT (''::tsvector @@ q)
)
SELECT
  (SELECT json_agg(id ORDER BY grade DESC, named DESC, published_at DESC, id DESC)
     FROM (SELECT id, floor(rank * 10 + 0.5) AS grade, named, published_at FROM matched
            ORDER BY grade DESC, named DESC, published_at DESC, id DESC LIMIT %s) AS best),
  (SELECT json_agg(json_build_array(kind, year, n))
     FROM (SELECT kind, year, count(*) AS n FROM matched GROUP BY kind, year) AS k),
  (SELECT array_agg(id)::text FROM matched)
"""

# How PostgreSQL reads a query that found nothing: its lexemes (none when every word is
# too common to be indexed), and whether an article without a word would match it.
_READING_SQL = "SELECT q::text, ''::tsvector @@ q FROM websearch_to_tsquery(%s::regconfig, %s) AS q"


def _int_array(ids) -> str:
    # An array literal: psycopg's list adapter inspects each item (a regex apiece).
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"
