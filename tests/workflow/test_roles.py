"""The roles migration: three groups, each holding what the one before it holds."""

import pytest
from django.contrib.auth.models import Group

from .builders import CONTRIBUTOR, EDITOR, MANAGING_EDITOR, role

pytestmark = pytest.mark.django_db


def codenames(name):
    return {f"{p.content_type.app_label}.{p.codename}" for p in role(name).permissions.all()}


def test_the_migration_makes_the_three_roles():
    role(CONTRIBUTOR)
    assert set(Group.objects.values_list("name", flat=True)) >= {
        CONTRIBUTOR,
        EDITOR,
        MANAGING_EDITOR,
    }


def test_each_role_holds_everything_the_one_before_it_holds():
    assert codenames(CONTRIBUTOR) < codenames(EDITOR) < codenames(MANAGING_EDITOR)


def test_a_contributor_writes_articles_but_neither_reviews_nor_publishes():
    held = codenames(CONTRIBUTOR)
    assert {"articles.add_article", "articles.change_article", "articles.add_byline"} <= held
    assert {"articles.view_author", "taggit.view_tag", "dossiers.view_dossier"} <= held
    assert not held & {
        "articles.edit_any_article",
        "articles.review_article",
        "articles.publish_article",
        "articles.add_author",
        "articles.delete_article",
    }


def test_an_editor_edits_any_piece_reviews_and_manages_authors_but_does_not_publish():
    held = codenames(EDITOR)
    assert {"articles.edit_any_article", "articles.review_article"} <= held
    assert {"articles.add_author", "articles.change_author", "articles.add_affiliation"} <= held
    assert not held & {
        "articles.publish_article",
        "articles.add_correction",
        "articles.add_disclaimer",
        "dossiers.add_dossier",
    }


def test_a_managing_editor_publishes_corrects_and_keeps_disclaimers_and_dossiers():
    held = codenames(MANAGING_EDITOR)
    assert {"articles.publish_article", "articles.add_correction"} <= held
    assert {"articles.add_disclaimer", "articles.delete_disclaimer"} <= held
    assert {"dossiers.add_dossier", "dossiers.delete_dossier", "dossiers.add_keyterm"} <= held


def test_no_role_deletes_articles_nothing_is_lost():
    assert "articles.delete_article" not in codenames(MANAGING_EDITOR)
