"""The home page: the newest live piece large, then cards, and the featured dossiers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.builders import make_article, make_author, make_dossier

from . import reading
from .builders import NOT_LIVE, make_hidden_article

pytestmark = pytest.mark.django_db


def test_newest_piece_leads_then_the_others_as_cards(client):
    now = timezone.now()
    make_article(headline="Older piece", published_at=now - timedelta(days=2))
    make_article(headline="Newest piece", published_at=now - timedelta(hours=1))
    html = client.get("/").content.decode()
    lead, rest = html.split('class="card card-lead"')[1].split("</article>", 1)
    assert "Newest piece" in lead
    assert "Older piece" in rest


def test_seed_home_shows_the_article_and_the_featured_dossier(seed, client):
    text = reading.text(client.get(reverse("home")))
    assert "Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process" in text
    assert "By Ibrahim Mammadov" in text
    assert "Dossiers Caucasus connectivity" in text


def test_unfeatured_and_private_dossiers_stay_off_the_home_page(client):
    make_dossier(title="Plain dossier")
    make_dossier(title="Private dossier", is_featured=True, is_public=False)
    text = reading.text(client.get("/"))
    assert "Plain dossier" not in text
    assert "Private dossier" not in text


@pytest.mark.parametrize("state", NOT_LIVE)
def test_hidden_articles_never_show(client, state):
    make_article()
    hidden = make_hidden_article(state)
    assert hidden.headline not in reading.text(client.get("/"))


def test_empty_site_has_a_home_page(client):
    assert "Nothing has been published yet." in reading.text(client.get("/"))


def test_home_structured_data_names_the_site(client, settings):
    (site,) = reading.jsonld(client.get("/"))
    assert site["@type"] == "WebSite"
    assert site["name"] == settings.OUTLET_NAME


def test_home_has_one_h1_and_the_search_box(client):
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert '<form class="search" role="search" aria-label="Site search" action="/search/"' in html
    assert '<label class="visually-hidden" for="search-q">' in html


@pytest.mark.parametrize("n", [1, 30])
def test_home_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        make_article(authors=[make_author(), make_author()])
        make_dossier(is_featured=True, articles=[make_article()])
    # articles, their bylines, featured dossiers
    with django_assert_num_queries(3):
        assert client.get("/").status_code == 200
