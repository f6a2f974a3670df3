"""The corpus generator fills an empty database in bulk and refuses one with content."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles import search
from articles.models import Article, Byline
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db
SMALL = ["--articles", "60", "--authors", "8", "--dossiers", "3", "--tags", "15"]


def test_small_corpus_has_the_shape_asked_for():
    call_command("generate_corpus", *SMALL, verbosity=0)
    assert Article.objects.count() == 60
    assert not Article.objects.filter(word_count__lt=50).exists()
    assert Byline.objects.values("article").distinct().count() == 60
    assert Dossier.objects.count() == 3
    assert all(d.entries.count() == 30 for d in Dossier.objects.all())


def test_refuses_a_database_with_content(seed):
    with pytest.raises(CommandError, match="already holds articles"):
        call_command("generate_corpus", *SMALL, verbosity=0)
    call_command("generate_corpus", *SMALL, "--force", verbosity=0)
    assert Article.objects.count() == 61


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_the_search_indexes_are_rebuilt_as_the_migrations_made_them_and_find_the_corpus():
    before = gin_indexes()
    call_command("generate_corpus", *SMALL, verbosity=0)
    assert gin_indexes() == before
    assert [name for name, _ in before] == [
        "article_ranking_vector_gin",
        "article_search_vector_gin",
    ]
    headline = Article.objects.live().values_list("headline", flat=True).first()
    found = search.best(headline, search.Filters())
    assert Article.objects.filter(headline=headline).values_list("pk", flat=True)[0] in found.ids


def gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_article'"
            " AND indexdef LIKE '%% USING gin %%' ORDER BY indexname"
        )
        return cursor.fetchall()
