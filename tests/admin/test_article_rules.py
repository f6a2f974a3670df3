"""The article form refuses what would break a page or an address, with a form error."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import services
from articles.models import Article, ArticleSlug
from tests.admin.builders import ADD_ARTICLE, change_url, edited_data, new_article_data
from tests.admin.forms import form_errors
from tests.builders import make_article

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("river.png", buffer.getvalue(), content_type="image/png")


def test_an_image_without_alt_text_is_refused(editor_client):
    data = new_article_data(editor_client, lead_image=png(), lead_image_alt=" ")

    response = editor_client.post(ADD_ARTICLE, data)

    assert "An image needs alt text" in str(form_errors(response)["lead_image_alt"])
    assert not Article.objects.exists()


def test_an_image_with_alt_text_is_saved(editor_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = new_article_data(editor_client, lead_image=png(), lead_image_alt="A dry riverbed.")

    assert editor_client.post(ADD_ARTICLE, data).status_code == 302
    assert Article.objects.get().lead_image_width == 4


def test_a_slug_another_article_has_is_refused(editor_client):
    make_article(slug="water-rights-syr-darya")

    response = editor_client.post(ADD_ARTICLE, new_article_data(editor_client))

    assert "Another article has this address" in str(form_errors(response)["slug"])
    assert Article.objects.count() == 1


def test_a_slug_another_article_used_before_is_refused(editor_client):
    other = make_article(slug="water-rights-syr-darya")
    other.slug = "renamed"
    services.save_article(article=other)

    response = editor_client.post(ADD_ARTICLE, new_article_data(editor_client))

    assert "used this address before" in str(form_errors(response)["slug"])


def test_changing_the_slug_keeps_the_former_address(editor_client):
    article = make_article(slug="first-address")

    response = editor_client.post(
        change_url(article), edited_data(editor_client, article, slug="second-address")
    )

    assert response.status_code == 302
    assert ArticleSlug.objects.get().slug == "first-address"
    assert "/articles/first-address/" in editor_client.get(change_url(article)).text


def test_an_article_may_return_to_its_own_former_slug(editor_client):
    article = make_article(slug="first-address")
    article.slug = "second-address"
    services.save_article(article=article)

    editor_client.post(
        change_url(article), edited_data(editor_client, article, slug="first-address")
    )

    article.refresh_from_db()
    assert article.slug == "first-address"
    assert list(ArticleSlug.objects.values_list("slug", flat=True)) == ["second-address"]


def test_a_republication_needs_the_publication_name(editor_client):
    data = new_article_data(editor_client, original_url="https://example.org/piece")
    response = editor_client.post(ADD_ARTICLE, data)
    assert "original_publication" in form_errors(response)


def test_an_article_made_in_the_admin_belongs_to_whoever_made_it(editor_client):
    editor_client.post(ADD_ARTICLE, new_article_data(editor_client))
    assert Article.objects.get().owner.username == "editor"
