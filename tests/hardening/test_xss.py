"""No cross-site-scripting payload saved through the admin's article form survives into a
public page, a feed or a JSON-LD block as something that runs."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.admin.builders import ADD_ARTICLE, new_article_data
from tests.builders import make_author
from tests.hardening.xss import PAYLOADS, runnable

pytestmark = pytest.mark.django_db
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_corpus_is_large_enough_and_the_finder_finds_it():
    assert len(PAYLOADS) >= 50
    assert runnable("<p>" + "".join(PAYLOADS) + "</p>")  # the raw corpus is caught


def feed_html(client):
    """The HTML that feed readers render: item content from every feed format."""
    rss = ET.fromstring(client.get("/feed/").content)
    atom = ET.fromstring(client.get("/feed/atom/").content)
    items = json.loads(client.get("/feed/json/").content)["items"]
    yield from (element.text or "" for element in rss.iter(CONTENT))
    yield from (element.text or "" for element in rss.iter("description"))
    yield from (element.text or "" for element in atom.iter(f"{ATOM}content"))
    yield from (element.text or "" for element in atom.iter(f"{ATOM}summary"))
    yield from (item.get("content_html", "") for item in items)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_never_runs_anywhere(admin_client, client, payload):
    author = make_author(name=f"Ann {payload[:80]}")
    data = new_article_data(admin_client, author=author)
    data |= {
        "headline": f"Piece {payload}"[:300],
        "slug": "piece",
        "standfirst": f"Summary {payload}",
        "body": f"<p>Before</p>{payload}<p>After {payload}</p>",
        "original_publication": f"Review {payload}"[:200],
        "original_url": "https://example.org/original",
        "tags": [f"topic {payload}"[:100]],
    }
    response = admin_client.post(ADD_ARTICLE, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get(slug="piece")
    services.add_correction(article=article, text=f"Fixed {payload}")
    services.publish(article=article)
    cache.clear()

    pages = [article.get_absolute_url(), "/", "/articles/", author.get_absolute_url(),
             "/corrections/", "/search/?q=Piece"]  # fmt: skip
    pages += [reverse("tags:detail", kwargs={"slug": tag.slug}) for tag in article.tags.all()]
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, path
        assert runnable(page.content.decode()) == [], path
    for html in feed_html(client):
        assert runnable(html) == []
