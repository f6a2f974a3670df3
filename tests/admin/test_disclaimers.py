"""Disclaimers: one default per kind, and a published article keeps the text it had."""

import pytest

from articles.models import Disclaimer, Kind
from tests.admin.builders import change_url, edited_data
from tests.admin.forms import form_data
from tests.builders import make_article, make_disclaimer

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/disclaimer/add/"


def test_a_second_default_for_one_kind_is_a_form_error(editor_client):
    make_disclaimer(default_for=Kind.OPINION)
    data = form_data(editor_client.get(ADD)) | {
        "name": "Another",
        "text": "Views are the author's.",
        "default_for": Kind.OPINION,
    }

    response = editor_client.post(ADD, data)

    assert "already the default for this kind" in response.text
    assert Disclaimer.objects.count() == 1


def test_the_form_shows_the_text_as_readers_see_it(editor_client, settings):
    disclaimer = make_disclaimer(text="Not the position of {outlet}.")
    response = editor_client.get(change_url(disclaimer))
    assert f"Not the position of {settings.OUTLET_NAME}." in response.text


def test_editing_the_house_disclaimer_leaves_published_articles_alone(editor_client):
    disclaimer = make_disclaimer(text="Old words.")
    article = make_article(disclaimer=disclaimer, disclaimer_text="Old words.")

    editor_client.post(
        change_url(disclaimer), edited_data(editor_client, disclaimer, text="New words.")
    )
    editor_client.post(change_url(article), edited_data(editor_client, article))

    article.refresh_from_db()
    assert article.disclaimer_text == "Old words."


def test_choosing_another_disclaimer_for_a_published_article_fixes_the_new_text(editor_client):
    article = make_article(
        disclaimer=make_disclaimer(text="Old words."), disclaimer_text="Old words."
    )
    other = make_disclaimer(text="New words.")

    editor_client.post(
        change_url(article), edited_data(editor_client, article, disclaimer=other.pk)
    )

    article.refresh_from_db()
    assert article.disclaimer_text == "New words."
