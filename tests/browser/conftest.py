"""Shared by the browser checks: one seeded live site, one Chromium, one vnu run.

Everything here lives as long as the tests/browser package, so a run costs one seed load,
one browser start and one JVM start however many pages are checked.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from . import tools, vnu
from .browser import Browser
from .pages import PAGES
from .server import fetch, live_site

# A document with known faults: proves vnu reports errors rather than finding nothing.
INVALID_HTML = b'<!doctype html><html lang="en"><title>x</title><p><div></p><img src="x.png">'


def require(*names):
    """The tools' paths; skip (fail in CI, which installs them) when any is missing."""
    reasons = tools.missing(*names)
    if reasons and os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail("; ".join(reasons) + " (CI installs these: see .ci/run)")
    if reasons:
        pytest.skip("; ".join(reasons))
    return [tools.locate(name) for name in names]


def is_test_database():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return True
    return Path(connection.settings_dict["NAME"]).name.startswith("test_")


@pytest.fixture(scope="package")
def site(django_db_setup, django_db_blocker):
    """Base URL of a live server over the test database with the seed loaded.

    Each test here is marked django_db, so pytest-django sets the test database up (and
    rolls back whatever a test writes); the seed is committed once, below, for them all.
    """
    assert is_test_database(), "refusing to seed, then flush, a database not made for tests"
    with django_db_blocker.unblock():
        # Rows that migrations made (and flush would lose) are put back afterwards.
        snapshot = connection.creation.serialize_db_to_string()
        call_command("load_seed", verbosity=0)
        try:
            with live_site() as url:
                yield url
        finally:
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(snapshot)
            cache.clear()


@pytest.fixture(scope="package")
def responses(site):
    """Each page's response, fetched once."""
    return {page: fetch(site + page.path) for page in PAGES}


@pytest.fixture(scope="package")
def vnu_tools():
    return require("java", "vnu.jar")


@pytest.fixture(scope="package")
def html_errors(vnu_tools, responses):
    """vnu's errors for every page (and the known-invalid document), from one run."""
    documents = {page: response.body for page, response in responses.items()}
    return vnu.check(*vnu_tools, {**documents, "invalid": INVALID_HTML})


@pytest.fixture(scope="package")
def browser():
    chromium, chromedriver, axe_js = require("chromium", "chromedriver", "axe.min.js")
    browser = Browser(chromium=chromium, chromedriver=chromedriver, axe_js=axe_js)
    yield browser
    browser.quit()


@pytest.fixture
def response(page, responses):
    """The page's response; its checks are skipped while it does not answer as it should
    (its status test says why)."""
    response = responses[page]
    if response.status == page.status:
        return response
    if page.not_built_yet and response.status == 404:
        pytest.skip(f"{page.path} is not built yet (it answers 404)")
    pytest.skip(f"{page.path} answers {response.status}, not {page.status}: see its status test")
