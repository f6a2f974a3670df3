"""No 500 for any input: absurd page numbers and unknown addresses answer 404."""

import pytest
from django.urls import reverse

from articles.services import add_correction
from tests.builders import make_article, make_author, make_dossier

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
