"""Small builders for test data: each makes one valid object, overrides win."""

from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Affiliation, Article, Author, Byline, Disclaimer, Kind, Status
from dossiers.models import Dossier
from dossiers.services import dossier_add

_serial = count(1)


def make_author(*, affiliations=(), **overrides) -> Author:
    n = next(_serial)
    fields = {"name": f"Author {n}", "slug": f"author-{n}", "pronoun": "she"} | overrides
    author = Author.objects.create(**fields)
    for position, affiliation in enumerate(affiliations):
        Affiliation.objects.create(author=author, position=position, **affiliation)
    return author


def make_article(*, authors=None, tags=(), live=True, **overrides) -> Article:
    """A live article by a new author unless told otherwise."""
    n = next(_serial)
    fields = {
        "headline": f"Headline {n}",
        "slug": f"article-{n}",
        "standfirst": f"Standfirst {n}.",
        "body": f"<p>Body of article {n} with several words in it.</p>",
        "kind": Kind.ANALYSIS,
    }
    if live:
        fields |= {
            "status": Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(hours=n),
        }
    article = Article.objects.create(**(fields | overrides))
    for position, author in enumerate(authors if authors is not None else [make_author()]):
        Byline.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.set(list(tags))
    return article


def make_disclaimer(**overrides) -> Disclaimer:
    n = next(_serial)
    fields = {"name": f"Disclaimer {n}", "text": "The views are the author’s, not {outlet}’s."}
    return Disclaimer.objects.create(**(fields | overrides))


def make_dossier(*, articles=(), **overrides) -> Dossier:
    n = next(_serial)
    fields = {
        "title": f"Dossier {n}",
        "slug": f"dossier-{n}",
        "standfirst": f"The question of dossier {n}.",
        "is_public": True,
    }
    dossier = Dossier.objects.create(**(fields | overrides))
    for article in articles:
        dossier_add(dossier=dossier, article=article)
    return dossier


def make_staff(*, username="staff", superuser=True, **overrides):
    users = get_user_model()
    if superuser:
        return users.objects.create_superuser(username=username, password="pw", **overrides)
    return users.objects.create_user(username=username, password="pw", is_staff=True, **overrides)
