"""Every public page is valid HTML by the Nu Html Checker (vnu)."""

import pytest

from . import vnu
from .pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_page_is_valid_html(page, response, html_errors):
    errors = html_errors[page]
    assert not errors, f"{len(errors)} vnu errors on {page.path}:\n" + "\n".join(
        map(vnu.describe, errors)
    )
