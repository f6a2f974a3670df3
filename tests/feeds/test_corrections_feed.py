"""The corrections feed: every correction to a live article, newest first, each linking
to its note on the article page."""

from datetime import UTC, datetime

import pytest

from articles.models import Status
from articles.services import add_correction
from tests.builders import make_article
from tests.feeds.conftest import SITE
from tests.feeds.reading import FORMATS, feed_url, items

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("format", FORMATS)
def test_correction_links_to_its_note_on_the_article(client, format):
    article = make_article(slug="ports", headline="Ports and power")
    at = datetime(2025, 5, 12, 10, tzinfo=UTC)
    note = add_correction(article=article, text="The port opened in 2019.", kind="update", at=at)
    [item] = items(client, feed_url("corrections", format))
    assert item.link == f"{SITE}/articles/ports/#correction-{note.pk}"
    assert item.title == "Update: Ports and power"
    assert "Update, 12 May 2025:</strong> The port opened in 2019." in item.content
    assert item.published == at


def test_corrections_are_newest_first(client):
    article = make_article()
    for day in (3, 9, 6):
        add_correction(article=article, text=f"Day {day}.", at=datetime(2025, 5, day, tzinfo=UTC))
    assert [i.summary for i in items(client, feed_url("corrections", "json"))] == [
        "Day 9.", "Day 6.", "Day 3."
    ]  # fmt: skip


def test_corrections_to_articles_not_live_are_left_out(client):
    hidden = make_article(status=Status.WITHDRAWN)
    add_correction(article=hidden, text="Hidden.")
    add_correction(article=make_article(), text="Shown.")
    assert [i.summary for i in items(client, feed_url("corrections", "json"))] == ["Shown."]


def test_correction_guid_survives_a_slug_edit(client):
    article = make_article(slug="before")
    add_correction(article=article, text="A fix.")
    [before] = items(client, feed_url("corrections"))
    article.slug = "after"
    article.save()
    [after] = items(client, feed_url("corrections"))
    assert after.id == before.id and after.link != before.link
