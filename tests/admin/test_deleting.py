"""Nothing lost: an author with articles stays, and a dossier's articles outlive it."""

import pytest

from articles.models import Article, Author
from dossiers.models import Dossier
from tests.builders import make_article, make_author, make_dossier

pytestmark = pytest.mark.django_db

REFUSAL = "an author with articles cannot be deleted"


def delete_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/delete/"


def bulk_delete(client, model_path, *objs, confirmed=True):
    data = {"action": "delete_selected", "_selected_action": [o.pk for o in objs]}
    if confirmed:
        data["post"] = "yes"
    return client.post(f"/admin/{model_path}/", data, follow=True)


@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_an_author_with_articles_is_refused_with_a_message(editor_client, method):
    author = make_author(name="Ibrahim Example")
    make_article(authors=[author], live=False)

    response = getattr(editor_client, method)(delete_url(author), {"post": "yes"}, follow=True)

    assert response.status_code == 200
    assert REFUSAL in response.text
    assert "Ibrahim Example" in response.text
    assert Author.objects.filter(pk=author.pk).exists()


def test_bulk_deleting_authors_with_articles_is_refused_and_names_them(editor_client):
    credited, free = make_author(name="Credited Person"), make_author(name="Free Person")
    make_article(authors=[credited])

    response = bulk_delete(editor_client, "articles/author", credited, free)

    assert REFUSAL in response.text
    assert "Credited Person" in response.text
    assert Author.objects.count() == 2


def test_an_author_without_articles_can_be_deleted(editor_client):
    author = make_author()
    editor_client.post(delete_url(author), {"post": "yes"})
    assert not Author.objects.exists()


def test_bulk_deleting_authors_without_articles_works(editor_client):
    authors = [make_author(), make_author()]
    bulk_delete(editor_client, "articles/author", *authors)
    assert not Author.objects.exists()


def test_deleting_a_dossier_keeps_its_articles(editor_client):
    dossier = make_dossier(articles=[make_article(), make_article()])

    confirm = editor_client.get(delete_url(dossier))
    editor_client.post(delete_url(dossier), {"post": "yes"})

    assert "The articles themselves stay" in confirm.text
    assert not Dossier.objects.exists()
    assert Article.objects.count() == 2


def test_bulk_deleting_dossiers_keeps_their_articles(editor_client):
    dossiers = [make_dossier(articles=[make_article()]) for _ in range(2)]

    confirm = bulk_delete(editor_client, "dossiers/dossier", *dossiers, confirmed=False)
    bulk_delete(editor_client, "dossiers/dossier", *dossiers)

    assert "The articles themselves stay" in confirm.text
    assert not Dossier.objects.exists()
    assert Article.objects.count() == 2
