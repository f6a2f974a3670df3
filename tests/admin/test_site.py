"""The admin's frame: the outlet's name, and "view on site" for what readers can see."""

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.admin.builders import change_url
from tests.builders import make_article, make_author, make_dossier

pytestmark = pytest.mark.django_db


def test_the_header_and_title_name_the_outlet(editor_client, settings):
    response = editor_client.get("/admin/")
    assert f"<title>Editorial desk | {settings.OUTLET_NAME} editors</title>" in response.text
    assert f"{settings.OUTLET_NAME} editors</a>" in response.text


@pytest.mark.parametrize("make", [make_article, make_author, make_dossier])
def test_view_on_site_leads_to_the_public_address(editor_client, make):
    obj = make()
    content_type = ContentType.objects.get_for_model(obj)
    link = f"/admin/r/{content_type.pk}/{obj.pk}/"

    assert link in editor_client.get(change_url(obj)).text
    response = editor_client.get(link)
    assert response.status_code == 302
    assert response["Location"].endswith(obj.get_absolute_url())
