"""Author pages: the index of authors with live articles and one author's profile."""

import re

import pytest
from django.urls import reverse

from articles.models import Byline, BylineRole
from tests.builders import make_article, make_author

from . import reading
from .builders import NOT_LIVE, make_hidden_article, make_link

pytestmark = pytest.mark.django_db

SEED = "/authors/ibrahim-mammadov/"


@pytest.fixture
def seed_page(seed, client):
    return client.get(SEED)


def test_seed_author_shows_the_bio_sentence(seed_page):
    assert (
        "Ibrahim Mammadov is a visiting research fellow at the Danube Institute, Budapest, "
        "Hungary." in reading.text(seed_page)
    )


def test_seed_author_lists_current_and_previous_affiliations(seed_page):
    text = reading.text(seed_page)
    current, previous = text.index("Current"), text.index("Previously Research fellow")
    assert current < text.index("Visiting research fellow, Danube Institute") < previous
    assert "Scholar, Institute for Development and Diplomacy (IDD) Baku, Azerbaijan" in text


def test_seed_author_lists_their_article(seed_page):
    assert "Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process" in reading.text(seed_page)


def test_author_structured_data_is_a_person(seed_page, settings):
    person, crumbs = reading.jsonld(seed_page)
    assert person["@type"] == "Person"
    assert person["name"] == "Ibrahim Mammadov"
    assert person["affiliation"] == [{"@type": "Organization", "name": "Danube Institute"}]
    assert person["url"] == f"{settings.SITE_URL}{SEED}"
    assert crumbs["@type"] == "BreadcrumbList"


def test_author_links_show(client):
    author = make_author()
    make_article(authors=[author])
    make_link(author, label="Mastodon", url="https://social.example/@a")
    html = client.get(author.get_absolute_url()).content.decode()
    assert '<a href="https://social.example/@a" rel="me">Mastodon</a>' in html


def test_articles_in_other_roles_are_listed(client):
    author = make_author()
    make_article(authors=[author], headline="Own piece")
    translated = make_article(headline="Translated piece")
    Byline.objects.create(article=translated, author=author, role=BylineRole.TRANSLATOR)
    text = reading.text(client.get(author.get_absolute_url()))
    assert "Own piece" in text
    assert "Translated piece" in text


@pytest.mark.parametrize("state", NOT_LIVE)
def test_hidden_articles_never_show(client, state):
    author = make_author()
    make_article(authors=[author])
    hidden = make_hidden_article(state, authors=[author])
    assert hidden.headline not in reading.text(client.get(author.get_absolute_url()))


@pytest.mark.parametrize("state", NOT_LIVE)
def test_author_with_only_hidden_articles_is_404_and_unlisted(client, state):
    author = make_author(name="Not Yet Published")
    make_hidden_article(state, authors=[author])
    assert client.get(author.get_absolute_url()).status_code == 404
    assert "Not Yet Published" not in reading.text(client.get(reverse("authors:list")))


def test_unknown_author_is_404(client):
    assert client.get("/authors/nobody/").status_code == 404


def test_author_articles_are_paginated(client):
    author = make_author()
    for _ in range(21):
        make_article(authors=[author])
    assert client.get(author.get_absolute_url() + "?page=2").status_code == 200
    assert client.get(author.get_absolute_url() + "?page=3").status_code == 404


def test_index_lists_authors_with_their_line_and_count(seed, client):
    text = reading.text(client.get(reverse("authors:list")))
    assert "Ibrahim Mammadov Visiting research fellow, Danube Institute 1 article" in text


def test_author_page_shows_follow_links(seed_page):
    assert 'class="follow"' in seed_page.content.decode()


@pytest.mark.parametrize("n", [1, 30])
def test_author_page_query_count_is_fixed(client, django_assert_num_queries, n):
    author = make_author(
        affiliations=[{"role": "fellow", "organisation": f"Org {i}"} for i in range(n)]
    )
    for i in range(n):
        make_link(author, label=f"Link {i}")
        make_article(authors=[author, make_author()], tags=[f"t{i}"])
    # author, affiliations, links, count, the page's ids, its articles, their bylines
    with django_assert_num_queries(7):
        assert client.get(author.get_absolute_url()).status_code == 200


def test_index_counts_each_authors_live_articles_once(client):
    busy, quiet = make_author(name="Busy Writer"), make_author(name="Quiet Writer")
    both_roles = make_article(authors=[busy])
    Byline.objects.create(article=both_roles, author=busy, role=BylineRole.TRANSLATOR)
    make_article(authors=[busy, quiet])
    for state in NOT_LIVE:
        make_hidden_article(state, authors=[busy, quiet])
    page = client.get(reverse("authors:list")).content.decode()
    cards = dict(re.findall(r">(\w+ Writer)</a>(?:(?!</article>).)*?(\d+ articles?)<", page, re.S))
    assert cards == {"Busy Writer": "2 articles", "Quiet Writer": "1 article"}


@pytest.mark.parametrize("n", [1, 30])
def test_author_index_query_count_is_fixed(client, django_assert_num_queries, n):
    for i in range(n):
        author = make_author(affiliations=[{"role": "fellow", "organisation": f"Org {i}"}])
        make_article(authors=[author])
    # count, authors, affiliations, live articles per author on the page
    with django_assert_num_queries(4):
        assert client.get(reverse("authors:list")).status_code == 200
