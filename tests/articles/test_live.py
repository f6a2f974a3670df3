"""The one rule of visibility: only published articles whose time has come are live."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Status
from tests.builders import make_article

pytestmark = pytest.mark.django_db

NOW = timezone.now


@pytest.mark.parametrize(
    ("status", "offset", "is_live"),
    [
        (Status.DRAFT, timedelta(hours=-1), False),
        (Status.REVIEW, timedelta(hours=-1), False),
        (Status.PUBLISHED, timedelta(minutes=5), False),  # scheduled
        (Status.WITHDRAWN, timedelta(hours=-1), False),  # unpublished
        (Status.PUBLISHED, timedelta(seconds=-1), True),
    ],
)
def test_live_matrix(status, offset, is_live):
    article = make_article(status=status, published_at=NOW() + offset)
    assert (article in Article.objects.live()) is is_live
    assert article.is_live is is_live


def test_published_without_a_time_is_not_live():
    article = make_article(status=Status.PUBLISHED, published_at=None)
    assert not Article.objects.live().filter(pk=article.pk).exists()
    assert not article.is_live


def test_scheduled_article_goes_live_when_its_time_comes(monkeypatch):
    article = make_article(status=Status.PUBLISHED, published_at=NOW() + timedelta(minutes=1))
    assert not Article.objects.live().filter(pk=article.pk).exists()
    later = NOW() + timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert Article.objects.live().filter(pk=article.pk).exists()
    assert article.is_scheduled is False


def test_the_article_page_follows_the_clock_too(client, monkeypatch):
    """Its query compiles the live rule once (articles.rawsql.live_where) but puts in the
    time of each request."""
    article = make_article(status=Status.PUBLISHED, published_at=NOW() + timedelta(minutes=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    later = NOW() + timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_live_rule_cannot_look_ahead():
    """Asked for what is live at a time to come, it refuses: that would show scheduled
    pieces before their time."""
    with pytest.raises(ValueError):
        Article.objects.live(at=NOW() + timedelta(minutes=1))
