"""Search folds accents on PostgreSQL: a reader finds "Orbán" by typing "Orban", and the
other way round, and the snippet marks the name as it is written."""

import importlib

import pytest
from django.db import connection

from articles.accents import FOLDS
from articles.search import Filters, Marks, best, parse_query, refresh_search_vectors
from tests.articles.searching import page_of_results
from tests.builders import make_article, make_author

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite matches strings as typed (the README says what it lacks)",
    ),
]
folding = importlib.import_module("articles.migrations.0016_accents_folded")


def found(query):
    refresh_search_vectors()
    return set(best(query, Filters()).ids)


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Viktor Orbán's cabinet", "Orban"),
        ("Viktor Orban's cabinet", "Orbán"),
        ("Talks in Türkiye", "Turkiye"),
        ("Łukašenka's referendum", "Lukasenka"),
        ("Naïve sanctions", "naive sanction"),
        ("Aleksandar Vučić and the EU", '"Vucic and the EU"'),
    ],
)
def test_a_word_is_found_with_or_without_its_accents(written, typed):
    article = make_article(body=f"<p>{written}.</p>")
    make_article(body="<p>Nothing of the kind.</p>")
    assert found(typed) == {article.pk}


def test_a_headline_an_author_and_a_tag_fold_accents_too():
    headline = make_article(headline="Erdoğan's third term")
    by_author = make_article(authors=[make_author(name="Zoë Ştefănescu")])
    tagged = make_article(tags=["Zürich"])
    assert found("Erdogan") == {headline.pk}
    assert found("Stefanescu") == {by_author.pk}
    assert found("Zurich") == {tagged.pk}


def test_an_excluded_word_is_excluded_with_its_accents():
    make_article(body="<p>Orbán and Fico.</p>")
    kept = make_article(body="<p>Fico alone.</p>")
    assert found("Fico -Orban") == {kept.pk}


@pytest.mark.parametrize(
    ("body", "typed", "marked"),
    [
        ("<p>A visit by Viktor Orbán to Minsk.</p>", "Orban", "Orbán"),
        ("<p>A visit by Viktor Orban to Minsk.</p>", "Orbán", "Orban"),
        ("<p>Erdoğan’s speeches, and Erdogan’s.</p>", "Erdogan", "Erdoğan"),
        ("<p>Talks in İstanbul.</p>", "Istanbul", "İstanbul"),
        ("<p>The Bahnhofstraße office.</p>", "Bahnhofstrasse", "Bahnhofstraße"),
        ("<p>The Bahnhofstrasse office.</p>", "Bahnhofstraße", "Bahnhofstrasse"),
    ],
)
def test_the_snippet_marks_the_word_as_written(body, typed, marked):
    article = make_article(body=body)
    (card,) = page_of_results([article.pk], typed)
    assert f"<mark>{marked}</mark>" in card.snippet


def test_a_snippet_marks_by_folded_stem_not_by_letters_alone():
    spans = Marks(parse_query("policy")).spans("Pólicies and políce")
    assert spans == [(0, 8)]  # "police" only starts like "policy"


def test_the_snippets_fold_each_letter_as_the_servers_unaccent_does():
    letters = sorted(FOLDS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT unaccent(letter) FROM unnest(%s::text[]) AS letter", [letters])
        folded = [row[0] for row in cursor.fetchall()]
    assert dict(zip(letters, folded, strict=True)) == FOLDS


def test_the_migration_writes_every_vector_again_in_batches(monkeypatch):
    articles = [make_article(body=f"<p>Orbán, piece {n}.</p>") for n in range(5)]
    folding.refresh_all(connection, "english")  # as written before: no accents folded
    assert set(best("Orban", Filters()).ids) == set()
    monkeypatch.setattr(folding, "BATCH", 2)
    folding.refresh_all(connection, folding.CONFIG)
    assert set(best("Orban", Filters()).ids) == {article.pk for article in articles}
    written = stored_vectors()
    refresh_search_vectors()
    assert stored_vectors() == written  # what articles.search writes


def stored_vectors():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_vector::text, ranking_vector::text FROM articles_article")
        return set(cursor.fetchall())


def test_an_accented_word_the_index_leaves_out_marks_nothing():
    # "à" is "a" once folded, a stop word: PostgreSQL drops it from the query.
    text = "Orbán met a delegation after a vote; à la carte."
    spans = Marks(parse_query("Orbán à Bruxelles")).spans(text)
    assert [text[a:b] for a, b in spans] == ["Orbán"]


def test_a_decomposed_accent_is_marked_as_the_index_matched_it():
    article = make_article(body="<p>A visit by Viktor Orba\u0301n to Minsk.</p>")
    assert found("Orban") == {article.pk}
    (card,) = page_of_results([article.pk], "Orban")
    assert "<mark>Orbán</mark>" in card.snippet


def test_a_word_of_letters_and_digits_folds_too():
    article = make_article(body="<p>The Škoda2 plant.</p>")
    assert found("Skoda2") == {article.pk}
