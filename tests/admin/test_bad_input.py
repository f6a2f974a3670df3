"""Bad input in the admin gets a form error or a plain list, never a server error."""

import pytest

from articles.models import Article
from tests.admin.builders import ADD_ARTICLE, new_article_data
from tests.admin.forms import form_errors

pytestmark = pytest.mark.usefixtures("seed")

LISTS = [
    "/admin/articles/article/",
    "/admin/articles/author/",
    "/admin/articles/disclaimer/",
    "/admin/dossiers/dossier/",
    "/admin/taggit/tag/",
]
QUERIES = [
    "status=nonsense",
    "kind__exact=nonsense",
    "tag=no-such-tag",
    "bylines__author__id__exact=abc",
    "dossiers__id__exact=-1",
    "published_at__year=abc",
    "published_at__year=99999&published_at__month=13",
    "published_at__year=2025&published_at__month=2&published_at__day=31",
    "is_public__exact=maybe",
    "no_such_field=1",
    "o=99",
    "o=abc",
    "p=abc",
    "p=999999",
    "q=" + "x" * 5000,
    "q=%00",
    "status=%00",
    "q=%ff%fe",
    "q=%22",  # a lone quote: one empty quoted word
    "q=%27%27+%25+_+%5C",  # '' % _ \
    "q=-+or+%22%22",  # operators and nothing else
    "e=1",
]


@pytest.mark.parametrize("query", QUERIES)
def test_a_list_with_a_bad_query_string_answers_without_error(editor_client, query):
    for path in LISTS:
        response = editor_client.get(f"{path}?{query}")
        assert response.status_code < 500, path


@pytest.mark.parametrize(
    "query",
    ["term=%00", "term=" + "x" * 5000, "app_label=nope", "field_name=author", ""],
)
def test_autocomplete_with_bad_parameters_answers_without_error(editor_client, query):
    base = "app_label=articles&model_name=byline&field_name=author&"
    response = editor_client.get(f"/admin/autocomplete/?{base}{query}")
    assert response.status_code in {200, 403, 404}


@pytest.mark.parametrize("query", ["term=%00", "term=" + "x" * 5000, ""])
def test_the_tag_picker_with_bad_terms_answers(editor_client, query):
    assert editor_client.get(f"/admin/taggit/tag/names/?{query}").status_code == 200


@pytest.mark.parametrize("pk", ["999999", "abc", "%00"])
def test_a_missing_object_redirects_with_a_message(editor_client, pk):
    response = editor_client.get(f"/admin/articles/article/{pk}/change/")
    assert response.status_code == 302


@pytest.mark.parametrize(
    "fields",
    [
        {"updated_at_0": "99999-99-99", "updated_at_1": "25:61"},
        {"updated_at_0": "2025-02-30", "updated_at_1": "10:00"},
        {"updated_at_0": "yesterday", "updated_at_1": "noon"},
        {"kind": "poem", "status": "lost"},
        {"headline": "", "slug": "not a slug!"},
        {"slug": "x" * 400},
        {"headline": "Null\x00byte"},
        {"bylines-0-author": "abc"},
        {"bylines-0-author": "9" * 30},
        {"bylines-TOTAL_FORMS": "abc"},
        {"disclaimer": "999999"},
        {"tags": "x" * 200},
        {"tags": "bad\x00tag"},
    ],
)
def test_a_bad_article_form_is_refused_and_keeps_what_was_typed(editor_client, fields):
    data = new_article_data(editor_client, standfirst="Kept word for word.") | fields

    response = editor_client.post(ADD_ARTICLE, data)

    assert response.status_code == 200
    assert "Kept word for word." in response.text
    assert not Article.objects.filter(standfirst="Kept word for word.").exists()


def test_an_absurd_date_is_a_form_error(editor_client):
    data = new_article_data(editor_client, updated_at_0="99999-99-99", updated_at_1="10:00")
    assert "updated_at" in form_errors(editor_client.post(ADD_ARTICLE, data))
