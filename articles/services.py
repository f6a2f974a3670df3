"""Editorial actions. Views, the admin and management commands call these; models only
derive their own columns."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from outlet.pagecache import bump

from .models import Article, ArticleSlug, BylineRole, Correction, CorrectionKind, Status
from .search import refresh_search_vector

NO_AUTHOR = "An article cannot be published without an author."


@transaction.atomic
def save_article(*, article: Article) -> Article:
    """Save `article`, keeping its previous address working when the slug changed."""
    if article.pk:
        old_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
        if old_slug and old_slug != article.slug:
            ArticleSlug.objects.get_or_create(slug=old_slug, defaults={"article": article})
        ArticleSlug.objects.filter(article=article, slug=article.slug).delete()
    article.save()
    refresh_search_vector(article=article)
    bump()
    return article


@transaction.atomic
def related_saved(*, article: Article) -> None:
    """After bylines and tags change (the admin saves them after the article): bring the
    search vector up to date and, for a published piece, freeze its publication record."""
    refresh_search_vector(article=article)
    if article.status == Status.PUBLISHED:
        fix_publication_record(article=article)
    bump()


@transaction.atomic
def fix_publication_record(*, article: Article) -> None:
    """Freeze what readers of the archive must keep seeing: each byline's affiliation line
    and the disclaimer text, as they stand when the article is published."""
    for byline in article.bylines.select_related("author").prefetch_related("author__affiliations"):
        if not byline.affiliation:
            byline.affiliation = byline.author.current_affiliation_line()
            byline.save(update_fields=["affiliation"])
    if not article.disclaimer_text and not article.no_disclaimer:
        disclaimer = article.resolved_disclaimer()
        if disclaimer:
            article.disclaimer_text = disclaimer.render()
            article.save(update_fields=["disclaimer_text"])


@transaction.atomic
def publish(*, article: Article, at: datetime | None = None) -> Article:
    """Publish `article` now, or schedule it: a time in the future makes it live then."""
    if not article.bylines.filter(role=BylineRole.AUTHOR).exists():
        raise ValidationError(NO_AUTHOR)
    article.status = Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    save_article(article=article)
    fix_publication_record(article=article)
    return article


@transaction.atomic
def withdraw(*, article: Article) -> Article:
    article.status = Status.WITHDRAWN
    article.save(update_fields=["status", "modified_at"])
    bump()
    return article


@transaction.atomic
def add_correction(
    *,
    article: Article,
    text: str,
    kind: str = CorrectionKind.CORRECTION,
    at: datetime | None = None,
) -> Correction:
    """Append a dated note to `article`; it becomes the article's last substantive update."""
    correction = Correction.objects.create(
        article=article, kind=kind, text=text, published_at=at or timezone.now()
    )
    if not article.updated_at or article.updated_at < correction.published_at:
        article.updated_at = correction.published_at
        article.save(update_fields=["updated_at", "modified_at"])
    bump()
    return correction
