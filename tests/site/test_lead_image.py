"""The lead image: sized, captioned and credited, and the share card's picture."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.builders import make_article

from . import reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def pictured(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), "grey").save(buffer, format="JPEG")
    article = make_article(
        lead_image_alt="Ministers at a table in Almaty",
        lead_image_caption="The foreign ministers in Almaty.",
        lead_image_credit="Photo: Press service",
    )
    article.lead_image.save("almaty.jpg", ContentFile(buffer.getvalue()))
    return article


def test_lead_image_has_its_size_alt_caption_and_credit(client, pictured):
    response = client.get(pictured.get_absolute_url())
    html = response.content.decode()
    assert f'src="{pictured.lead_image.url}"' in html
    assert 'alt="Ministers at a table in Almaty" width="1200" height="800"' in html
    assert "The foreign ministers in Almaty. Photo: Press service" in reading.text(response)


def test_lead_image_is_the_share_picture(client, pictured, settings):
    response = client.get(pictured.get_absolute_url())
    image = f"{settings.SITE_URL}{pictured.lead_image.url}"
    assert reading.meta(response, "og:image") == [image]
    assert reading.meta(response, "twitter:card") == ["summary_large_image"]
    assert reading.jsonld(response)[0]["image"] == image


def test_media_on_another_host_is_used_as_it_is(client, pictured, settings):
    settings.MEDIA_URL = "https://media.example/"
    response = client.get(pictured.get_absolute_url())
    assert reading.meta(response, "og:image") == [
        f"https://media.example/{pictured.lead_image.name}"
    ]
