"""The benchmark corpus reads like an archive to search: a topical word is found in a few
articles, not in most, and the same seed makes the same corpus."""

import multiprocessing

import pytest
from django.core.management import call_command
from taggit.models import Tag

from articles.models import Article, Author
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db
CORPUS = ["--articles", "400", "--authors", "20", "--dossiers", "2", "--tags", "200"]


def share(word):
    return Article.objects.filter(body__icontains=word).count() / Article.objects.count()


def test_a_topical_word_is_found_in_a_few_articles_a_common_one_in_most():
    call_command("generate_corpus", *CORPUS, verbosity=0)
    assert 0.01 < share("sanctions") < 0.15
    assert 0.01 < share("pipeline politics") < 0.15
    assert share("government") > 0.3


def test_the_same_seed_makes_the_same_corpus():
    call_command("generate_corpus", *CORPUS, "--seed", "7", verbosity=0)
    first = corpus()
    for model in (Article, Author, Dossier, Tag):
        model.objects.all().delete()
    call_command("generate_corpus", *CORPUS, "--seed", "7", "--force", verbosity=0)
    assert corpus() == first


def test_a_machine_that_cannot_fork_makes_the_same_corpus(monkeypatch):
    call_command("generate_corpus", *CORPUS, "--seed", "7", verbosity=0)
    forked = corpus()
    for model in (Article, Author, Dossier, Tag):
        model.objects.all().delete()
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    call_command("generate_corpus", *CORPUS, "--seed", "7", "--force", verbosity=0)
    assert corpus() == forked


def corpus():
    """Each article's text, bylines, tags and corrections, and each dossier with its
    entries, by slug (ids differ from run to run)."""
    articles = Article.objects.order_by("slug").prefetch_related(
        "bylines__author", "tags", "corrections"
    )
    dossiers = Dossier.objects.order_by("slug").prefetch_related("entries__article")
    return [
        (a.slug, a.headline, a.body, [str(b.author) for b in a.bylines.all()],
         sorted(a.tags.names()), [c.text for c in a.corrections.all()])
        for a in articles
    ] + [
        (d.slug, d.title, d.introduction, [(e.article.slug, e.note) for e in d.entries.all()])
        for d in dossiers
    ]  # fmt: skip
