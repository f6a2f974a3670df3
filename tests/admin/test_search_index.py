"""Renaming an author or a tag in the admin keeps the search index in step (PostgreSQL)."""

import pytest
from django.db import connection

from articles import search
from articles.models import Article
from tests.admin.builders import change_url, edited_data
from tests.articles.searching import current_settings
from tests.builders import make_article, make_author

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the stored search vector exists only on PostgreSQL",
    ),
]


def found(query):
    return list(search.matching(Article.objects.live(), query))


def test_a_renamed_author_is_found_under_the_new_name(editor_client):
    author = make_author(name="Aigerim Sadykova")
    article = make_article(authors=[author])
    search.refresh_search_vectors(ids=[article.pk])

    editor_client.post(change_url(author), edited_data(editor_client, author, name="Zhanar Bek"))

    assert found("Zhanar") == [article]


def test_a_renamed_tag_is_found_under_the_new_name(editor_client):
    article = make_article(tags=["Hydropower"])
    search.refresh_search_vectors(ids=[article.pk])
    tag = article.tags.get()

    editor_client.post(change_url(tag), edited_data(editor_client, tag, name="Irrigation"))

    assert found("irrigation") == [article]


def test_the_admin_list_searches_the_full_text_index(editor_client):
    make_article(headline="Quiet headline", body="<p>A zeppelin over the steppe.</p>")
    make_article(headline="Another piece", body="<p>Nothing to see.</p>")
    search.refresh_search_vectors()
    response = editor_client.get("/admin/articles/article/", {"q": "zeppelins"})
    assert response.status_code == 200
    assert [a.headline for a in response.context["cl"].result_list] == ["Quiet headline"]


@pytest.mark.parametrize("query", ["caspian", "EU caspian"])  # through indexes; scans allowed
def test_the_admin_lists_searches_leave_the_planner_as_they_found_it(editor_client, query):
    make_article(headline="Caspian ferries, EU rules")
    before = current_settings()

    response = editor_client.get("/admin/articles/article/", {"q": query})

    assert [a.headline for a in response.context["cl"].result_list] == ["Caspian ferries, EU rules"]
    assert current_settings() == before


def vectors(article):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text, ranking_vector::text FROM articles_article WHERE id = %s",
            [article.pk],
        )
        return cursor.fetchone()


def test_a_rename_keeps_the_body_as_indexed_and_writes_what_a_save_would(editor_client):
    """The body's part of the full vector is kept, not parsed again, and its words keep
    their positions however often the names around it change: a phrase in the body is
    still found, and the vectors are those a full refresh writes."""
    author = make_author(name="Aigerim Sadykova")
    article = make_article(authors=[author], tags=["Hydropower"],
                           body="<p>The price cap on Caspian oil held.</p>")  # fmt: skip
    search.refresh_search_vectors(ids=[article.pk])
    tag = article.tags.get()

    for name in ("Irrigation", "Water rights", "Irrigation and water rights"):
        editor_client.post(change_url(tag), edited_data(editor_client, tag, name=name))
    editor_client.post(change_url(author), edited_data(editor_client, author, name="Zhanar Bek"))

    assert found('"price cap" Irrigation') == [article]
    assert found("Hydropower") == found("Sadykova") == []
    renamed = vectors(article)
    search.refresh_search_vectors(ids=[article.pk])
    assert vectors(article) == renamed


def test_a_rename_writes_the_vectors_of_an_article_that_had_none():
    article = make_article(tags=["Hydropower"], body="<p>Rogun dam.</p>")
    search.refresh_search_vectors(ids=[article.pk], bodies_unchanged=True)
    assert found("Rogun Hydropower") == [article]


@pytest.fixture
def written_in_bulk(monkeypatch):
    monkeypatch.setattr(search, "BULK_VECTORS", 2)


def test_many_vectors_are_merged_into_the_indexes_before_anyone_searches(written_in_bulk):
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
    articles = [make_article(tags=["Hydropower"]) for _ in range(3)]

    search.refresh_search_vectors(ids=[a.pk for a in articles], bodies_unchanged=True)

    with connection.cursor() as cursor:
        cursor.execute("SELECT pending_tuples FROM pgstatginindex('article_search_vector_gin')")
        assert cursor.fetchone() == (0,)
        cursor.execute("SELECT current_setting('gin_pending_list_limit')")
        assert cursor.fetchone() == ("4MB",)  # as it was, for what the transaction writes next
    assert {a.pk for a in search.matching(Article.objects.live(), "hydropower")} == {
        a.pk for a in articles
    }


def test_a_role_that_does_not_own_the_indexes_writes_many_vectors_as_before(written_in_bulk):
    articles = [make_article(tags=["Hydropower"]) for _ in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE outlet_test_writer")
        cursor.execute("GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA public TO outlet_test_writer")
        cursor.execute("SET ROLE outlet_test_writer")
    try:
        search.refresh_search_vectors(ids=[a.pk for a in articles])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert len(found("hydropower")) == 3
