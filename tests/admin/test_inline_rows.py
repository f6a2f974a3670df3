"""Change pages with many inline rows: each row shows its chosen article or author, and the
page takes the same queries for one row or thirty."""

import re

import pytest

from tests.admin.builders import change_url, edited_data
from tests.builders import make_article, make_author, make_dossier
from tests.site.builders import make_event

pytestmark = pytest.mark.django_db


def chosen(html, field):
    """The label of the option selected in the autocomplete named `field`."""
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r"<option [^>]*selected>([^<]*)</option>", select.group(1))


def dossier_with(n):
    articles = [make_article(headline=f"Entry {i}") for i in range(n)]
    dossier = make_dossier(articles=articles)
    for i, article in enumerate(articles):
        make_event(dossier, title=f"Event {i}", article=article)
    return dossier


@pytest.mark.parametrize("n", [1, 30])
def test_a_dossier_page_takes_the_same_queries_for_1_or_30_entries_and_events(
    editor_client, django_assert_num_queries, n
):
    dossier = dossier_with(n)
    editor_client.get(change_url(dossier))
    # Session, user; the dossier; its entries, events and key terms, each with the article
    # it names.
    with django_assert_num_queries(6):
        html = editor_client.get(change_url(dossier)).text
    assert chosen(html, "entries-0-article") == ["Entry 0"]
    assert chosen(html, f"timeline-{n - 1}-article") == [f"Entry {n - 1}"]


@pytest.mark.parametrize("n", [1, 6])
def test_an_article_page_takes_the_same_queries_for_1_or_6_people(
    editor_client, django_assert_num_queries, n
):
    article = make_article(authors=[make_author(name=f"Writer {i}") for i in range(n)])
    editor_client.get(change_url(article))
    with django_assert_num_queries(16):  # one of them asks which names are shared
        html = editor_client.get(change_url(article)).text
    assert [chosen(html, f"bylines-{i}-author") for i in range(n)] == [
        [f"Writer {i}"] for i in range(n)
    ]


def test_a_row_sent_back_with_errors_shows_the_article_the_editor_chose(editor_client):
    dossier = make_dossier(articles=[make_article(headline="Kept")])
    replacement = make_article(headline="Chosen instead")
    data = edited_data(editor_client, dossier, title="", **{"entries-0-article": replacement.pk})

    response = editor_client.post(change_url(dossier), data)

    assert response.status_code == 200  # the empty title is refused
    assert chosen(response.text, "entries-0-article") == ["Chosen instead"]


def test_a_cleared_choice_shows_nothing_chosen(editor_client):
    dossier = make_dossier()
    make_event(dossier, title="Treaty signed", article=make_article(headline="Treaty piece"))
    data = edited_data(editor_client, dossier, title="", **{"timeline-0-article": ""})

    response = editor_client.post(change_url(dossier), data)

    assert chosen(response.text, "timeline-0-article") == []


def test_a_dossier_of_two_hundred_entries_is_saved(editor_client):
    dossier = make_dossier(articles=[make_article() for _ in range(200)])
    data = edited_data(editor_client, dossier, title="A long-running question")
    assert len(data) > 1_000  # Django's default limit

    response = editor_client.post(change_url(dossier), data)

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.title, dossier.entries.count()) == ("A long-running question", 200)


def picked(client, term):
    """The headlines a dossier's article picker offers for `term`."""
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "dossiers", "model_name": "dossierentry", "field_name": "article",
         "term": term},
    )  # fmt: skip
    return [result["text"] for result in response.json()["results"]]


def test_the_article_picker_finds_half_words_and_co_authors_once(editor_client):
    pair = [make_author(name="Aigerim Sadykova"), make_author(name="Aigerim Lev")]
    make_article(headline="Pipeline politics", authors=pair)
    make_article(headline="Rail freight", standfirst="Pipelines aside.")
    make_article(headline="Water", body="<p>A pipeline in the body only.</p>")

    assert sorted(picked(editor_client, "pipel")) == ["Pipeline politics", "Rail freight"]
    assert picked(editor_client, "aigerim") == ["Pipeline politics"]
    assert picked(editor_client, "aigerim pipe") == ["Pipeline politics"]
