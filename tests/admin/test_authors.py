"""The author form and list: affiliations make the bio; counts come from one query."""

import html
import re

import pytest

from articles.models import Author
from tests.admin.builders import change_url
from tests.admin.forms import form_data
from tests.builders import make_article, make_author

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/author/"
LIST_QUERIES = 6  # session, user, count, full count, page, affiliations: none per author
DANUBE = {"role": "visiting research fellow", "organisation": "Danube Institute"}


def test_an_author_with_affiliations_is_added_in_one_form(editor_client):
    data = form_data(editor_client.get(CHANGELIST + "add/")) | {
        "name": "Aigerim Sadykova",
        "slug": "aigerim-sadykova",
        "pronoun": "she",
        "affiliations-0-role": "senior fellow",
        "affiliations-0-organisation": "Steppe Forum",
        "affiliations-0-place": "Almaty, Kazakhstan",
        "affiliations-0-is_current": "on",
        "affiliations-0-the": "on",
        "links-0-label": "Website",
        "links-0-url": "example.org/aigerim",
    }

    editor_client.post(CHANGELIST + "add/", data)

    author = Author.objects.get()
    assert (
        author.bio == "Aigerim Sadykova is a senior fellow at the Steppe Forum, Almaty, Kazakhstan."
    )
    assert author.links.get().url == "https://example.org/aigerim"


def test_the_form_shows_the_generated_bio(editor_client):
    author = make_author(name="Ibrahim Example", affiliations=[DANUBE])
    response = editor_client.get(change_url(author))
    assert "Ibrahim Example is a visiting research fellow at the Danube Institute." in response.text


def test_the_form_says_when_the_override_replaces_the_generated_bio(editor_client):
    author = make_author(affiliations=[DANUBE], bio_override="Writes about rivers.")
    assert "Not shown: the bio above replaces it." in editor_client.get(change_url(author)).text


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_takes_the_same_queries_for_1_or_30_authors(
    editor_client, django_assert_num_queries, count
):
    for _ in range(count):
        author = make_author(affiliations=[DANUBE])
        make_article(authors=[author])
        make_article(authors=[author], live=False)
    editor_client.get(CHANGELIST)
    with django_assert_num_queries(LIST_QUERIES):
        response = editor_client.get(CHANGELIST)
    assert [a.article_count for a in response.context["cl"].result_list] == [2] * count
    assert "Visiting research fellow, Danube Institute" in response.text


def test_the_byline_autocomplete_finds_authors_by_name(editor_client):
    make_author(name="Aigerim Sadykova")
    make_author(name="Lev Orlov")
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "byline", "field_name": "author", "term": "aig"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Aigerim Sadykova"]


def test_the_byline_autocomplete_lists_names_in_order(editor_client):
    for name in ["Nino Beridze", "Aigerim Sadykova", "Lev Orlov", "Zara Ahmadi"]:
        make_article(authors=[make_author(name=name)])
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "byline", "field_name": "author", "term": ""},
    )
    names = [r["text"] for r in response.json()["results"]]
    assert names == ["Aigerim Sadykova", "Lev Orlov", "Nino Beridze", "Zara Ahmadi"]


def test_the_byline_autocomplete_tells_namesakes_apart(editor_client, django_assert_num_queries):
    fellow = {"role": "fellow", "organisation": "Danube Institute", "is_current": True}
    make_author(name="Omar Yilmaz", slug="omar-yilmaz", affiliations=[fellow])
    make_author(name="Omar Yilmaz", slug="omar-yilmaz-2")
    make_author(name="Omar Chen")
    params = {"app_label": "articles", "model_name": "byline", "field_name": "author"}
    editor_client.get("/admin/autocomplete/", params | {"term": "omar"})
    # the session and user, the count, the page of authors with their affiliations, the
    # names shared, and the namesakes with their affiliations
    with django_assert_num_queries(8):
        response = editor_client.get("/admin/autocomplete/", params | {"term": "omar"})
    assert sorted(r["text"] for r in response.json()["results"]) == [
        "Omar Chen",
        "Omar Yilmaz — Fellow, Danube Institute",
        "Omar Yilmaz — omar-yilmaz-2",
    ]


def test_namesakes_with_the_same_posts_are_told_apart_by_address(editor_client):
    fellow = {"role": "fellow", "organisation": "Danube Institute", "is_current": True}
    make_author(name="Omar Yilmaz", slug="omar-yilmaz", affiliations=[fellow])
    make_author(name="Omar Yilmaz", slug="omar-yilmaz-2", affiliations=[fellow])
    params = {"app_label": "articles", "model_name": "byline", "field_name": "author"}
    response = editor_client.get("/admin/autocomplete/", params | {"term": "omar"})
    assert sorted(r["text"] for r in response.json()["results"]) == [
        "Omar Yilmaz — Fellow, Danube Institute (omar-yilmaz)",
        "Omar Yilmaz — Fellow, Danube Institute (omar-yilmaz-2)",
    ]


def test_a_chosen_namesake_keeps_its_label_on_the_article_form(editor_client):
    fellow = {"role": "fellow", "organisation": "Danube Institute", "is_current": True}
    omar = make_author(name="Omar Yilmaz", slug="omar-yilmaz", affiliations=[fellow])
    make_author(name="Omar Yilmaz", slug="omar-yilmaz-2")
    page = editor_client.get(change_url(make_article(authors=[omar]))).text
    assert f'<option value="{omar.pk}" selected>Omar Yilmaz — Fellow, Danube Institute<' in page


def test_namesakes_of_the_same_posts_are_told_apart_on_the_article_form(
    editor_client, django_assert_num_queries
):
    fellow = {"role": "fellow", "organisation": "Danube Institute", "is_current": True}
    first = make_author(name="Omar Yilmaz", slug="omar-yilmaz", affiliations=[fellow])
    second = make_author(name="Omar Yilmaz", slug="omar-yilmaz-2", affiliations=[fellow])
    article = make_article(authors=[second, make_author(name="Lev Orlov")])
    page = editor_client.get(change_url(article)).text
    label = "Omar Yilmaz — Fellow, Danube Institute (omar-yilmaz-2)"
    assert f'<option value="{second.pk}" selected>{label}<' in page
    many = make_article(authors=[first, second, make_author(name="Lev Orlov")])
    with django_assert_num_queries(18):  # as for one namesake: the count does not grow
        editor_client.get(change_url(many))
    with django_assert_num_queries(18):
        editor_client.get(change_url(article))


def test_a_tags_count_leads_to_its_articles(editor_client):
    make_article(tags=["Caspian"])
    response = editor_client.get("/admin/taggit/tag/")
    assert 'href="/admin/articles/article/?tag=caspian">1</a>' in response.text


def test_the_dossier_autocomplete_finds_articles_by_headline(editor_client):
    make_article(headline="Water rights on the Syr Darya")
    make_article(headline="Something else")
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "dossiers",
            "model_name": "dossierentry",
            "field_name": "article",
            "term": "syr darya",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Water rights on the Syr Darya"]


def test_the_list_leads_from_an_authors_count_to_their_articles(editor_client):
    author = make_author(name="Lev Orlov")
    make_article(authors=[author], headline="Ports of the Caspian")
    make_article(authors=[], headline="Nobody's piece")
    make_author(name="Not yet published")

    listing = editor_client.get(CHANGELIST).text
    link = re.search(r'<a href="([^"]+)">1</a>', listing).group(1)
    articles = editor_client.get(html.unescape(link))

    assert articles.status_code == 200
    assert [a.headline for a in articles.context["cl"].result_list] == ["Ports of the Caspian"]
    assert listing.count("bylines__author__id__exact") == 1  # none for no articles
