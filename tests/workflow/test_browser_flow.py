"""In headless Chromium: a piece goes from a contributor's draft, through review (returned
once with a note), to a managing editor's schedule, and appears on the site at its time."""

import os
import time
from datetime import timedelta
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.utils import timezone

from articles.models import Article, Status
from tests.browser import tools
from tests.builders import make_author

from .builders import CONTRIBUTOR, EDITOR, MANAGING_EDITOR, STEP, change_url, make_member

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402 - after the skip
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as shown  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

from tests.browser.browser import Browser  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw"
SCHEDULE_AHEAD = timedelta(seconds=8)


@pytest.fixture
def chromium():
    reasons = tools.missing("chromium", "chromedriver")
    if reasons and os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail("; ".join(reasons) + " (CI installs these: see .ci/run)")
    if reasons:
        pytest.skip("the workflow's browser test needs Chromium: " + "; ".join(reasons))
    browser = Browser(chromium=tools.locate("chromium"), chromedriver=tools.locate("chromedriver"))
    browser.driver.set_window_size(1280, 1600)
    yield browser.driver
    browser.quit()


@pytest.fixture
def site(live_server, settings):
    # The test server speaks plain http, where a Secure cookie would not come back.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.PAGE_CACHE_SECONDS = 600  # as in production: the piece must still show at its time
    return live_server.url


class Desk:
    """One browser, signed in as one person after another."""

    def __init__(self, driver, site):
        self.driver, self.site = driver, site
        self.wait = WebDriverWait(driver, 10)

    def sign_in(self, username):
        self.driver.delete_all_cookies()
        self.driver.get(f"{self.site}/admin/login/")
        self.driver.find_element(By.NAME, "username").send_keys(username)
        self.driver.find_element(By.NAME, "password").send_keys(PASSWORD, Keys.ENTER)
        self.wait.until(shown.presence_of_element_located((By.ID, "desk-heading")))

    def open(self, article):
        self.driver.get(self.site + change_url(article))

    def type(self, name, text):
        field = self.driver.find_element(By.NAME, name)
        field.clear()
        field.send_keys(text)

    def type_body(self, text, *, new_paragraph=True):
        editor = ".field-body .ProseMirror[contenteditable=true]"
        self.driver.find_element(By.CSS_SELECTOR, editor).click()
        typing = self.driver.switch_to.active_element
        typing.send_keys(Keys.CONTROL, Keys.END)
        typing.send_keys(*([Keys.ENTER] if new_paragraph else []), text)

    def pick_author(self, name):
        self.driver.find_element(By.CSS_SELECTOR, ".field-author .select2-selection").click()
        search = self.driver.find_element(
            By.CSS_SELECTOR, ".select2-container--open .select2-search__field"
        )
        search.send_keys(name)
        option = (By.CSS_SELECTOR, ".select2-results__option--highlighted")
        self.wait.until(shown.text_to_be_present_in_element(option, name))
        search.send_keys(Keys.ENTER)

    def press(self, step):
        self.driver.find_element(By.CSS_SELECTOR, f'button[name="{STEP}"][value="{step}"]').click()
        self.wait.until(shown.presence_of_element_located((By.CSS_SELECTOR, ".messagelist")))
        return self.driver.find_element(By.CSS_SELECTOR, ".messagelist").text


def status_of(url):
    try:
        with urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except HTTPError as error:
        return error.code, ""


def test_a_piece_goes_from_draft_through_review_to_the_site_at_its_time(chromium, site):
    for username, role in [("cora", CONTRIBUTOR), ("eddie", EDITOR), ("maya", MANAGING_EDITOR)]:
        make_member(role, username=username)
    make_author(name="Aigerim Sadykova")
    desk = Desk(chromium, site)

    # A contributor writes the piece and submits it.
    desk.sign_in("cora")
    chromium.get(f"{site}/admin/articles/article/add/")
    desk.type("headline", "Water rights on the Syr Darya")
    desk.type("standfirst", "Who gets the river in a dry year.")
    desk.type_body("Upstream dams hold back the spring flood.", new_paragraph=False)
    desk.pick_author("Aigerim")
    assert "submitted for review" in desk.press("submit")
    article = Article.objects.get()
    assert article.status == Status.REVIEW
    assert [str(b.author) for b in article.bylines.all()] == ["Aigerim Sadykova"]

    # An editor returns it with a note.
    desk.sign_in("eddie")
    desk.open(article)
    desk.type("workflow-note", "Say what happens downstream, too.")
    assert "returned to the contributor" in desk.press("return")

    # The contributor reads the note, revises and resubmits.
    desk.sign_in("cora")
    assert "Say what happens downstream, too." in chromium.page_source  # on the desk
    desk.open(article)
    desk.type_body("Downstream, the cotton fields go dry.")
    assert "submitted for review" in desk.press("submit")

    # The editor approves it.
    desk.sign_in("eddie")
    desk.open(article)
    assert "approved" in desk.press("approve")

    # The managing editor schedules it a few seconds ahead.
    desk.sign_in("maya")
    desk.open(article)
    at = timezone.localtime() + SCHEDULE_AHEAD
    desk.type("workflow-at_0", f"{at:%Y-%m-%d}")
    desk.type("workflow-at_1", f"{at:%H:%M:%S}")
    assert "scheduled" in desk.press("schedule")

    # Readers: nothing before its time, the piece once it has come.
    article.refresh_from_db()
    assert article.is_scheduled
    assert "Downstream, the cotton fields go dry." in article.body
    page = site + article.get_absolute_url()
    assert status_of(page)[0] == 404
    assert "Water rights on the Syr Darya" not in status_of(site + "/")[1]
    deadline = time.monotonic() + SCHEDULE_AHEAD.total_seconds() + 10
    while status_of(page)[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    status, text = status_of(page)
    assert status == 200
    assert "Downstream, the cotton fields go dry." in text
    assert "Water rights on the Syr Darya" in status_of(site + "/")[1]
