"""The article list: what an editor scans for, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.admin import ListedWhenFew
from articles.models import BylineRole, Status
from tests.builders import make_article, make_author, make_dossier

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"
# Session, user; the author, dossier and tag filters' choices; count, full count, page,
# bylines with their authors; the date hierarchy's range and days. None per article.
LIST_QUERIES = 11


def make_articles(count):
    for n in range(count):
        author, translator = make_author(), make_author()
        article = make_article(authors=[author], tags=[f"tag {n}", "common"])
        article.bylines.create(author=translator, role=BylineRole.TRANSLATOR, position=1)
        make_dossier(articles=[article])


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_takes_the_same_queries_for_1_or_30_articles(
    editor_client, django_assert_num_queries, count
):
    make_articles(count)
    editor_client.get(CHANGELIST)  # the session and the user, loaded once
    with django_assert_num_queries(LIST_QUERIES):
        response = editor_client.get(CHANGELIST)
    assert response.status_code == 200


def test_the_list_names_authors_and_marks_translators(editor_client):
    author, translator = make_author(name="Aigerim Sadykova"), make_author(name="Lev Orlov")
    article = make_article(authors=[author])
    article.bylines.create(author=translator, role=BylineRole.TRANSLATOR, position=1)
    assert "Aigerim Sadykova, Lev Orlov (translator)" in editor_client.get(CHANGELIST).text


def test_a_published_article_whose_time_has_not_come_shows_as_scheduled(editor_client):
    make_article(headline="Due tomorrow", published_at=timezone.now() + timedelta(days=1))
    response = editor_client.get(CHANGELIST + "?status=scheduled")
    assert "Due tomorrow" in response.text
    assert '<td class="field-status_label">Scheduled</td>' in response.text


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("status=draft", {"A draft", "A report"}),
        ("status=published", {"Live now"}),
        ("status=scheduled", {"Due tomorrow"}),
        ("status=withdrawn", {"Taken down"}),
        ("status=approved", {"Ready to go"}),
        ("kind__exact=report", {"A report"}),
        ("q=Live", {"Live now"}),
        ("q=Sadykova", {"Live now"}),
        ("q=standfirst+words", {"A report"}),
        ("q=Sadyk", {"Live now"}),  # half a word, as typed so far
        ("q=live+sadykova", {"Live now"}),  # each word in a field of its own
        ("q=live+report", set()),  # every word, not any
        ("q=%22Some+standfirst%22", {"A report"}),  # quoted: one string
        ("q=%22standfirst+some%22", set()),
    ],
)
def test_each_filter_and_search_finds_its_articles(editor_client, query, shown):
    make_article(headline="Live now", authors=[make_author(name="Aigerim Sadykova")])
    make_article(headline="Due tomorrow", published_at=timezone.now() + timedelta(days=1))
    make_article(headline="A draft", live=False)
    make_article(headline="Taken down", status=Status.WITHDRAWN)
    make_article(headline="Ready to go", status=Status.APPROVED, live=False)
    make_article(
        headline="A report", kind="report", standfirst="Some standfirst words.", live=False
    )

    response = editor_client.get(f"{CHANGELIST}?{query}")

    assert response.status_code == 200
    assert {str(a) for a in response.context["cl"].result_list} == shown


def test_a_search_of_a_word_said_many_times_looks_for_it_once(editor_client):
    make_article(headline="EU enlargement")
    make_article(headline="Something else")
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(CHANGELIST, {"q": " ".join(["EU", "eu"] * 20)})
    assert [str(a) for a in response.context["cl"].result_list] == ["EU enlargement"]
    assert max(query["sql"].count("LIKE") for query in queries.captured_queries) <= 3


def test_a_search_looks_for_at_most_eight_words_in_the_fields(editor_client):
    words = "one two three four five six seven eight"
    make_article(headline=words)
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(CHANGELIST, {"q": f"{words} nine"})
    assert [str(a) for a in response.context["cl"].result_list] == [words]
    assert max(query["sql"].count("LIKE") for query in queries.captured_queries) <= 8 * 3


def test_the_author_dossier_and_tag_filters_answer(editor_client):
    author = make_author()
    article = make_article(headline="Tagged", authors=[author], tags=["Caspian"])
    dossier = make_dossier(articles=[article])
    make_article(headline="Other")
    for query in [
        f"bylines__author__id__exact={author.pk}",
        f"dossiers__id__exact={dossier.pk}",
        "tag=caspian",
    ]:
        response = editor_client.get(f"{CHANGELIST}?{query}")
        assert [str(a) for a in response.context["cl"].result_list] == ["Tagged"], query


def test_the_date_hierarchy_answers(editor_client):
    article = make_article()
    year = article.published_at.year
    response = editor_client.get(f"{CHANGELIST}?published_at__year={year}")
    assert response.status_code == 200
    assert article in response.context["cl"].result_list


def filter_choices(response, title):
    specs = [spec for spec in response.context["cl"].filter_specs if spec.title == title]
    return {choice["display"] for spec in specs for choice in spec.choices(response.context["cl"])}


def test_the_filters_offer_only_authors_dossiers_and_tags_an_article_has(editor_client):
    for n in (1, 2):  # a filter with one choice is not shown
        filed = make_article(authors=[make_author(name=f"Writer {n}")], tags=[f"Tag {n}"])
        make_dossier(articles=[filed], title=f"Dossier {n}")
    make_author(name="Idle writer")
    make_dossier(title="Empty dossier")
    filed.tags.add("Unused")
    filed.tags.remove("Unused")

    response = editor_client.get(CHANGELIST)

    assert filter_choices(response, "author") == {"All", "Writer 1", "Writer 2"}
    assert filter_choices(response, "dossier") == {"All", "-", "Dossier 1", "Dossier 2"}
    assert filter_choices(response, "tag") == {"All", "Tag 1", "Tag 2"}


def test_past_a_hundred_choices_a_filter_lists_only_the_one_chosen(editor_client, monkeypatch):
    monkeypatch.setattr(ListedWhenFew, "FEW", 2)
    writers = [make_author(name=f"Writer {n}") for n in range(3)]
    for writer in writers:
        filed = make_article(authors=[writer], tags=["Tag 1", "Tag 2", "Tag 3"])
        make_dossier(articles=[filed], title=f"Dossier of {writer.name}")
    make_article(headline="In no dossier", authors=[writers[0]])

    response = editor_client.get(CHANGELIST)
    assert filter_choices(response, "author") == {"All"}
    assert filter_choices(response, "dossier") == {"All", "-"}
    assert filter_choices(response, "tag") == {"All"}
    assert "3 authors, too many to list here. Search for a name above" in response.text
    assert "3 dossiers, too many to list here." in response.text

    response = editor_client.get(f"{CHANGELIST}?bylines__author__id__exact={writers[1].pk}")
    assert filter_choices(response, "author") == {"All", "Writer 1"}
    assert len(response.context["cl"].result_list) == 1


def test_a_dossiers_count_leads_to_its_articles(editor_client):
    dossier = make_dossier(articles=[make_article(), make_article()])
    response = editor_client.get("/admin/dossiers/dossier/")
    assert f'href="{CHANGELIST}?dossiers__id__exact={dossier.pk}">2</a>' in response.text


def test_a_filter_in_the_address_applies_with_a_single_choice_or_none(editor_client):
    author = make_author()
    make_article(headline="By the one author", authors=[author])
    make_article(headline="By nobody", authors=[])
    for query, shown in [
        (f"bylines__author__id__exact={author.pk}", ["By the one author"]),
        (f"bylines__author__id__exact={author.pk + 1000}", []),
        ("tag=never-used", []),
    ]:
        response = editor_client.get(f"{CHANGELIST}?{query}")
        assert [str(a) for a in response.context["cl"].result_list] == shown, query


def test_the_list_offers_no_counts_per_filter_choice(editor_client):
    make_article(headline="Counted")
    for query in ["", "?_facets=True"]:
        response = editor_client.get(CHANGELIST + query)
        assert response.status_code == 200
        assert "Counted" in response.text
        assert "Show counts" not in response.text and "Hide counts" not in response.text
