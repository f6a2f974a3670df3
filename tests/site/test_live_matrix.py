"""The live rule on every public surface: draft, review, scheduled and withdrawn pieces
appear nowhere, however they are connected to what is live."""

import pytest
from django.urls import reverse

from articles.services import add_correction, publish
from dossiers.models import TimelineEvent
from tests.builders import make_article, make_author, make_dossier

from .builders import NOT_LIVE, make_hidden_article

pytestmark = pytest.mark.django_db


def _every_public_page(live, author, dossier):
    return [
        reverse("home"),
        reverse("articles:archive"),
        live.get_absolute_url(),
        reverse("authors:list"),
        author.get_absolute_url(),
        reverse("dossiers:list"),
        dossier.get_absolute_url(),
        reverse("tags:detail", kwargs={"slug": "shared"}),
        reverse("corrections:list"),
        reverse("sitemap"),
        reverse("sitemap_news"),
        *(
            reverse("sitemap_section", kwargs={"section": section})
            for section in ("articles", "authors", "dossiers", "tags", "pages")
        ),
    ]


@pytest.mark.parametrize("state", NOT_LIVE)
def test_hidden_piece_appears_on_no_page(client, state):
    author = make_author()
    live = make_article(authors=[author], tags=["Shared"], headline="The live piece")
    hidden = make_hidden_article(state, authors=[author], headline="THE HIDDEN PIECE")
    hidden.tags.set(["Shared"])
    add_correction(article=hidden, text="HIDDEN CORRECTION")
    dossier = make_dossier(articles=[live, hidden], is_featured=True)
    TimelineEvent.objects.create(dossier=dossier, date=live.published_at, title="E", article=hidden)
    for path in _every_public_page(live, author, dossier):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        for secret in ("THE HIDDEN PIECE", "HIDDEN CORRECTION", hidden.get_absolute_url()):
            assert secret not in body, (path, secret)
    assert client.get(hidden.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", NOT_LIVE)
def test_it_appears_everywhere_once_published(client, state):
    hidden = make_hidden_article(state, headline="Now public")
    publish(article=hidden, at=hidden.created_at)
    assert "Now public" in client.get(reverse("home")).content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 200
