"""/corrections/: every correction to a live article, newest first, linking its anchor."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.builders import make_article

from . import reading
from .builders import NOT_LIVE, make_correction, make_hidden_article

pytestmark = pytest.mark.django_db


def test_corrections_newest_first_with_their_article(client):
    article = make_article(headline="The piece")
    old = make_correction(article, text="Old note.", at=timezone.now() - timedelta(days=3))
    new = make_correction(article, text="New note.", kind="update")
    response = client.get(reverse("corrections:list"))
    text = reading.text(response)
    assert text.index("New note.") < text.index("Old note.")
    day = f"{new.published_at.day} {new.published_at:%B %Y}"
    assert f"Update, {day} New note. On The piece" in text
    assert f'href="{article.get_absolute_url()}#correction-{old.pk}"' in response.content.decode()


@pytest.mark.parametrize("state", NOT_LIVE)
def test_corrections_to_hidden_articles_never_show(client, state):
    make_correction(make_hidden_article(state), text="Secret fix.")
    assert "Secret fix." not in reading.text(client.get(reverse("corrections:list")))


def test_no_corrections_yet(client):
    assert "No corrections so far." in reading.text(client.get(reverse("corrections:list")))


@pytest.mark.parametrize("n", [1, 30])
def test_corrections_query_count_is_fixed(client, django_assert_num_queries, n):
    for _ in range(n):
        make_correction(make_article())
    # count, corrections with their articles
    with django_assert_num_queries(2):
        assert client.get(reverse("corrections:list")).status_code == 200
