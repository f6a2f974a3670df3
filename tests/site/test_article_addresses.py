"""Addresses that last: former slugs and the short permanent link answer 301, only when live."""

import pytest
from django.urls import reverse

from articles.services import save_article, withdraw
from tests.builders import make_article

from .builders import NOT_LIVE, make_hidden_article

pytestmark = pytest.mark.django_db


def _rename(article, slug):
    article.slug = slug
    return save_article(article=article)


def test_former_slug_answers_301_to_the_current_address(client):
    _rename(make_article(slug="old-name"), "new-name")
    response = client.get("/articles/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/"


def test_every_former_slug_keeps_working(client):
    article = _rename(_rename(make_article(slug="first"), "second"), "third")
    for old in ("first", "second"):
        response = client.get(reverse("articles:detail", kwargs={"slug": old}))
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


def test_former_slug_of_a_withdrawn_article_is_404(client):
    article = _rename(make_article(slug="was-here"), "now-here")
    withdraw(article=article)
    assert client.get("/articles/was-here/").status_code == 404


def test_short_link_answers_301_to_the_article(client):
    article = make_article()
    response = client.get(article.get_short_url())
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize("state", NOT_LIVE)
def test_short_link_of_a_hidden_article_is_404(client, state):
    assert client.get(make_hidden_article(state).get_short_url()).status_code == 404


def test_short_link_to_nothing_is_404(client):
    assert client.get(reverse("short_link", kwargs={"pk": 999999})).status_code == 404


def test_short_link_with_an_absurd_id_is_404(client):
    assert client.get(f"/a/{10**30}/").status_code == 404
