"""Builders for the public site's tests, on top of tests/builders.py."""

from datetime import date, timedelta

from django.utils import timezone

from articles.models import AuthorLink, Status
from articles.services import add_correction
from dossiers.models import KeyTerm, TimelineEvent
from tests.builders import make_article

# Every state an article can be in that the public must never see.
NOT_LIVE = {
    "draft": {"status": Status.DRAFT},
    "review": {"status": Status.REVIEW},
    "scheduled": {"status": Status.PUBLISHED, "published_at_offset": timedelta(hours=2)},
    "withdrawn": {"status": Status.WITHDRAWN},
}


def make_hidden_article(state: str, **overrides):
    """An article in `state` (a key of NOT_LIVE), otherwise complete."""
    fields = dict(NOT_LIVE[state])
    offset = fields.pop("published_at_offset", timedelta(hours=-2))
    fields["published_at"] = timezone.now() + offset
    fields["headline"] = f"Hidden {state} piece"
    return make_article(live=False, **(fields | overrides))


def make_correction(article, *, text="The date was wrong.", **overrides):
    return add_correction(article=article, text=text, **overrides)


def make_key_term(dossier, *, term="Middle Corridor", **overrides):
    fields = {"definition": f"What {term} means.", "other_names": ""} | overrides
    return KeyTerm.objects.create(dossier=dossier, term=term, **fields)


def make_event(dossier, *, title="Something happened", **overrides):
    fields = {"date": date(2025, 7, 10), "precision": "day"} | overrides
    return TimelineEvent.objects.create(dossier=dossier, title=title, **fields)


def make_link(author, *, label="Website", url="https://example.org/"):
    return AuthorLink.objects.create(author=author, label=label, url=url)
