"""The seed article reaches subscribers of the site and of its dossier, whole."""

import pytest

from tests.feeds.conftest import SITE
from tests.feeds.reading import FORMATS, feed_url, items

SEED_PATH = "/articles/kazakhstans-role-in-the-armenia-azerbaijan-peace-process/"
SEED_HEADLINE = "Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process"
SEED_TAGS = {"Armenia", "Azerbaijan", "Kazakhstan", "South Caucasus", "Peace process",
             "Connectivity"}  # fmt: skip


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(
    ("name", "kwargs"), [("site", {}), ("dossier", {"slug": "caucasus-connectivity"})]
)
def test_seed_article_is_in_the_feed_whole(client, seed, name, kwargs, format):
    [item] = items(client, feed_url(name, format, **kwargs))
    assert item.title == SEED_HEADLINE
    assert item.link == SITE + SEED_PATH
    assert item.authors == ["Ibrahim Mammadov"]
    assert set(item.tags) == SEED_TAGS
    assert item.summary.startswith("Almaty hosted the foreign ministers’ talks")
    assert "Kazakhstan has offered and served as one of the trusted platforms" in item.content
    assert "do not necessarily reflect the position of The Astana Times" in item.content
    assert "Originally published in" in item.content
    assert item.published.isoformat() == "2025-08-15T09:00:00+00:00"
