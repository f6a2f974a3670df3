"""What readers see of dossiers: the articles in them, in order, and around them.

Only live articles ever show; every query starts from `Article.objects.live()`, and each
function fetches what its template needs in a fixed number of queries.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from articles.models import Article, Byline, TaggedArticle, live_condition

from .models import Dossier, DossierEntry

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


def _card_bylines(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}bylines", queryset=Byline.objects.select_related("author"))


def dossier_boxes(article: Article) -> list[DossierBox]:
    """The public dossiers `article` is in, each with its neighbours in the dossier's order.

    `article` itself may be a staff preview, so it is kept in the order beside the live ones.
    """
    in_order = (
        DossierEntry.objects.filter(Q(article__in=Article.objects.live()) | Q(article=article))
        .select_related("article")
        .defer("article__body", "article__search_vector")
    )
    dossiers = (
        Dossier.objects.public()
        .filter(entries__article=article)
        .prefetch_related("key_terms", Prefetch("entries", in_order, to_attr="in_order"))
    )
    boxes = []
    for dossier in dossiers:
        articles = [entry.article for entry in dossier.in_order]
        here = next(n for n, other in enumerate(articles) if other.pk == article.pk)
        boxes.append(
            DossierBox(
                dossier=dossier,
                previous=articles[here - 1] if here > 0 else None,
                next=articles[here + 1] if here + 1 < len(articles) else None,
                number=here + 1,
                total=len(articles),
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
