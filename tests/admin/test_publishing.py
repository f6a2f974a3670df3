"""Publishing from the admin: an author is required, and the record is fixed on save."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Kind, Status
from articles.services import NO_AUTHOR
from tests.admin.builders import ADD_ARTICLE, change_url, edited_data, new_article_data
from tests.builders import make_article, make_author, make_disclaimer

pytestmark = pytest.mark.django_db


def test_publishing_without_an_author_is_refused_and_keeps_the_text(editor_client):
    data = new_article_data(editor_client, status=Status.PUBLISHED)

    response = editor_client.post(ADD_ARTICLE, data)

    assert response.status_code == 200
    assert NO_AUTHOR in response.text
    assert "Water rights on the Syr Darya" in response.text
    assert "Upstream dams and downstream fields." in response.text
    assert not Article.objects.exists()


def test_a_translator_alone_is_not_an_author(editor_client):
    data = new_article_data(
        editor_client,
        author=make_author(),
        status=Status.PUBLISHED,
        **{"bylines-0-role": "translator"},
    )
    response = editor_client.post(ADD_ARTICLE, data)
    assert NO_AUTHOR in response.text
    assert not Article.objects.exists()


def test_a_draft_may_have_no_author_yet(editor_client):
    response = editor_client.post(ADD_ARTICLE, new_article_data(editor_client))
    assert response.status_code == 302
    assert Article.objects.get().status == Status.DRAFT


def test_removing_the_last_author_of_a_published_article_is_refused(editor_client):
    article = make_article()
    data = edited_data(editor_client, article, **{"bylines-0-DELETE": "on"})

    response = editor_client.post(change_url(article), data)

    assert NO_AUTHOR in response.text
    assert article.bylines.count() == 1


def test_publishing_fixes_the_affiliation_line_and_the_disclaimer(editor_client):
    author = make_author(affiliations=[{"role": "senior fellow", "organisation": "Steppe Forum"}])
    make_disclaimer(default_for=Kind.ANALYSIS, text="Views are not those of {outlet}.")
    data = new_article_data(editor_client, author=author, status=Status.PUBLISHED)

    editor_client.post(ADD_ARTICLE, data)

    article = Article.objects.get()
    assert article.bylines.get().affiliation == "Senior fellow, Steppe Forum"
    assert article.disclaimer_text == "Views are not those of Outlet."


def test_the_fixed_disclaimer_shows_read_only(editor_client):
    article = make_article(disclaimer_text="Fixed at publication.")
    response = editor_client.get(change_url(article))
    assert "Fixed at publication." in response.text
    assert 'name="disclaimer_text"' not in response.text


def test_publishing_without_a_time_publishes_now(editor_client):
    data = new_article_data(editor_client, author=make_author(), status=Status.PUBLISHED)
    before = timezone.now()

    editor_client.post(ADD_ARTICLE, data)

    article = Article.objects.get()
    assert before <= article.published_at <= timezone.now()
    assert article.is_live


def test_a_future_time_schedules_and_the_list_says_so(editor_client):
    soon = timezone.now() + timedelta(days=2)
    data = new_article_data(
        editor_client,
        author=make_author(),
        status=Status.PUBLISHED,
        published_at_0=soon.strftime("%Y-%m-%d"),
        published_at_1=soon.strftime("%H:%M:%S"),
    )

    editor_client.post(ADD_ARTICLE, data)

    assert Article.objects.get().is_scheduled
    assert "Scheduled" in editor_client.get("/admin/articles/article/").text
