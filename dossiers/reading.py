"""What readers see of dossiers: the articles in them, in order, and around them.

Only live articles ever show; every query starts from `Article.objects.live()`, and each
function fetches what its template needs in a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from articles.keyterms import Term
from articles.models import Article, Byline, TaggedArticle, live_condition
from articles.rawsql import json_rows, live_where, reading_connection
from outlet.paths import path_to

from .models import Dossier, DossierEntry, term_address, term_names

RELATED_TAGS = 12  # of a dossier's tags, the commonest among its pieces
PER_TAG = 100  # live articles filed last under each of those tags
RELATED = 6


@dataclass(frozen=True)
class Neighbour:
    """A live piece beside this one in a dossier, as its box links to it."""

    pk: int
    headline: str
    slug: str

    def get_absolute_url(self) -> str:
        return path_to("articles:detail", self.slug)


@dataclass
class DossierBox:
    """An article's place in one dossier: the dossier and the live pieces either side."""

    dossier: Dossier
    previous: Neighbour | None
    next: Neighbour | None
    number: int
    total: int
    key_terms: list[Term] = field(default_factory=list)  # each linked to the dossier's page
    url: str = ""  # the dossier's address


def _card_bylines(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}bylines", queryset=Byline.objects.select_related("author"))


def dossier_boxes(rows, article: Article) -> list[DossierBox]:
    """The boxes of the public dossiers `article` is in, each with its neighbours in the
    dossier's order and its key terms, from `rows`, its page_dossiers as
    articles.reading.page_article read them (by title).

    Rows become small records, not model instances: a dossier of forty pieces made forty
    Articles, which cost the page more than its query.
    """
    return [
        _box(Dossier(id=pk, title=title, slug=slug, standfirst=standfirst), entries, terms, article)
        for _, pk, title, slug, standfirst, entries, terms in rows
    ]


def _box(dossier: Dossier, entries, terms, article: Article) -> DossierBox:
    url = dossier.get_absolute_url()
    pieces = [
        Neighbour(pk, headline, slug) for *_, pk, headline, slug in sorted(json_rows(entries))
    ]
    here = next(n for n, piece in enumerate(pieces) if piece.pk == article.pk)
    return DossierBox(
        dossier=dossier,
        previous=pieces[here - 1] if here > 0 else None,
        next=pieces[here + 1] if here + 1 < len(pieces) else None,
        number=here + 1,
        total=len(pieces),
        # By position, then term (here in code-point order, which ties on position only
        # ever reorder: the page links the same terms).
        key_terms=[
            Term(names=tuple(term_names(term, other_names)), href=term_address(url, slug))
            for _, term, _, slug, other_names in sorted(json_rows(terms))
        ],
        url=url,
    )


def live_entries(dossier: Dossier) -> list[DossierEntry]:
    """The dossier's live articles in the editor's order, ready for cards."""
    return list(
        dossier.entries.filter(live_condition("article__"))
        .select_related("article")
        .defer("article__body", "article__search_vector")
        .prefetch_related(_card_bylines("article__"))
    )


def related_articles(dossier: Dossier, entries: list[DossierEntry]) -> list[Article]:
    """Live articles sharing tags with the dossier's own, most tags in common first, then
    newest.

    Bounded at any size of archive: the tags looked at are the dossier's RELATED_TAGS
    commonest among its pieces, and under each the PER_TAG live articles filed there last
    (by id, the order of the index on tag links). Counting every article under every tag
    cost a dossier page over 100 ms at 100,000 articles, where a broad tag holds
    thousands."""
    in_dossier = [entry.article_id for entry in entries]
    tags = list(
        TaggedArticle.objects.filter(content_object__in=in_dossier)
        .values("tag_id")
        .annotate(pieces=Count("content_object"))
        .order_by("-pieces", "tag_id")
        .values_list("tag_id", flat=True)[:RELATED_TAGS]
    )
    if not tags:
        return []
    chosen = _most_shared(tags, exclude=in_dossier)
    cards = {a.pk: a for a in Article.objects.live().filter(pk__in=chosen).for_listing()}
    return [cards[pk] for pk in chosen if pk in cards]


# One subquery per tag, each reading only the last PER_TAG live articles filed under it,
# off the index on (tag, article); wrapped, as SQLite allows LIMIT in a compound query's
# parts only so. {live} is Article.objects.live()'s condition, compiled (articles.rawsql).
_UNDER_TAG_SQL = """
SELECT * FROM (SELECT ta.content_object_id, articles_article.published_at
                 FROM articles_taggedarticle ta
                 JOIN articles_article ON articles_article.id = ta.content_object_id
                WHERE ta.tag_id = %s AND ({live})
                ORDER BY ta.content_object_id DESC LIMIT %s) AS under_tag
"""


def _most_shared(tags: list[int], exclude: list[int]) -> list[int]:
    """The ids of the RELATED live articles outside `exclude` that share the most of
    `tags`, then the newest, among those filed last under each."""
    connection = reading_connection()  # one copy of the data for the condition and the rows
    live_sql, live_params = live_where(connection)
    under = " UNION ALL ".join([_UNDER_TAG_SQL.format(live=live_sql)] * len(tags))
    marks = ", ".join(["%s"] * len(exclude))
    outside = f"WHERE content_object_id NOT IN ({marks})" if exclude else ""
    sql = f"""SELECT content_object_id FROM ({under}) AS linked {outside}
              GROUP BY content_object_id, published_at
              ORDER BY COUNT(*) DESC, published_at DESC, content_object_id DESC LIMIT %s"""
    per_tag = PER_TAG + len(exclude)  # the dossier's own pieces are set aside after
    params = [value for tag in tags for value in (tag, *live_params, per_tag)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *exclude, RELATED])
        return [pk for (pk,) in cursor.fetchall()]


def with_live_counts(dossiers):
    """Dossiers annotated with `live_count`, the number of their live articles, by title.

    Counted by a subquery per dossier, which PostgreSQL runs for the rows a page keeps
    (after its ORDER BY and LIMIT): counting with a join and GROUP BY read every live
    article's index entry to count the 6,000 entries of all 200 dossiers, for the thirty
    a page shows (28 ms at 100,000 articles)."""
    live_entries = (
        DossierEntry.objects.filter(live_condition("article__"), dossier=OuterRef("pk"))
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    live_count = Coalesce(Subquery(live_entries), 0)
    return dossiers.annotate(live_count=live_count).order_by("title", "pk")
