"""What an article page reads: the article, its people, its tags and its dossiers, in one
query.

Every reader's visit to an article runs this, so it is one round trip, written by hand
and prepared on PostgreSQL (articles.rawsql): the ORM's compiling of the five simple
queries it replaces cost more than PostgreSQL's running of them, and PostgreSQL's planning
of them more again. Bylines (each with its author and the author's affiliations), tags
and dossiers (each with its pieces and key terms) come back as JSON arrays, one per row
of theirs, and are put in order here (SQLite before 3.44 cannot order inside an
aggregate). Which articles may be read is the caller's queryset, compiled
(`Article.objects.live()`'s for the public), so the live rule is still said only there;
which dossiers are public, Dossier.objects.public()'s.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.contrib.postgres.search import SearchVectorField
from django.db.models import QuerySet

from .models import Article, Author
from .rawsql import (
    JSON_FUNCTIONS,
    json_rows,
    live_where,
    public_dossiers_where,
    reading_connection,
    reading_cursor,
    where_of,
)

_ARTICLE_FIELDS = [
    field for field in Article._meta.concrete_fields if not isinstance(field, SearchVectorField)
]
_PAGE_SQL = """
SELECT {columns},
  EXISTS (SELECT 1 FROM articles_correction c WHERE c.article_id = articles_article.id),
  -- The public dossiers holding it (n: their order by title, in the database's collation),
  -- each with its pieces (live, or this one: a staff preview keeps its place among the
  -- live ones) and its key terms. The live and public conditions name their tables
  -- unaliased: inside the pieces' subquery, articles_article is the piece.
  (SELECT {agg}({array}(held.n, held.id, held.title, held.slug, held.standfirst,
            (SELECT {agg}({array}(e.position, e.id, articles_article.id,
                                  articles_article.headline, articles_article.slug))
               FROM dossiers_dossierentry e  -- from here on, articles_article is the piece
               JOIN articles_article ON articles_article.id = e.article_id
              WHERE e.dossier_id = held.id AND (({{live}}) OR e.article_id = held.article_id)),
            (SELECT {agg}({array}(k.position, k.term, k.id, k.slug, k.other_names))
               FROM dossiers_keyterm k WHERE k.dossier_id = held.id)))
     FROM (SELECT row_number() OVER (ORDER BY dossiers_dossier.title, dossiers_dossier.id) AS n,
                  dossiers_dossier.id, dossiers_dossier.title, dossiers_dossier.slug,
                  dossiers_dossier.standfirst, here.article_id
             FROM dossiers_dossierentry here
             JOIN dossiers_dossier ON dossiers_dossier.id = here.dossier_id
            WHERE here.article_id = articles_article.id AND ({{public}})) AS held),
  -- The house disclaimer that applies, unless the text was fixed at publication.
  CASE WHEN NOT articles_article.no_disclaimer AND articles_article.disclaimer_text = ''
    THEN COALESCE(
      (SELECT d.text FROM articles_disclaimer d WHERE d.id = articles_article.disclaimer_id),
      (SELECT d.text FROM articles_disclaimer d WHERE d.default_for = articles_article.kind))
  END,
  -- Each byline with its author and the author's affiliations.
  (SELECT {agg}({array}(b.position, b.id, b.role, b.affiliation,
            au.id, au.name, au.slug, au.pronoun, au.bio_override, au.photo, au.photo_width,
            au.photo_height,
            (SELECT {agg}({array}(f.is_current, f.position, f.id, f.role, f.organisation,
                                  f.the, f.place))
               FROM articles_affiliation f WHERE f.author_id = au.id)))
     FROM articles_byline b JOIN articles_author au ON au.id = b.author_id
    WHERE b.article_id = articles_article.id),
  -- A subquery per tag rather than a join, which PostgreSQL plans as a scan of every tag.
  (SELECT {agg}({array}(ta.tag_id,
            (SELECT t.name FROM taggit_tag t WHERE t.id = ta.tag_id),
            (SELECT t.slug FROM taggit_tag t WHERE t.id = ta.tag_id)))
     FROM articles_taggedarticle ta WHERE ta.content_object_id = articles_article.id)
FROM articles_article
WHERE articles_article.slug = %s AND ({{visible}})
"""


@dataclass(frozen=True)
class Post:
    """One of an author's affiliations, as the bio sentence and the byline line read it."""

    role: str
    organisation: str
    the: bool
    place: str
    is_current: bool


@dataclass(frozen=True)
class PageByline:
    """One byline: who, in what role, with the line it was published with (may be "")."""

    author: Author
    role: str
    affiliation: str


def page_article(slug: str, visible: QuerySet | None = None) -> Article | None:
    """The article at `slug` among `visible` (live articles unless given), or None, with
    what its page shows beside it:
    `page_bylines` (in order, each author with `bio_affiliations`), `page_tags` ((name,
    slug) pairs), `has_corrections`, `page_dossiers` (the public dossiers holding it, by
    title, as rows for dossiers.reading.dossier_boxes) and `page_disclaimer`, the
    disclaimer that applies unless one was fixed at publication."""
    connection = reading_connection()
    live, live_params = live_where(connection)
    public, public_params = public_dossiers_where(connection)
    if visible is None:
        condition, params = live, live_params
    else:
        condition, params = where_of(visible, connection)
    sql = _sql(connection.vendor).format(live=live, public=public, visible=condition)
    with reading_cursor(connection) as cursor:
        cursor.execute(sql, [*live_params, *public_params, slug, *params])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row[: len(_ARTICLE_FIELDS)])
    for n, column, converters in _article_converters(connection.ops):
        for convert in converters:
            values[n] = convert(values[n], column, connection)
    article = Article.from_db(connection.alias, [f.attname for f in _ARTICLE_FIELDS], values)
    has_corrections, dossiers, disclaimer, bylines, tags = row[len(_ARTICLE_FIELDS) :]
    article.has_corrections = bool(has_corrections)
    article.page_dossiers = sorted(json_rows(dossiers))
    article.page_disclaimer = disclaimer
    article.page_bylines = _bylines(json_rows(bylines))
    article.page_tags = [(name, slug) for _, name, slug in sorted(json_rows(tags))]
    return article


@lru_cache(maxsize=4)
def _sql(vendor: str) -> str:
    columns = ", ".join(f'articles_article."{field.column}"' for field in _ARTICLE_FIELDS)
    return _PAGE_SQL.format(columns=columns, **JSON_FUNCTIONS[vendor])


@lru_cache(maxsize=8)
def _article_converters(ops):
    """What the ORM does to each column it reads back (SQLite's dates, for one)."""
    converters = []
    for n, field in enumerate(_ARTICLE_FIELDS):
        column = field.get_col(Article._meta.db_table)
        found = ops.get_db_converters(column) + column.get_db_converters(ops.connection)
        if found:
            converters.append((n, column, found))
    return converters


def _bylines(rows) -> list[PageByline]:
    """In Byline.Meta.ordering's order, one Author instance per person (who may be credited
    in more than one role)."""
    authors, bylines = {}, []
    for _, _, role, line, author_id, *author in sorted(rows, key=lambda row: row[:2]):
        if author_id not in authors:
            authors[author_id] = _author(author_id, *author)
        bylines.append(PageByline(authors[author_id], role, line))
    return bylines


def _author(pk, name, slug, pronoun, bio_override, photo, width, height, affiliations) -> Author:
    # With its photo's size: an ImageField without it opens the image to measure it.
    author = Author(
        pk=pk, name=name, slug=slug, pronoun=pronoun, bio_override=bio_override, photo=photo,
        photo_width=width, photo_height=height,
    )  # fmt: skip
    author.bio_affiliations = [
        Post(role, organisation, bool(the), place, bool(is_current))
        # Affiliation.Meta.ordering: current first, then by position.
        for is_current, _, _, role, organisation, the, place in sorted(
            json_rows(affiliations), key=lambda a: (not a[0], a[1], a[2])
        )
    ]
    return author
