"""The corpus generator fills an empty database in bulk and refuses one with content."""

import multiprocessing
import os

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles import search
from articles.management.commands import generate_corpus
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
        "article_headline_trgm",
        "article_ranking_vector_gin",
        "article_search_vector_gin",
        "article_standfirst_trgm",
    ]
    headline = Article.objects.live().values_list("headline", flat=True).first()
    found = search.best(headline, search.Filters())
    assert Article.objects.filter(headline=headline).values_list("pk", flat=True)[0] in found.ids


def gin_indexes():
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles_article'"
            " AND indexdef LIKE '%% USING gin %%' ORDER BY indexname"
        )
        return cursor.fetchall()


def test_a_failure_midway_leaves_nothing_behind(monkeypatch):
    before = gin_indexes()
    stored = []

    def insert_then_fail(model, objects):
        if model is Article and stored:
            raise RuntimeError("the disk is full")
        stored.append(model)
        return real_insert(model, objects)

    real_insert = generate_corpus.insert
    monkeypatch.setattr(generate_corpus, "insert", insert_then_fail)
    with pytest.raises(RuntimeError, match="the disk is full"):
        call_command("generate_corpus", *SMALL, "--batch", "20", verbosity=0)
    assert not Article.objects.exists()
    assert gin_indexes() == before
    assert multiprocessing.active_children() == []


def test_a_text_writer_that_dies_stops_the_command_with_an_error(monkeypatch):
    real_rows = generate_corpus.Command.article_rows

    def rows_or_die(self, start, stop, n):
        if start:
            os._exit(3)
        return real_rows(self, start, stop, n)

    monkeypatch.setattr(generate_corpus.Command, "article_rows", rows_or_die)
    with pytest.raises(CommandError, match=r"text writer stopped \(exit code 3\)"):
        call_command("generate_corpus", *SMALL, "--batch", "20", verbosity=0)
    assert not Article.objects.exists()
