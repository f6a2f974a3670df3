"""Every public page has no serious or critical axe-core violation (WCAG 2.2 AA rules),
at 1280px in the light and the dark colour scheme, and at 390px, a phone's width."""

import pytest

from .browser import MODES, describe
from .pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.name)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_page_has_no_serious_accessibility_violations(page, mode, response, site, browser):
    violations = browser.serious_violations(site + page.path, mode)
    assert not violations, f"axe on {page.path} ({mode}):\n" + "\n".join(map(describe, violations))
