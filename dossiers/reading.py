"""What readers see of dossiers: the articles in them, in order, and around them.

Only live articles ever show; every query starts from `Article.objects.live()`, and each
function fetches what its template needs in a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from articles.models import Article, Byline, TaggedArticle, live_condition
from articles.rawsql import rows

from .models import Dossier, DossierEntry, KeyTerm

RELATED_CANDIDATES = 100  # tag-sharing articles looked at; a few may not be live
RELATED = 6


@dataclass
class DossierBox:
    """An article's place in one dossier: the dossier and the live pieces either side."""

    dossier: Dossier
    previous: Article | None
    next: Article | None
    number: int
    total: int
    key_terms: list[KeyTerm] = field(default_factory=list)
    url: str = ""  # the dossier's address


def _card_bylines(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}bylines", queryset=Byline.objects.select_related("author"))


# Raw SQL, one table at a time: the article page reads this on every visit to a piece in
# a dossier, and the ORM's compiling of these simple queries costs several times their
# running, as PostgreSQL's planning of one query joining the tables does.
_DOSSIER_IDS_SQL = "SELECT dossier_id FROM dossiers_dossierentry WHERE article_id = %s"
# Which dossiers are public and which articles live is said once, by
# Dossier.objects.public() and Article.objects.live(): their conditions, compiled, fill
# {public} and {live} (articles.rawsql).
_DOSSIERS_SQL = """
SELECT id, title, slug, standfirst FROM dossiers_dossier
WHERE id IN ({ids}) AND ({public}) ORDER BY title, id
"""
_ENTRIES_SQL = """
SELECT dossier_id, article_id FROM dossiers_dossierentry
WHERE dossier_id IN ({ids}) ORDER BY position, id
"""
# Live, or the article itself (a staff preview is kept in the order beside the live ones).
_ENTRY_ARTICLES_SQL = """
SELECT id, headline, slug FROM articles_article
WHERE id IN ({ids}) AND (({live}) OR id = %s)
"""
_KEY_TERMS_SQL = """
SELECT dossier_id, term, slug, other_names FROM dossiers_keyterm
WHERE dossier_id IN ({ids}) ORDER BY position, term, id
"""


def dossier_boxes(article: Article) -> list[DossierBox]:
    """The public dossiers `article` is in, by title, each with its neighbours in the
    dossier's order and its key terms.

    `article` itself may be a staff preview, so it is kept in the order beside the live ones.
    """
    holding = [dossier_id for (dossier_id,) in rows(_DOSSIER_IDS_SQL, [article.pk])]
    if not holding:
        return []
    dossiers = {
        pk: Dossier(id=pk, title=title, slug=slug, standfirst=standfirst)
        for pk, title, slug, standfirst in rows(
            _DOSSIERS_SQL, ids=holding, where={"public": Dossier.objects.public()}
        )
    }
    if not dossiers:
        return []
    entries = rows(_ENTRIES_SQL, ids=list(dossiers))
    shown = {
        pk: Article(id=pk, headline=headline, slug=slug)
        for pk, headline, slug in rows(
            _ENTRY_ARTICLES_SQL,
            [article.pk],
            ids=list({article_id for _, article_id in entries}),
            where={"live": Article.objects.live()},
        )
    }
    in_order: dict[int, list[Article]] = {pk: [] for pk in dossiers}
    for dossier_id, article_id in entries:
        if article_id in shown:
            in_order[dossier_id].append(shown[article_id])
    terms: dict[int, list[KeyTerm]] = {pk: [] for pk in dossiers}
    for dossier_id, term, slug, other_names in rows(_KEY_TERMS_SQL, ids=list(dossiers)):
        terms[dossier_id].append(
            KeyTerm(dossier=dossiers[dossier_id], term=term, slug=slug, other_names=other_names)
        )
    boxes = []
    for dossier_id, dossier in dossiers.items():  # by title: the order the rows came in
        articles = in_order[dossier_id]
        here = next(n for n, other in enumerate(articles) if other.pk == article.pk)
        boxes.append(
            DossierBox(
                dossier=dossier,
                previous=articles[here - 1] if here > 0 else None,
                next=articles[here + 1] if here + 1 < len(articles) else None,
                number=here + 1,
                total=len(articles),
                key_terms=terms[dossier_id],
                url=dossier.get_absolute_url(),
            )
        )
    return boxes


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
    newest. The tag links are counted first, over an index, and only the best candidates
    are then checked for being live: at scale, grouping every live article is too slow."""
    in_dossier = [entry.article_id for entry in entries]
    shared_tags = TaggedArticle.objects.filter(content_object__in=in_dossier).values("tag_id")
    candidates = dict(
        TaggedArticle.objects.filter(tag__in=shared_tags)
        .exclude(content_object__in=in_dossier)
        .values("content_object")
        .annotate(shared=Count("content_object"))  # index only: (tag, content_object)
        .order_by("-shared", "-content_object")
        .values_list("content_object", "shared")[:RELATED_CANDIDATES]
    )
    related = Article.objects.live().filter(pk__in=candidates).for_listing()
    ranked = sorted(related, key=lambda a: (candidates[a.pk], a.published_at, a.pk), reverse=True)
    return ranked[:RELATED]


def with_live_counts(dossiers):
    """Dossiers annotated with `live_count`, the number of their live articles, by title."""
    live = live_condition("entries__article__")
    # Spelled out: Meta.ordering does not apply to a query with GROUP BY.
    return dossiers.annotate(live_count=Count("entries", filter=live)).order_by("title", "pk")
