"""In headless Chromium: the rich-text toolbar and the tag picker start on the article page,
and every asset the page asks for loads."""

import shutil
from pathlib import Path

import pytest

from tests.admin.builders import change_url
from tests.builders import make_article

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.keys import Keys  # noqa: E402 - after the skip
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

from tests.browser import browser as browser_flags  # noqa: E402 - imports selenium too

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_FLAGS = [*browser_flags.CHROMIUM_FLAGS, "--window-size=1280,2400"]
FAILED_ASSETS = "return performance.getEntriesByType('resource')"
FAILED_ASSETS += ".filter((e) => e.responseStatus >= 400).map((e) => e.name)"
IDLE = "return django.jQuery.active === 0"


@pytest.fixture
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not (chromium and chromedriver):
        pytest.skip("needs chromium and chromedriver: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(chromedriver))
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture
def signed_in(browser, live_server, settings, django_user_model):
    # The test server speaks plain http, where a Secure cookie would not come back.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    django_user_model.objects.create_superuser(username="editor", password="pw")
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element("name", "username").send_keys("editor")
    browser.find_element("name", "password").send_keys("pw")
    browser.find_element("css selector", "input[type=submit]").click()
    # The test server shares one SQLite connection with the test: the sign-in must have
    # finished (its session saved) before the test writes anything of its own.
    WebDriverWait(browser, 10).until(lambda d: d.find_elements("id", "desk-heading"))
    return browser


def test_the_article_page_starts_the_editor_and_the_tag_picker(signed_in, live_server, tmp_path):
    article = make_article(tags=["Energy"])

    signed_in.get(live_server.url + change_url(article))

    toolbar = signed_in.find_element("css selector", ".field-body .prose-menubar")
    assert len(toolbar.find_elements("css selector", ".prose-menubar__button")) >= 10
    document = signed_in.find_element(
        "css selector", ".field-body .ProseMirror[contenteditable=true]"
    )
    assert document.get_attribute("textContent").startswith("Body of article")
    assert signed_in.find_element("css selector", ".field-tags .select2-container")
    assert signed_in.execute_script(FAILED_ASSETS) == []
    assert signed_in.save_screenshot(str(Path(tmp_path) / "article-change.png"))


def test_the_tag_picker_offers_existing_tags_and_makes_new_ones(signed_in, live_server):
    make_article(tags=["Water"])
    article = make_article(tags=[])
    signed_in.get(live_server.url + change_url(article))

    signed_in.find_element("css selector", ".field-tags .select2-selection").click()
    search = signed_in.find_element("css selector", ".field-tags .select2-search__field")
    search.send_keys("wat")
    WebDriverWait(signed_in, 5).until(lambda d: "Water" in offered(d))
    search.send_keys(Keys.ENTER)
    search.send_keys("Syr Darya,")
    # The test server shares one SQLite connection: let the picker's requests finish first.
    WebDriverWait(signed_in, 5).until(lambda d: d.execute_script(IDLE))
    signed_in.find_element("name", "_continue").click()

    WebDriverWait(signed_in, 5).until(lambda d: d.find_elements("css selector", ".messagelist"))
    assert sorted(article.tags.names()) == ["Syr Darya", "Water"]


def offered(driver):
    return [e.text for e in driver.find_elements("css selector", ".select2-results__option")]
