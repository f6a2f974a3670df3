"""Inline rows: ordered by the numbers editors type, checked like the rest of the form."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, BylineRole, Correction, CorrectionKind
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


def correction_row(day: str, time: str = "09:30:00") -> dict:
    return {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": CorrectionKind.CORRECTION,
        "corrections-0-published_at_0": day,
        "corrections-0-published_at_1": time,
        "corrections-0-text": "The meeting was in Almaty, not Astana.",
    }


def test_a_correction_dated_before_publication_is_refused(editor_client, settings):
    settings.TIME_ZONE = "UTC"
    article = make_article(published_at=datetime(2025, 5, 10, 8, 0, tzinfo=UTC))
    data = edited_data(editor_client, article) | correction_row("2025-05-09")

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert not article.corrections.exists()
    assert (
        "A correction cannot be dated before publication: this piece was published on"
        " 10 May 2025 at 08:00." in response.text
    )


def test_a_correction_later_the_same_day_is_kept(editor_client, settings):
    settings.TIME_ZONE = "UTC"
    article = make_article(published_at=datetime(2025, 5, 10, 8, 0, tzinfo=UTC))
    data = edited_data(editor_client, article) | correction_row("2025-05-10", "08:00:00")
    assert editor_client.post(change_url(article), data).status_code == 302
    assert article.corrections.get().published_at == article.published_at


def test_a_scheduled_piece_takes_no_correction_before_it_goes_live(editor_client):
    article = make_article(published_at=timezone.now() + timedelta(days=3))
    data = edited_data(editor_client, article) | correction_row(f"{timezone.localdate():%Y-%m-%d}")

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert not article.corrections.exists()
    assert "this piece goes live on" in response.text


def test_an_older_misdated_correction_does_not_hold_up_other_edits(editor_client):
    article = make_article()
    Correction.objects.create(
        article=article, text="Old note.", published_at=article.published_at - timedelta(days=1)
    )
    data = edited_data(editor_client, article, headline="A new headline")
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "A new headline"


def test_a_new_correction_left_at_its_default_date_is_checked_too(editor_client):
    """As a browser posts "Add another correction": the date's hidden initial copy goes
    with it, so a date left as offered is not a changed one."""
    article = make_article(published_at=timezone.now() + timedelta(days=3))
    html = editor_client.get(change_url(article)).text
    data = edited_data(editor_client, article)
    offered = r'name="((?:initial-)?corrections-__prefix__-published_at_\d)" value="([^"]*)"'
    for name, value in re.findall(offered, html):
        data[name.replace("__prefix__", "0")] = value
    data |= {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": CorrectionKind.CORRECTION,
        "corrections-0-text": "The figure was wrong.",
    }
    assert editor_client.post(change_url(article), data).status_code == 200
    assert not article.corrections.exists()


def test_a_correction_within_the_minute_of_publication_is_kept(editor_client, settings):
    settings.TIME_ZONE = "UTC"  # published by Publish now: seconds and their fractions
    article = make_article(published_at=datetime(2025, 5, 10, 8, 0, 30, 500000, tzinfo=UTC))
    data = edited_data(editor_client, article) | correction_row("2025-05-10", "08:00:00")
    assert editor_client.post(change_url(article), data).status_code == 302
    assert article.corrections.count() == 1


def scheduling_for(when) -> dict:
    """The Schedule button pressed, with `when` typed as the publication time."""
    local = timezone.localtime(when)
    return {
        "workflow-action": "schedule",
        "workflow-at_0": f"{local:%Y-%m-%d}",
        "workflow-at_1": f"{local:%H:%M:%S}",
    }


@pytest.mark.parametrize(
    ("corrected", "scheduled", "said"),
    [
        # checked against the new time: a day after the old one, days before the new one
        (4, 10, "with this save, the piece is published on"),
        # a Schedule for yesterday will be refused: checked against the time the piece has
        (0, -1, "this piece goes live on"),
    ],
)
def test_a_correction_saved_with_a_schedule_is_checked_against_the_time_it_gives(
    editor_client, corrected, scheduled, said
):
    now = timezone.now()
    article = make_article(published_at=now + timedelta(days=3))
    day = timezone.localtime(now + timedelta(days=corrected))
    data = (
        edited_data(editor_client, article)
        | correction_row(f"{day:%Y-%m-%d}")
        | scheduling_for(now + timedelta(days=scheduled))
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert said in response.text
    assert not article.corrections.exists()


def test_a_new_schedule_past_an_older_correction_is_refused(editor_client):
    now = timezone.now()
    article = make_article(published_at=now + timedelta(days=3))
    Correction.objects.create(article=article, text="Noted.", published_at=now + timedelta(days=4))
    later = timezone.localtime(now + timedelta(days=10))
    data = edited_data(editor_client, article) | scheduling_for(later)
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "with this save, the piece is published on" in response.text
    article.refresh_from_db()
    assert article.published_at == now + timedelta(days=3)


def test_a_correction_saved_with_publish_now_is_checked_against_now(editor_client):
    article = make_article(published_at=timezone.now() + timedelta(days=3))
    soon = timezone.localtime() + timedelta(minutes=1)
    data = (
        edited_data(editor_client, article)
        | correction_row(f"{soon:%Y-%m-%d}", f"{soon:%H:%M:%S}")
        | {"workflow-action": "publish"}
    )
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.is_live
    assert article.corrections.get().published_at >= article.published_at
