"""Builders for the feed tests, on top of tests/builders.py."""

from datetime import timedelta

from django.utils import timezone

from articles import services
from articles.models import Status
from tests.builders import make_article


def make_scheduled(minutes=1, **overrides):
    """Scheduled the way editors schedule: published through the service, for later."""
    article = make_article(live=False, **overrides)
    return services.publish(article=article, at=timezone.now() + timedelta(minutes=minutes))


def make_not_live(**overrides):
    """One article in each state the public may not see."""
    past = timezone.now() - timedelta(minutes=5)
    return [
        make_article(live=False, headline="A draft", **overrides),
        make_article(status=Status.REVIEW, published_at=past, headline="In review", **overrides),
        make_scheduled(headline="Scheduled", **overrides),
        make_article(status=Status.WITHDRAWN, published_at=past, headline="Withdrawn", **overrides),
    ]
