"""Feed readers poll every few minutes: an unchanged feed answers 304 with no body, a
changed one 200 with a new ETag (also when only what an item prints from elsewhere
changed: an author's name, a tag, a disclaimer), and every answer says how long it may
be cached."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.services import add_correction, save_article, withdraw
from outlet.pagecache import bump
from tests.builders import make_article, make_author, make_disclaimer, make_dossier
from tests.feeds.builders import make_scheduled
from tests.feeds.reading import FORMATS, feed_url

pytestmark = pytest.mark.django_db


def test_feed_says_how_long_it_may_be_cached(client):
    make_article()
    response = client.get(feed_url("site"))
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"] and response["Last-Modified"]


@pytest.mark.parametrize("format", FORMATS)
def test_feed_is_sent_in_one_piece(client, format):
    # Written piecemeal, a feed left the server as thousands of small packets: a cached
    # feed took 20 times as long as a cached page.
    for n in range(5):
        make_article(headline=f"Piece {n}")
    assert len(list(client.get(feed_url("site", format)))) == 1


@pytest.mark.parametrize("format", FORMATS)
def test_repeat_request_with_the_etag_is_304_without_body(client, format):
    make_article()
    first = client.get(feed_url("site", format))
    again = client.get(feed_url("site", format), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=300"


def test_repeat_request_with_last_modified_is_304_without_body(client):
    make_article()
    first = client.get(feed_url("site"))
    again = client.get(feed_url("site"), headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304
    assert again.content == b""


def test_each_format_has_its_own_etag(client):
    make_article()
    etags = {client.get(feed_url("site", format))["ETag"] for format in FORMATS}
    assert len(etags) == 3


def changed(client, url, first):
    response = client.get(url, headers={"If-None-Match": first["ETag"]})
    return response.status_code == 200 and response["ETag"] != first["ETag"]


def test_new_article_going_live_gives_200_and_a_new_etag(client):
    make_article()
    first = client.get(feed_url("site"))
    make_article(headline="Fresh")
    assert changed(client, feed_url("site"), first)


def test_scheduled_article_whose_time_passes_changes_the_feed(client, monkeypatch):
    make_article()
    make_scheduled(minutes=1, headline="Due soon")
    first = client.get(feed_url("site"))
    assert b"Due soon" not in first.content
    later = timezone.now() + timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    headers = {"If-None-Match": first["ETag"], "If-Modified-Since": first["Last-Modified"]}
    response = client.get(feed_url("site"), headers=headers)
    assert response.status_code == 200
    assert b"Due soon" in response.content
    assert response["ETag"] != first["ETag"]


def test_scheduled_article_going_live_beats_if_modified_since(client, monkeypatch):
    make_article()
    make_scheduled(minutes=1)
    first = client.get(feed_url("site"))
    later = timezone.now() + timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get(feed_url("site"), headers={"If-Modified-Since": first["Last-Modified"]})
    assert response.status_code == 200


def test_withdrawing_an_article_changes_the_feed(client):
    make_article()
    drop = make_article()
    first = client.get(feed_url("site"))
    withdraw(article=drop)
    assert changed(client, feed_url("site"), first)


def test_editing_an_article_changes_the_feed(client):
    article = make_article()
    first = client.get(feed_url("site"))
    article.headline = "Edited"
    save_article(article=article)
    assert changed(client, feed_url("site"), first)


def test_a_correction_changes_the_corrections_feed(client):
    article = make_article()
    first = client.get(feed_url("corrections"))
    add_correction(article=article, text="A date was wrong.")
    assert changed(client, feed_url("corrections"), first)


def test_renaming_a_dossier_changes_its_feed(client):
    dossier = make_dossier(articles=[make_article()])
    url = feed_url("dossier", slug=dossier.slug)
    first = client.get(url)
    dossier.title = "A better title"
    dossier.save()
    assert changed(client, url, first)


def test_empty_feed_answers_conditional_requests_too(client):
    first = client.get(feed_url("site"))
    again = client.get(feed_url("site"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_nonsense_conditional_headers_get_the_feed(client):
    make_article()
    headers = {"If-None-Match": "\x00garbage", "If-Modified-Since": "yesterday-ish"}
    assert client.get(feed_url("site"), headers=headers).status_code == 200


def test_renaming_an_author_changes_the_feeds_that_credit_them(client):
    author = make_author(name="Aigerim Old")
    make_article(authors=[author])
    first = client.get(feed_url("site"))
    author.name = "Aigerim New"
    author.save()
    response = client.get(feed_url("site"), headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 200
    assert b"Aigerim New" in response.content
    assert response["ETag"] != first["ETag"]


def test_renaming_a_tag_changes_the_feed_for_readers_who_send_only_a_date(client):
    make_article(tags=["Grain"])
    first = client.get(feed_url("site"))
    later = timezone.now() + timedelta(seconds=2)  # Last-Modified counts whole seconds
    with mock.patch.object(timezone, "now", lambda: later):
        Tag.objects.filter(name="Grain").update(name="Wheat")
        bump()  # as every write through the admin does
        response = client.get(
            feed_url("site"), headers={"If-Modified-Since": first["Last-Modified"]}
        )
    assert response.status_code == 200
    assert b"Wheat" in response.content


def test_a_rename_undone_still_reaches_readers_who_send_only_a_date(client):
    author = make_author(name="Ainur Old")
    make_article(authors=[author])
    seen = client.get(feed_url("site"))
    for seconds, name in ((2, "Ainur New"), (4, "Ainur Old")):
        later = timezone.now() + timedelta(seconds=seconds)
        with mock.patch.object(timezone, "now", lambda later=later: later):
            author.name = name
            author.save()
            bump()
            headers = {"If-Modified-Since": seen["Last-Modified"]}
            seen = client.get(feed_url("site"), headers=headers)
        assert seen.status_code == 200
        assert name.encode() in seen.content


def test_editing_a_house_disclaimer_changes_the_feeds_that_print_it(client):
    disclaimer = make_disclaimer(text="Views here belong to the writer.", default_for="analysis")
    make_article(kind="analysis")
    first = client.get(feed_url("site"))
    assert b"belong to the writer" in first.content
    disclaimer.text = "Views here are the writer's alone."
    disclaimer.save()
    assert changed(client, feed_url("site"), first)


def test_renaming_an_author_of_no_item_leaves_the_feed_unchanged(client):
    make_article()
    bystander = make_author(name="Not In This Feed")
    first = client.get(feed_url("site"))
    bystander.name = "Still Not In It"
    bystander.save()
    again = client.get(feed_url("site"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
