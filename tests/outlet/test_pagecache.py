"""With the page cache on, readers get cached pages, and no editorial change is ever missed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from outlet import release
from tests.builders import make_article, make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def text(response):
    return response.content.decode()


def test_second_request_is_served_from_the_cache(client, django_assert_max_num_queries):
    article = make_article(headline="Cached piece")
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(1):  # only the cache's state key
        response = client.get(article.get_absolute_url())
    assert "Cached piece" in text(response)


def test_an_edit_shows_on_the_next_request(client):
    article = make_article(headline="Before")
    client.get(article.get_absolute_url())
    article.headline = "After"
    services.save_article(article=article)
    assert "After" in text(client.get(article.get_absolute_url()))


def test_publishing_shows_on_the_next_request(client):
    make_article()
    client.get("/")
    draft = make_article(headline="Fresh from the desk", live=False)
    services.publish(article=draft)
    assert "Fresh from the desk" in text(client.get("/"))


def test_withdrawing_shows_on_the_next_request(client):
    article = make_article(headline="Soon gone")
    assert client.get(article.get_absolute_url()).status_code == 200
    client.get("/")
    services.withdraw(article=article)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Soon gone" not in text(client.get("/"))


def test_a_correction_shows_on_the_next_request(client):
    article = make_article()
    client.get(article.get_absolute_url())
    services.add_correction(article=article, text="The minister's name is Bayramov.")
    assert "Bayramov" in text(client.get(article.get_absolute_url()))


def test_a_scheduled_piece_shows_at_its_time(client, monkeypatch):
    make_article()
    due = timezone.now() + timedelta(minutes=1)
    scheduled = make_article(headline="Embargoed analysis", live=False)
    services.publish(article=scheduled, at=due)
    assert "Embargoed analysis" not in text(client.get("/"))
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    later = due + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Embargoed analysis" in text(client.get("/"))
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_the_news_sitemap_moves_with_the_clock(client, settings, monkeypatch):
    settings.PAGE_REVALIDATION = True
    make_article(headline="Yesterday's news", published_at=timezone.now() - timedelta(hours=47))
    first = client.get("/sitemap-news.xml")
    assert "Yesterday" in text(first)
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    again = client.get("/sitemap-news.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and "Yesterday" not in text(again)


def test_an_admin_edit_shows_on_the_next_request(client, admin_client):
    article = make_article(headline="Admin before")
    client.get("/")
    # Any successful write by staff in the admin marks content as changed, whatever it
    # touched: here the headline changed behind the admin's back, then a disclaimer is added.
    Article.objects.filter(pk=article.pk).update(headline="Admin after")
    added = admin_client.post(
        "/admin/articles/disclaimer/add/", {"name": "House", "text": "Views are {outlet}'s."}
    )
    assert added.status_code == 302
    assert "Admin after" in text(client.get("/"))


def test_a_scheduled_pieces_address_is_missing_for_a_cdn_no_longer_than_a_page(client, settings):
    scheduled = make_article(live=False)
    services.publish(article=scheduled, at=timezone.now() + timedelta(minutes=5))
    response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 404
    assert f"s-maxage={settings.CDN_MAX_AGE}" in response["Cache-Control"]


def test_staff_pages_are_never_cached(client):
    article = make_article(headline="Visible")
    client.force_login(make_staff())
    draft = make_article(headline="Staff preview", live=False)
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 200


def test_no_shared_cache_may_keep_what_staff_are_shown(client):
    article = make_article()
    client.force_login(make_staff())
    assert "private" in client.get(article.get_absolute_url())["Cache-Control"]
    assert "private" in client.get("/")["Cache-Control"]


def test_pages_revalidate_with_an_etag(client):
    article = make_article()
    first = client.get(article.get_absolute_url())
    assert "s-maxage=" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    services.add_correction(article=article, text="Fixed.")
    changed = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_a_deploy_with_new_settings_serves_new_pages(client, settings):
    article = make_article()
    first = client.get(article.get_absolute_url())
    settings.OUTLET_NAME = "The Policy Review"
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and "The Policy Review" in text(again)


def test_a_deploy_of_new_code_serves_new_pages(client, monkeypatch):
    article = make_article()
    first = client.get(article.get_absolute_url())
    monkeypatch.setattr(release, "code_digest", lambda: "the next release")
    release.release.cache_clear()  # as a new process starts afresh
    try:
        again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    finally:
        monkeypatch.undo()
        release.release.cache_clear()
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_an_etag_weakened_by_a_compressing_proxy_is_answered_before_the_page_is_read(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS, settings.PAGE_REVALIDATION = 0, True  # no stored copy
    make_article()
    etag = client.get("/")["ETag"]
    with django_assert_max_num_queries(1):  # the content version
        again = client.get("/", HTTP_IF_NONE_MATCH=f"W/{etag}")
    assert again.status_code == 304


def test_a_head_request_is_answered_like_a_get_without_the_body(client):
    article = make_article(headline="Headed piece")
    get = client.get(article.get_absolute_url())
    head = client.head(article.get_absolute_url())
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and "s-maxage=" in head["Cache-Control"]


def test_a_revalidation_is_answered_before_the_page_is_read(client, django_assert_max_num_queries):
    article = make_article()
    first = client.get(article.get_absolute_url())
    with django_assert_max_num_queries(1):  # the content version, nothing of the page
        again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"] and "s-maxage=" in again["Cache-Control"]


@pytest.mark.parametrize("address", ["/", "/articles/", "/search/?q=Minsk"])
def test_an_address_is_not_answered_with_another_ones_etag(client, address):
    article = make_article()
    etag = client.get(article.get_absolute_url())["ETag"]
    assert client.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_with_the_page_store_off_pages_still_revalidate(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_REVALIDATION = True
    article = make_article(headline="Unstored")
    first = client.get(article.get_absolute_url())
    assert (
        client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )
    article.headline = "Edited"
    services.save_article(article=article)
    changed = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Edited" in text(changed)


def test_a_forged_host_is_refused_not_answered_from_the_cache(client):
    article = make_article()
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url(), HTTP_HOST="evil.example").status_code == 400


def test_a_cached_page_sets_no_cookie(client):
    article = make_article()
    client.get(article.get_absolute_url())
    assert not client.get(article.get_absolute_url()).cookies


def test_a_strangers_failed_sign_in_leaves_the_cache_alone(client):
    from outlet.models import ContentVersion

    before = ContentVersion.objects.get(pk=1).number
    for n in range(3):
        client.post("/admin/login/", {"username": f"nobody{n}", "password": "x"})
    assert ContentVersion.objects.get(pk=1).number == before
