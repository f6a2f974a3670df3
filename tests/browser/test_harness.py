"""The checks really check: each catches a fault planted in a page of its own."""

import pytest

from .browser import MODES, NARROWEST

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
DESK, DESK_DARK, PHONE = MODES
PAGE = """<!doctype html><html lang="en"><title>Planted fault</title>{viewport}
<style>{style}</style><main><h1>Planted fault</h1><p>A paragraph.</p></main>"""
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


@pytest.fixture
def planted(tmp_path):
    def plant(style="", viewport=VIEWPORT):
        path = tmp_path / "planted.html"
        path.write_text(PAGE.format(style=style, viewport=viewport), encoding="utf-8")
        return path.as_uri()

    return plant


def test_vnu_reports_invalid_html(html_errors):
    messages = " ".join(error["message"] for error in html_errors["invalid"])
    assert "alt" in messages
    assert "No “p” element in scope" in messages


def test_axe_reports_low_contrast_only_in_dark_mode(browser, planted):
    url = planted("@media (prefers-color-scheme: dark) { body { color: #333; background: #000 } }")
    assert browser.serious_violations(url, DESK) == []
    dark = browser.serious_violations(url, DESK_DARK)
    assert [violation["id"] for violation in dark] == ["color-contrast"]


def test_phone_mode_is_390_css_pixels_wide(browser, planted):
    browser.open(planted(), PHONE)
    assert browser.driver.execute_script("return window.innerWidth") == 390


def test_reflow_check_names_what_sticks_out(browser, planted):
    assert browser.overflowing(planted(), NARROWEST) == []
    [culprit] = browser.overflowing(planted("main { width: 500px }"), NARROWEST)
    assert culprit.startswith("main (right edge at 50")


def test_reflow_check_reports_a_missing_viewport(browser, planted):
    [culprit] = browser.overflowing(planted(viewport=""), NARROWEST)
    assert "viewport" in culprit
