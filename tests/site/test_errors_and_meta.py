"""Every page describes itself (title, description, canonical, share card, structured data);
the error pages are in the site's design."""

import pytest
from django.test import Client
from django.urls import reverse

from outlet.views import server_error
from tests.builders import make_article, make_dossier

from . import reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(seed):
    return [
        reverse("home"),
        reverse("articles:archive"),
        reverse(
            "articles:detail",
            kwargs={"slug": "kazakhstans-role-in-the-armenia-azerbaijan-peace-process"},
        ),
        reverse("authors:list"),
        reverse("authors:detail", kwargs={"slug": "ibrahim-mammadov"}),
        reverse("dossiers:list"),
        reverse("dossiers:detail", kwargs={"slug": "caucasus-connectivity"}),
        reverse("tags:detail", kwargs={"slug": "armenia"}),
        reverse("corrections:list"),
    ]


def test_every_page_describes_itself(client, pages):
    for path in pages:
        response = client.get(path)
        html = response.content.decode()
        assert html.startswith('<!doctype html>\n<html lang="en">'), path
        assert html.count("<title>") == 1 and html.count("<h1") == 1, path
        assert reading.meta(response, "description")[0], path
        assert reading.canonical(response).startswith("http"), path
        for key in ("og:title", "og:description", "og:url", "og:type", "twitter:card"):
            assert reading.meta(response, key), (path, key)
        types = reading.jsonld_types(response)
        assert types, path
        assert "BreadcrumbList" in types or path == "/", path


def test_every_page_links_the_feeds_and_the_stylesheet(client, pages):
    for path in pages:
        html = client.get(path).content.decode()
        assert 'rel="alternate"' in html, path
        assert 'rel="stylesheet" href="/static/css/site.css"' in html, path


def test_every_page_has_landmarks_and_a_skip_link(client, pages):
    for path in pages:
        html = client.get(path).content.decode()
        assert '<a class="skip-link" href="#content">' in html, path
        assert '<main id="content">' in html, path
        assert "<header" in html and "<footer" in html and "<nav" in html, path


def test_no_page_asks_a_third_party_for_anything(client, pages):
    for path in pages:
        html = client.get(path).content.decode()
        assert "<script src" not in html, path
        assert "fonts.googleapis" not in html, path


def test_404_page_is_in_the_site_design(client, settings):
    settings.DEBUG = False
    response = client.get("/articles/nothing-here/")
    assert response.status_code == 404
    text = reading.text(response)
    assert "Page not found" in text
    assert f"{settings.OUTLET_NAME} Latest Dossiers Authors" in text
    assert reading.meta(response, "robots") == ["noindex"]


def test_500_page_renders_with_no_database(settings, django_db_blocker):
    settings.DEBUG = False
    with django_db_blocker.block():
        response = server_error(None)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert settings.OUTLET_NAME in html


def test_500_handler_answers_a_crashing_view(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setattr("outlet.views.Article.objects.live", lambda: 1 / 0)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_healthz_still_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_page_description_falls_back_to_the_outlet(client, settings):
    make_dossier(articles=[make_article()])
    response = client.get(reverse("home"))
    assert reading.meta(response, "description") == [settings.OUTLET_DESCRIPTION]
