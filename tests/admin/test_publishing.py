"""Publishing from the admin (the managing editor's "Publish now" and "Schedule" buttons):
an author is required, and the record is fixed on publication."""

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from articles.models import Article, Kind, Status
from articles.services import NO_AUTHOR
from tests.admin.builders import ADD_ARTICLE, change_url, edited_data, new_article_data
from tests.builders import make_article, make_author, make_disclaimer
from tests.workflow.builders import MANAGING_EDITOR, STEP, make_member, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def managing_editor_client():
    return signed_in(make_member(MANAGING_EDITOR, username="maya"))


def approved(**overrides):
    return make_article(live=False, status=Status.APPROVED, **overrides)


def publish(client, article, **fields):
    data = edited_data(client, article, **fields) | {STEP: "publish"}
    return client.post(change_url(article), data)


def test_publishing_without_an_author_is_refused_and_keeps_the_text(managing_editor_client):
    article = approved(authors=[])

    response = publish(managing_editor_client, article, standfirst="Typed just now.")

    assert response.status_code == 200
    assert NO_AUTHOR in response.text
    assert "Typed just now." in response.text
    article.refresh_from_db()
    assert article.status == Status.APPROVED
    assert article.standfirst != "Typed just now."


def test_a_translator_alone_is_not_an_author(managing_editor_client):
    article = approved()
    response = publish(managing_editor_client, article, **{"bylines-0-role": "translator"})
    assert NO_AUTHOR in response.text
    assert Article.objects.get().status == Status.APPROVED


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


def test_publishing_fixes_the_affiliation_line_and_the_disclaimer(managing_editor_client):
    author = make_author(affiliations=[{"role": "senior fellow", "organisation": "Steppe Forum"}])
    make_disclaimer(default_for=Kind.ANALYSIS, text="Views are not those of {outlet}.")

    publish(managing_editor_client, approved(authors=[author]))

    article = Article.objects.get()
    assert article.bylines.get().affiliation == "Senior fellow, Steppe Forum"
    assert article.disclaimer_text == "Views are not those of Outlet."


def test_the_fixed_disclaimer_shows_read_only(editor_client):
    article = make_article(disclaimer_text="Fixed at publication.")
    response = editor_client.get(change_url(article))
    assert "Fixed at publication." in response.text
    assert 'name="disclaimer_text"' not in response.text


def test_before_publication_the_form_shows_the_disclaimer_publishing_will_fix(editor_client):
    make_disclaimer(default_for=Kind.ANALYSIS, text="Views are not those of {outlet}.")
    response = editor_client.get(change_url(make_article(live=False, kind=Kind.ANALYSIS)))
    assert "Not fixed yet. Publishing will fix: “Views are not those of Outlet.”" in unescape(
        response.text
    )


def test_publishing_without_a_time_publishes_now(managing_editor_client):
    article = approved()
    before = timezone.now()

    publish(managing_editor_client, article)

    article = Article.objects.get()
    assert before <= article.published_at <= timezone.now()
    assert article.is_live


def test_a_future_time_schedules_and_the_list_says_so(managing_editor_client):
    article = approved()
    soon = timezone.localtime() + timedelta(days=2)
    data = edited_data(managing_editor_client, article) | {
        STEP: "schedule",
        "workflow-at_0": soon.strftime("%Y-%m-%d"),
        "workflow-at_1": soon.strftime("%H:%M:%S"),
    }

    managing_editor_client.post(change_url(article), data)

    assert Article.objects.get().is_scheduled
    assert "Scheduled" in managing_editor_client.get("/admin/articles/article/").text
