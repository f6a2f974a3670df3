"""Tags: picked or typed on the article, searchable for the picker, mergeable."""

from html import unescape

import pytest
from django.test import Client
from taggit.models import Tag

from articles.models import Article
from tests.admin.builders import ADD_ARTICLE, change_url, edited_data, new_article_data
from tests.builders import make_article

pytestmark = pytest.mark.django_db

NAMES = "/admin/taggit/tag/names/"


def test_the_picker_offers_matching_tag_names(editor_client):
    make_article(tags=["Caspian Sea", "Caspian Pipeline", "Baku"])
    response = editor_client.get(NAMES, {"term": "casp"})
    names = [r["id"] for r in response.json()["results"]]
    assert names == ["Caspian Pipeline", "Caspian Sea", "casp"]


def test_the_picker_offers_an_exact_match_first(editor_client):
    make_article(tags=["Water", "Water rights", "Freshwater"])
    response = editor_client.get(NAMES, {"term": "water"})
    assert [r["id"] for r in response.json()["results"]] == ["Water", "Freshwater", "Water rights"]


def test_the_picker_offers_a_new_name_after_the_existing_ones(editor_client):
    make_article(tags=["Water"])
    response = editor_client.get(NAMES, {"term": "wat"})
    assert [r["id"] for r in response.json()["results"]] == ["Water", "wat"]


def test_the_picker_is_for_staff_only(client):
    assert client.get(NAMES, {"term": "a"}).status_code == 302


def test_existing_and_new_tags_are_saved_by_name(editor_client):
    make_article(tags=["Energy"])
    data = new_article_data(editor_client, tags=["energy", "Water, Syr Darya"])

    editor_client.post(ADD_ARTICLE, data)

    article = Article.objects.get(slug="water-rights-syr-darya")
    assert sorted(article.tags.names()) == ["Energy", "Syr Darya", "Water"]
    assert Tag.objects.count() == 3


def test_the_form_shows_an_articles_tags_selected(editor_client):
    article = make_article(tags=["Energy", "Water"])
    response = editor_client.get(change_url(article))
    assert '<option value="Energy" selected>Energy</option>' in response.text


def test_saving_unchanged_keeps_the_tags(editor_client):
    article = make_article(tags=["Energy", "Water"])
    editor_client.post(change_url(article), edited_data(editor_client, article))
    assert sorted(article.tags.names()) == ["Energy", "Water"]


def test_merging_tags_moves_their_articles_to_one(editor_client):
    both = make_article(tags=["Caspian", "caspian sea"])
    one = make_article(tags=["caspian sea"])
    ids = list(Tag.objects.values_list("pk", flat=True))

    editor_client.post("/admin/taggit/tag/", {"action": "render_tag_form", "_selected_action": ids})
    response = editor_client.post(
        "/admin/taggit/tag/merge-tags/", {"new_tag_name": "Caspian Sea"}, follow=True
    )

    assert "Merged into" in response.text
    assert list(Tag.objects.values_list("name", flat=True)) == ["Caspian Sea"]
    assert both.tags.names()[0] == one.tags.names()[0] == "Caspian Sea"
    assert both.tags.count() == 1


@pytest.mark.parametrize(
    ("name", "error"),
    [("###", "A tag needs a letter or a digit"), ("Caspian, Sea", "Merge into one tag")],
)
def test_merging_into_a_name_a_tag_cannot_have_is_refused(editor_client, name, error):
    article = make_article(tags=["Caspian", "caspian sea"])
    ids = list(Tag.objects.values_list("pk", flat=True))

    editor_client.post("/admin/taggit/tag/", {"action": "render_tag_form", "_selected_action": ids})
    response = editor_client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": name})

    assert error in unescape(response.text)
    assert sorted(article.tags.names()) == ["Caspian", "caspian sea"]
    assert Client().get(article.get_absolute_url()).status_code == 200  # a reader's


def test_the_merge_page_without_a_selection_goes_back_to_the_list(editor_client):
    assert editor_client.get("/admin/taggit/tag/merge-tags/").status_code == 302


def test_the_tag_list_counts_articles(editor_client):
    make_article(tags=["Energy"])
    make_article(tags=["Energy"])
    response = editor_client.get("/admin/taggit/tag/")
    assert response.context["cl"].result_list[0].article_count == 2


@pytest.mark.parametrize("name", ["#", "🇺🇦", "…"])
def test_a_tag_without_letters_or_digits_is_refused(editor_client, name):
    from django.core.exceptions import ValidationError
    from django.forms import MultipleHiddenInput

    from articles.forms import TagNamesField

    with pytest.raises(ValidationError, match="needs a letter or a digit"):
        TagNamesField(widget=MultipleHiddenInput).clean([name])
