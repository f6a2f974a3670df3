"""A feed's query count does not grow with its items, their authors, tags or corrections."""

import pytest

from articles.services import add_correction
from tests.builders import make_article, make_author, make_dossier
from tests.feeds.reading import FORMATS, feed_url

pytestmark = pytest.mark.django_db

# Site and kind feeds: the validators' three queries (the items' times; their authors,
# tags and the disclaimers; the time of the last editorial change), then the articles
# with their bylines and authors, the authors' affiliations (Article.objects.for_page),
# tags, corrections, and the kinds' default disclaimers (these articles never had theirs
# fixed). An author, a tag or a dossier adds the one query that finds it.
FEEDS = {
    "site": 9,
    "kind": 9,
    "author": 10,
    "tag": 10,
    "dossier": 10,
    "corrections": 2,  # the ETag's rows, then the corrections with their articles
}


def fill(name, count):
    """`count` live articles that the feed `name` holds; its URL keyword arguments."""
    author = make_author()
    articles = [
        make_article(authors=[author, make_author()], tags=["Energy", f"Topic {n}"], kind="opinion")
        for n in range(count)
    ]
    for article in articles:
        add_correction(article=article, text="A figure was wrong.")
    kwargs = {
        "kind": {"kind": "opinion"},
        "author": {"slug": author.slug},
        "tag": {"slug": "energy"},
        "dossier": {"slug": make_dossier(articles=articles).slug},
    }
    return kwargs.get(name, {})


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("name", FEEDS)
def test_feed_query_count_is_constant(client, django_assert_num_queries, name, format, count):
    url = feed_url(name, format, **fill(name, count))
    with django_assert_num_queries(FEEDS[name]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_not_modified_answer_costs_three_queries(client, django_assert_num_queries, count):
    fill("site", count)
    etag = client.get(feed_url("site"))["ETag"]
    with django_assert_num_queries(3):
        response = client.get(feed_url("site"), headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_seed_article_needs_no_disclaimer_query(client, seed, django_assert_num_queries):
    """Its disclaimer was fixed when it was published."""
    with django_assert_num_queries(8):
        client.get(feed_url("site"))
