"""What each feed item carries: authors in byline order, tags, summary, full content,
times, and absolute links from the configured site address."""

import html
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Byline, BylineRole
from articles.services import add_correction
from tests.builders import make_article, make_author, make_disclaimer
from tests.feeds.conftest import SITE
from tests.feeds.reading import FORMATS, feed_url, items, read

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("format", FORMATS)
def test_every_author_is_named_in_byline_order(client, format):
    names = ["Zara Aliyeva", "Adam Novak", "Mina Petrosyan"]
    make_article(authors=[make_author(name=name) for name in names])
    [item] = items(client, feed_url("site", format))
    assert item.authors == names


@pytest.mark.parametrize("format", FORMATS)
def test_a_translator_is_not_named_as_an_author(client, format):
    article = make_article(authors=[make_author(name="Author One")])
    translator = make_author(name="Tess Translator")
    Byline.objects.create(article=article, author=translator, role=BylineRole.TRANSLATOR)
    [item] = items(client, feed_url("site", format))
    assert item.authors == ["Author One"]


def test_atom_credits_a_translator_as_a_contributor(client):
    article = make_article()
    translator = make_author(name="Tess Translator")
    Byline.objects.create(article=article, author=translator, role=BylineRole.TRANSLATOR)
    [entry] = read(client, feed_url("site", "atom")).entries
    assert [c.name for c in entry.contributors] == ["Tess Translator"]


@pytest.mark.parametrize("format", FORMATS)
def test_tags_are_categories(client, format):
    make_article(tags=["Energy", "Black Sea"])
    [item] = items(client, feed_url("site", format))
    assert sorted(item.tags) == ["Black Sea", "Energy"]


@pytest.mark.parametrize("format", FORMATS)
def test_standfirst_is_the_summary_and_the_body_the_content(client, format):
    make_article(standfirst="Ports & pipelines.", body="<p>The <em>whole</em> argument.</p>")
    [item] = items(client, feed_url("site", format))
    assert html.unescape(item.summary) == "Ports & pipelines."
    assert "<em>whole</em> argument" in item.content


def test_json_summary_is_plain_text(client):
    make_article(standfirst="Ports & pipelines <maybe>.")
    [item] = items(client, feed_url("site", "json"))
    assert item.summary == "Ports & pipelines <maybe>."


@pytest.mark.parametrize("format", FORMATS)
def test_title_with_markup_characters_reads_as_typed(client, format):
    make_article(headline="Trade & security <after> the war")
    [item] = items(client, feed_url("site", format))
    assert item.title == "Trade & security <after> the war"


@pytest.mark.parametrize("format", FORMATS)
def test_corrections_are_in_the_content_dated_and_typed(client, format):
    article = make_article()
    at = datetime(2025, 5, 12, 10, tzinfo=UTC)
    add_correction(article=article, text="The talks were in May, not June.", at=at)
    [item] = items(client, feed_url("site", format))
    assert "Correction, 12 May 2025:</strong> The talks were in May, not June." in item.content


@pytest.mark.parametrize("format", FORMATS)
def test_disclaimer_is_in_the_content(client, format):
    disclaimer = make_disclaimer(text="Views are the author’s, not {outlet}’s.")
    make_article(disclaimer=disclaimer)
    [item] = items(client, feed_url("site", format))
    assert "Views are the author’s, not Policy Review’s." in item.content


def test_kinds_default_disclaimer_applies_when_none_was_fixed(client):
    make_disclaimer(text="House view of {outlet}.", default_for="analysis")
    make_article(kind="analysis", headline="With")
    make_article(kind="analysis", no_disclaimer=True, headline="Without")
    content = {i.title: i.content for i in items(client, feed_url("site", "json"))}
    assert "House view of Policy Review." in content["With"]
    assert "House view" not in content["Without"]


@pytest.mark.parametrize("format", FORMATS)
def test_published_and_updated_times(client, format):
    published = datetime(2025, 3, 1, 8, tzinfo=UTC)
    updated = published + timedelta(days=2)
    make_article(published_at=published, updated_at=updated)
    [item] = items(client, feed_url("site", format))
    assert item.published == published
    assert item.updated == updated


@pytest.mark.parametrize("format", FORMATS)
def test_links_are_absolute_from_the_site_address(client, format):
    make_article(slug="ports", body='<p>See <a href="/articles/earlier/">earlier</a>.</p>')
    [item] = items(client, feed_url("site", format))
    assert item.link == f"{SITE}/articles/ports/"
    assert f'href="{SITE}/articles/earlier/"' in item.content
