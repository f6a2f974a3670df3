"""Every admin page an editor opens answers 200 with the seed content loaded."""

import pytest
from taggit.models import Tag

from articles.models import Article, Author, Disclaimer
from dossiers.models import Dossier

pytestmark = pytest.mark.usefixtures("seed")

MODELS = {
    "articles/article": Article,
    "articles/author": Author,
    "articles/disclaimer": Disclaimer,
    "dossiers/dossier": Dossier,
    "taggit/tag": Tag,
}


def test_the_index_names_the_outlet(editor_client, settings):
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert f"{settings.OUTLET_NAME} editors" in response.text


@pytest.mark.parametrize("path", MODELS)
def test_changelist_answers(editor_client, path):
    assert editor_client.get(f"/admin/{path}/").status_code == 200


@pytest.mark.parametrize("path", MODELS)
def test_add_page_answers(editor_client, path):
    assert editor_client.get(f"/admin/{path}/add/").status_code == 200


@pytest.mark.parametrize("path", MODELS)
def test_change_page_answers(editor_client, path):
    pk = MODELS[path].objects.values_list("pk", flat=True).first()
    assert editor_client.get(f"/admin/{path}/{pk}/change/").status_code == 200
