"""The bio sentence is written from the author's affiliations unless an editor overrides it."""

import pytest

from articles.bios import indefinite
from articles.models import Author
from tests.builders import make_author

pytestmark = pytest.mark.django_db

SEED_BIO = (
    "Ibrahim Mammadov is a visiting research fellow at the Danube Institute, Budapest, Hungary. "
    "Previously, he served as a research fellow at the Caucasian Center for International "
    "Relations and Strategic Studies (QAFSAM), as a scholar at the Institute for Development and "
    "Diplomacy (IDD) and as a research assistant at the Caucasus Policy Analysis Center (CPAC) "
    "in Baku, Azerbaijan."
)


def test_seed_author_bio_reads_like_the_source(seed):
    assert Author.objects.get(slug="ibrahim-mammadov").bio == SEED_BIO


def test_override_replaces_the_generated_sentence():
    author = make_author(
        bio_override="Writes about water.",
        affiliations=[{"role": "fellow", "organisation": "X", "is_current": True}],
    )
    assert author.bio == "Writes about water."


def test_previous_posts_in_different_places_each_keep_their_place():
    author = make_author(
        name="Ana Lee",
        pronoun="she",
        affiliations=[
            {"role": "editor", "organisation": "Review", "place": "Oslo", "is_current": True},
            {"role": "analyst", "organisation": "Bank", "place": "Paris", "is_current": False},
            {"role": "lecturer", "organisation": "LSE", "the": False, "place": "London",
             "is_current": False},
        ],
    )  # fmt: skip
    assert author.bio == (
        "Ana Lee is an editor at the Review, Oslo. Previously, she served as an analyst at the "
        "Bank in Paris and as a lecturer at LSE in London."
    )


def test_only_previous_posts():
    author = make_author(
        name="Sam Roe",
        pronoun="they",
        affiliations=[{"role": "adviser", "organisation": "Ministry", "is_current": False}],
    )
    assert author.bio == "Sam Roe previously served as an adviser at the Ministry."


def test_no_affiliations_no_sentence():
    assert make_author().bio == ""


@pytest.mark.parametrize(
    ("noun", "expected"),
    [("fellow", "a fellow"), ("analyst", "an analyst"), ("university lecturer",
     "a university lecturer"), ("honorary fellow", "an honorary fellow")],
)  # fmt: skip
def test_indefinite_article(noun, expected):
    assert indefinite(noun) == expected
