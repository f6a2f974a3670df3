"""Inline rows: ordered by the numbers editors type, checked like the rest of the form."""

import pytest

from articles.models import Article, BylineRole, CorrectionKind
from tests.admin.builders import ADD_ARTICLE, change_url, edited_data, new_article_data
from tests.builders import make_article, make_author

pytestmark = pytest.mark.django_db


def byline_rows(*rows):
    """Form data for new byline rows: (author, role, position) each."""
    data = {"bylines-TOTAL_FORMS": str(len(rows))}
    for i, (author, role, position) in enumerate(rows):
        data |= {
            f"bylines-{i}-author": str(author.pk),
            f"bylines-{i}-role": role,
            f"bylines-{i}-position": position,
        }
    return data


def test_bylines_follow_the_typed_numbers(editor_client):
    first, second = make_author(name="Second Row"), make_author(name="First Row")
    rows = byline_rows((first, "author", "2"), (second, "author", "1"))

    editor_client.post(ADD_ARTICLE, new_article_data(editor_client) | rows)

    article = Article.objects.get()
    assert [str(b.author) for b in article.bylines.all()] == ["First Row", "Second Row"]


def test_rows_without_a_number_go_last_in_the_order_typed(editor_client):
    a, b, c = make_author(name="A"), make_author(name="B"), make_author(name="C")
    rows = byline_rows((a, "author", ""), (b, "author", "5"), (c, "translator", ""))

    editor_client.post(ADD_ARTICLE, new_article_data(editor_client) | rows)

    bylines = list(Article.objects.get().bylines.all())
    assert [(str(x.author), x.position) for x in bylines] == [("B", 5), ("A", 6), ("C", 7)]


def test_the_same_person_twice_in_one_role_is_a_form_error(editor_client):
    author = make_author()
    rows = byline_rows((author, "author", "0"), (author, "author", "1"))

    response = editor_client.post(ADD_ARTICLE, new_article_data(editor_client) | rows)

    assert response.status_code == 200
    assert not Article.objects.exists()
    assert "Two rows have the same author and role: keep one." in response.text


def test_the_same_person_may_write_and_translate(editor_client):
    author = make_author()
    rows = byline_rows((author, "author", "0"), (author, BylineRole.TRANSLATOR, "1"))
    editor_client.post(ADD_ARTICLE, new_article_data(editor_client) | rows)
    assert Article.objects.get().bylines.count() == 2


def test_a_correction_added_inline_dates_the_articles_update(editor_client):
    article = make_article()
    data = edited_data(editor_client, article) | {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": CorrectionKind.CLARIFICATION,
        "corrections-0-published_at_0": "2030-05-12",
        "corrections-0-published_at_1": "09:30:00",
        "corrections-0-text": "The meeting was in Almaty, not Astana.",
    }

    editor_client.post(change_url(article), data)

    article.refresh_from_db()
    correction = article.corrections.get()
    assert correction.kind == CorrectionKind.CLARIFICATION
    assert article.updated_at == correction.published_at
    assert article.updated_at.year == 2030
