"""Export then import into an empty database loses nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from articles import services
from articles.models import Article
from outlet.archive import content_models
from tests.builders import make_article, make_author

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in content_models()
    }


def empty_the_database():
    for model in reversed(content_models()):
        model._default_manager.all().delete()


def test_round_trip_loses_nothing(seed, tmp_path):
    article = make_article(authors=[make_author(), make_author()], tags=["Water", "Energy"])
    article.slug = "renamed"
    services.save_article(article=article)
    services.add_correction(article=article, text="A figure was wrong.")
    before = snapshot()
    archive = tmp_path / "content.json"
    call_command("export_content", str(archive), verbosity=0)

    empty_the_database()
    assert not Article.objects.exists()
    call_command("import_content", str(archive), verbosity=0)

    assert snapshot() == before
    restored = Article.objects.get(slug="renamed")
    assert restored.old_slugs.count() == 1
    assert [b.author.name for b in restored.bylines.all()] == [
        b["name"] for b in before["articles.Author"][-2:]
    ]


def test_import_refuses_a_database_with_content(seed, tmp_path):
    archive = tmp_path / "content.json"
    call_command("export_content", str(archive), verbosity=0)
    with pytest.raises(CommandError, match="already holds content"):
        call_command("import_content", str(archive), verbosity=0)


def test_import_refuses_a_file_that_is_not_an_archive(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": "world"}))
    with pytest.raises(CommandError, match="not an Outlet content archive"):
        call_command("import_content", str(bad), verbosity=0)
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_content", str(bad), verbosity=0)


def test_new_objects_after_import_get_fresh_ids(seed, tmp_path):
    archive = tmp_path / "content.json"
    call_command("export_content", str(archive), verbosity=0)
    highest = Article.objects.order_by("-pk").first().pk
    empty_the_database()
    call_command("import_content", str(archive), verbosity=0)
    assert make_article().pk > highest
