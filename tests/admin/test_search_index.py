"""Renaming an author or a tag in the admin keeps the search index in step (PostgreSQL)."""

import threading
import time

import psycopg
import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles import search
from articles.admin import _merge_tags
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


def test_the_admin_list_looks_its_search_up_once(editor_client):
    """Its page, its count and the dates above it take the ids found, not the search."""
    for n in range(3):
        make_article(headline=f"Piece {n}", body="<p>A zeppelin over the steppe.</p>")
    make_article(headline="Zeppelin in the headline", published_at=timezone.now())
    search.refresh_search_vectors()
    editor_client.get("/admin/articles/article/")
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get("/admin/articles/article/", {"q": "zeppelins"})
    assert response.context["cl"].result_count == 4
    assert sum("@@" in query["sql"] for query in queries.captured_queries) == 1


def test_an_admin_search_that_finds_nothing_answers(editor_client):
    make_article(headline="Quiet headline")
    search.refresh_search_vectors()
    response = editor_client.get("/admin/articles/article/", {"q": "zeppelins"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


@pytest.mark.parametrize("query", ["caspian", "EU caspian"])  # through indexes; scans allowed
def test_the_admin_lists_searches_leave_the_planner_as_they_found_it(editor_client, query):
    make_article(headline="Caspian ferries, EU rules")
    before = current_settings()

    response = editor_client.get("/admin/articles/article/", {"q": query})

    assert [a.headline for a in response.context["cl"].result_list] == ["Caspian ferries, EU rules"]
    assert current_settings() == before


def test_a_merge_of_many_tags_is_found_under_the_new_name(editor_client, written_in_bulk):
    articles = [make_article(tags=[f"Hydro {n}"], body="<p>The price cap held.</p>")
                for n in range(5)]  # fmt: skip
    search.refresh_search_vectors()

    _merge_tags(Tag.objects.all(), "Water")

    assert {a.pk for a in found('"price cap" water')} == {a.pk for a in articles}
    assert found("hydro") == []


@pytest.fixture
def written_in_bulk(monkeypatch):
    monkeypatch.setattr(search, "BULK_VECTORS", 2)
    monkeypatch.setattr(search, "BULK_CHUNK", 2)


def pending_entries():
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        cursor.execute("SELECT pending_tuples FROM pgstatginindex('article_search_vector_gin')")
        return cursor.fetchone()[0]


def test_many_vectors_are_merged_into_the_indexes_as_they_are_written(written_in_bulk):
    articles = [make_article(tags=["Hydropower"]) for _ in range(5)]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL gin_pending_list_limit = '8MB'")

    search.refresh_search_vectors(ids=[a.pk for a in articles])

    assert pending_entries() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('gin_pending_list_limit')")
        assert cursor.fetchone() == ("8MB",)  # as it was, for what the transaction writes next
    assert {a.pk for a in found("hydropower")} == {a.pk for a in articles}


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


@pytest.mark.django_db(transaction=True)
def test_a_rename_waits_for_a_save_in_progress_and_indexes_what_it_saved():
    article = make_article(tags=["Hydropower"], headline="Dams on the Vakhsh")
    search.refresh_search_vectors()
    settings = connection.settings_dict
    editor = psycopg.connect(host=settings["HOST"], port=settings["PORT"] or 5432,
                             user=settings["USER"], password=settings["PASSWORD"] or None,
                             dbname=settings["NAME"])  # fmt: skip
    editor.execute("UPDATE articles_article SET headline = 'Quokka summit' WHERE id = %s",
                   [article.pk])  # fmt: skip

    def rename():
        try:
            search.refresh_search_vectors(ids=[article.pk])
        finally:
            connections.close_all()

    renaming = threading.Thread(target=rename)
    renaming.start()
    waited = wait_for_a_lock(editor)
    editor.commit()
    editor.close()
    renaming.join()

    assert waited
    assert found("quokka") == [Article.objects.get(pk=article.pk)]


def wait_for_a_lock(watcher, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        watcher.execute("SELECT pg_stat_clear_snapshot()")  # read afresh in a transaction
        row = watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            " AND datname = current_database()"
        ).fetchone()
        if row[0]:
            return True
        time.sleep(0.05)
    return False
