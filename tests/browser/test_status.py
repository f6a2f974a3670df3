"""Every checked page answers with the status its readers should get, as an HTML page whose
stylesheets load (the accessibility checks judge colours and sizes from them)."""

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from .pages import PAGES
from .server import fetch

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_page_answers_its_status_as_html(page, responses):
    response = responses[page]
    if page.not_built_yet and response.status == 404:
        pytest.skip(f"{page.path} is not built yet (it answers 404)")
    assert response.status == page.status, f"{page.path} answered {response.status}"
    assert response.content_type == "text/html"


class Stylesheets(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.hrefs = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.hrefs.append(attrs.get("href"))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.path)
def test_page_stylesheets_load(page, response, site):
    url = site + page.path
    for href in Stylesheets(response.body.decode()).hrefs:
        stylesheet = fetch(urljoin(url, href))
        answer = (stylesheet.status, stylesheet.content_type)
        assert answer == (200, "text/css"), f"stylesheet {href} answered {answer}"
