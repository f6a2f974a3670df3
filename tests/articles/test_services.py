"""Editorial actions: publishing freezes the record; slugs and corrections keep history."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleSlug, Kind, Status
from tests.builders import make_article, make_author, make_disclaimer

pytestmark = pytest.mark.django_db


def test_publish_refuses_an_article_without_an_author():
    article = make_article(authors=[], live=False)
    with pytest.raises(ValidationError, match="without an author"):
        services.publish(article=article)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_publish_freezes_affiliation_and_disclaimer():
    author = make_author(affiliations=[{"role": "fellow", "organisation": "Institute"}])
    disclaimer = make_disclaimer(default_for=Kind.OPINION, text="Views of {outlet}? No.")
    article = make_article(authors=[author], kind=Kind.OPINION, live=False)
    services.publish(article=article)

    author.affiliations.update(organisation="New Employer")
    disclaimer.text = "Rewritten."
    disclaimer.save()

    article = Article.objects.get(pk=article.pk)
    assert article.is_live
    assert article.bylines.get().affiliation == "Fellow, Institute"
    assert article.disclaimer_for_display() == "Views of Outlet? No."


def test_publish_in_the_future_schedules():
    article = make_article(live=False)
    services.publish(article=article, at=timezone.now() + timedelta(hours=1))
    assert article.is_scheduled
    assert not Article.objects.live().filter(pk=article.pk).exists()


def test_no_disclaimer_means_none_even_with_a_default():
    make_disclaimer(default_for=Kind.ANALYSIS)
    article = make_article(kind=Kind.ANALYSIS, no_disclaimer=True, live=False)
    services.publish(article=article)
    assert article.disclaimer_for_display() == ""


def test_changed_slug_keeps_the_old_one():
    article = make_article(slug="first")
    article.slug = "second"
    services.save_article(article=article)
    article.slug = "third"
    services.save_article(article=article)
    assert set(ArticleSlug.objects.filter(article=article).values_list("slug", flat=True)) == {
        "first",
        "second",
    }
    article.slug = "first"
    services.save_article(article=article)
    assert not ArticleSlug.objects.filter(slug="first").exists()


def test_correction_becomes_the_last_update():
    article = make_article()
    correction = services.add_correction(article=article, text="The date was 11 May.")
    article.refresh_from_db()
    assert article.updated_at == correction.published_at
    assert str(correction).startswith("Correction, ")
