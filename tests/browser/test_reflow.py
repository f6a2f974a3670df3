"""Every public page reads at 320 CSS px without scrolling sideways (WCAG 1.4.10 Reflow)."""

import pytest

from .browser import NARROWEST
from .pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_page_fits_320_px_without_sideways_scrolling(page, response, site, browser):
    culprits = browser.overflowing(site + page.path, NARROWEST)
    assert not culprits, f"{page.path} scrolls sideways at 320px: " + ", ".join(culprits)
