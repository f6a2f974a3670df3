"""A feed of something the public cannot see, or that does not exist, answers 404."""

import pytest

from tests.builders import make_article, make_author, make_dossier
from tests.feeds.builders import make_not_live
from tests.feeds.reading import FORMATS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("format", ["", "atom/", "json/"])
@pytest.mark.parametrize(
    "path",
    ["/authors/nobody/feed/", "/dossiers/nothing/feed/", "/tags/nothing/feed/",
     "/feed/poetry/", "/tags/%FF%FE/feed/", "/authors/a%00b/feed/"],
)  # fmt: skip
def test_unknown_subject_is_404(client, path, format):
    assert client.get(path + format).status_code == 404


def test_unknown_format_is_404(client):
    assert client.get("/feed/xml/").status_code == 404


@pytest.mark.parametrize("format", FORMATS)
def test_private_dossier_is_404(client, format):
    dossier = make_dossier(articles=[make_article()], is_public=False)
    suffix = "" if format == "rss" else f"{format}/"
    assert client.get(f"/dossiers/{dossier.slug}/feed/{suffix}").status_code == 404


def test_author_with_nothing_live_is_404(client):
    author = make_author()
    make_not_live(authors=[author])
    assert client.get(f"/authors/{author.slug}/feed/").status_code == 404


def test_tag_only_drafts_carry_is_404(client):
    make_not_live(tags=["Embargoed merger"])
    assert client.get("/tags/embargoed-merger/feed/").status_code == 404


def test_feed_refuses_writes(client):
    assert client.post("/feed/").status_code == 405


def test_head_request_gets_headers(client):
    make_article()
    response = client.head("/feed/")
    assert response.status_code == 200
    assert response["ETag"]
