"""No 500 for any input: absurd page numbers and unknown addresses answer 404."""

import pytest
from django.urls import reverse

from articles.services import add_correction
from tests.builders import make_article, make_author, make_dossier

from . import reading

pytestmark = pytest.mark.django_db

ABSURD_PAGES = ["0", "-1", "99999", "abc", "10**30", str(10**30), "1.5", "%00", "２"]


@pytest.fixture
def lists():
    """Every paginated page, each with one live item."""
    author = make_author(slug="writer")
    article = make_article(authors=[author], tags=["Energy"])
    make_dossier(articles=[article])
    add_correction(article=article, text="Fixed.")
    return [
        reverse("articles:archive"),
        reverse("authors:list"),
        reverse("authors:detail", kwargs={"slug": "writer"}),
        reverse("dossiers:list"),
        reverse("tags:detail", kwargs={"slug": "energy"}),
        reverse("corrections:list"),
    ]


@pytest.mark.parametrize("page", ABSURD_PAGES)
def test_absurd_page_numbers_are_404(client, lists, page):
    for path in lists:
        assert client.get(path, {"page": page}).status_code == 404, path


def test_a_page_past_the_last_says_how_many_there_are(client, lists):
    for path in lists:
        response = client.get(path, {"page": "7"})
        assert response.status_code == 404, path
        assert "There is no page 7 of this list, which has one page." in reading.text(response)
        assert f'<a href="{path}">Go to the first page</a>' in response.text


def test_a_page_that_is_not_a_number_is_said_to_be_none(client):
    for _ in range(21):
        make_article()
    response = client.get("/articles/", {"page": "abc", "utm_source": "feed"})
    assert response.status_code == 404
    assert "“abc” is not a page number. This list has 2 pages." in reading.text(response)
    assert 'href="/articles/?utm_source=feed&amp;page=2">Go to the last page (page 2)' in (
        response.text
    )


def test_a_page_number_in_other_digits_is_called_a_page_number(client):
    for _ in range(21):
        make_article()
    assert client.get("/articles/", {"page": "٢"}).status_code == 200  # Django reads 2
    response = client.get("/articles/", {"page": "٣"})
    assert response.status_code == 404
    assert "There is no page ٣ of this list, which has 2 pages." in reading.text(response)


def test_an_absurd_page_is_not_repeated_whole(client, lists):
    response = client.get(lists[0], {"page": "<b>" + "9" * 5000})
    assert response.status_code == 404
    assert "“<b>99999999999999999…” is not a page number" in reading.text(response)
    assert "<b>9" not in response.text  # escaped


def test_an_unknown_address_keeps_the_general_404(client):
    response = client.get("/articles/no-such-article/")
    assert "There is no page at this address." in reading.text(response)
    assert "of this list" not in reading.text(response)


def test_first_page_and_empty_page_parameter_answer(client, lists):
    for path in lists:
        assert client.get(path, {"page": "1"}).status_code == 200, path
        assert client.get(path, {"page": ""}).status_code == 200, path


@pytest.mark.parametrize(
    "path",
    [
        "/articles/no-such-article/",
        "/articles/no-such-article/cite.bib",
        "/articles/no-such-article/cite.ris",
        "/authors/no-such-author/",
        "/dossiers/no-such-dossier/",
        "/tags/no-such-tag/",
        "/a/0/",
        "/articles/" + "x" * 2000 + "/",
        "/tags/%C3%28/",
    ],
)
def test_unknown_addresses_are_404(client, path):
    assert client.get(path).status_code == 404


def test_binary_and_odd_query_strings_are_ignored(client):
    make_article()
    response = client.get("/articles/?page=1&x=%00%ff&utm_source=<script>")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</head>")[1]
