"""The reading column holds 60-72 characters a line (LOOK.md), and what sits under it on
the home page lines up with it."""

import pytest

from .browser import MODES
from .pages import SEED_ARTICLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
DESK = next(mode for mode in MODES if mode.name == "desk")


def test_an_articles_lines_hold_60_to_72_characters(site, browser):
    lengths = browser.line_lengths(site + SEED_ARTICLE, DESK, ".prose p")
    assert lengths, "no paragraphs"
    average = sum(lengths) / len(lengths)
    assert 60 <= average <= 72, f"{average:.0f} characters a line: {lengths}"


def test_the_home_pages_column_and_its_last_link_line_up(site, browser):
    edges = browser.left_edges(site + "/", DESK, ".home-latest, main > .more-link")
    assert len(edges) == 2 and len(set(edges)) == 1, edges
