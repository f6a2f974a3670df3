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
