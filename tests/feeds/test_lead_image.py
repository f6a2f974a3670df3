"""The lead image travels as an enclosure (RSS, Atom), a media element (RSS) and `image`
(JSON Feed); a missing image file costs the subscriber nothing but its size."""

import pytest
from PIL import Image

from articles.models import Article
from tests.builders import make_article
from tests.feeds.conftest import SITE
from tests.feeds.reading import feed_url, read

pytestmark = pytest.mark.django_db
NAME = "articles/2025/harbour.png"


def with_image(**extra):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(
        lead_image=NAME,
        lead_image_width=40,
        lead_image_height=20,
        lead_image_alt="Container cranes at Aktau harbour",
        lead_image_credit="Photo: A. Photographer",
        **extra,
    )
    return article


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_URL = "/media/"
    return tmp_path


@pytest.fixture
def image_file(media):
    path = media / NAME
    path.parent.mkdir(parents=True)
    Image.new("RGB", (40, 20), "navy").save(path)
    return path


@pytest.mark.parametrize("format", ["rss", "atom"])
def test_lead_image_is_an_enclosure_with_its_size(client, image_file, format):
    with_image()
    [entry] = read(client, feed_url("site", format)).entries
    [enclosure] = entry.enclosures
    assert enclosure.href == f"{SITE}/media/{NAME}"
    assert enclosure.type == "image/png"
    assert int(enclosure.length) == image_file.stat().st_size


def test_rss_describes_the_image_as_media(client, image_file):
    with_image()
    [entry] = read(client, feed_url("site")).entries
    [media] = entry.media_content
    assert media["url"] == f"{SITE}/media/{NAME}"
    assert (media["width"], media["height"]) == ("40", "20")
    assert entry.media_credit[0]["content"] == "Photo: A. Photographer"


def test_json_feed_names_the_image(client, image_file):
    with_image()
    [item] = read(client, feed_url("site", "json"))["items"]
    assert item["image"] == f"{SITE}/media/{NAME}"


@pytest.mark.parametrize("format", ["rss", "atom"])
def test_missing_image_file_gives_an_enclosure_of_unknown_size(client, media, format):
    with_image()
    [entry] = read(client, feed_url("site", format)).entries
    assert entry.enclosures[0].length == "0"


def test_missing_image_file_still_gives_a_valid_json_feed(client, media):
    with_image()
    assert read(client, feed_url("site", "json"))["items"][0]["image"].endswith(NAME)


def test_article_without_image_has_no_enclosure(client):
    make_article()
    [entry] = read(client, feed_url("site")).entries
    assert entry.enclosures == []
