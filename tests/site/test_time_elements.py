"""Every <time datetime> is one HTML accepts, whatever fractions of a second a time was
saved with."""

import re
from datetime import UTC, datetime

import pytest

from articles.search import refresh_search_vectors
from tests.builders import make_article

from .builders import make_correction

pytestmark = pytest.mark.django_db

# HTML's global date and time string: at most three digits of a second's fractions.
VALID = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([+-]\d{2}:\d{2}|Z)")


@pytest.mark.parametrize("address", ["/articles/", "ARTICLE", "/corrections/", "/search/?q=Ports"])
def test_times_saved_to_the_microsecond_print_as_html_allows(client, address):
    at = datetime(2025, 5, 11, 9, 30, 15, 123456, tzinfo=UTC)
    article = make_article(headline="Ports", published_at=at, updated_at=at)
    make_correction(article)  # dated now, to the microsecond
    refresh_search_vectors()
    page = client.get(article.get_absolute_url() if address == "ARTICLE" else address).text

    times = re.findall(r'<time datetime="([^"]*)"', page)

    assert times
    assert [t for t in times if not VALID.fullmatch(t)] == []
