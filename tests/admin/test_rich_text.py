"""The rich-text editor loads in the admin: its assets exist and the page's policy lets
its import map (an inline script) run."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.admin.builders import ADD_ARTICLE, change_url
from tests.builders import make_article, make_dossier

pytestmark = pytest.mark.django_db

EDITOR_ASSETS = re.compile(r'(?:src|href)="/static/(django_prose_editor/[^"]+)"')
IMPORT_MAP = re.compile(r'<script[^>]*type="importmap"[^>]*>')
NONCE = re.compile(r'nonce="([^"]+)"')


def editor_pages():
    return [ADD_ARTICLE, change_url(make_article()), change_url(make_dossier())]


def test_the_editors_assets_are_on_the_page_and_exist(editor_client):
    for page in editor_pages():
        assets = EDITOR_ASSETS.findall(editor_client.get(page).text)
        assert {"django_prose_editor/editor.js", "django_prose_editor/editor.css"} <= set(assets)
        assert all(finders.find(asset) for asset in assets), assets


def test_the_import_map_carries_a_nonce_the_policy_allows(editor_client):
    for page in editor_pages():
        response = editor_client.get(page)
        nonce = NONCE.search(IMPORT_MAP.search(response.text).group(0)).group(1)
        script_src = next(
            d for d in response["Content-Security-Policy"].split("; ") if d.startswith("script-src")
        )
        assert f"'nonce-{nonce}'" in script_src.split()
        assert "'unsafe-inline'" not in script_src


def test_each_page_gets_its_own_nonce(editor_client):
    page = change_url(make_article())
    policies = {editor_client.get(page)["Content-Security-Policy"] for _ in range(2)}
    assert len(policies) == 2
