"""Rich text is sanitised against one allowlist when it is saved."""

import pytest

from outlet.richtext import count_words, sanitise
from tests.builders import make_article, make_dossier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "dirty",
    [
        "<p>ok</p><script>alert(1)</script>",
        '<p onclick="alert(1)">ok</p>',
        '<p><a href="javascript:alert(1)">ok</a></p>',
        '<p><img src=x onerror="alert(1)">ok</p>',
        '<p><a href="data:text/html;base64,PHNjcmlwdD4=">ok</a></p>',
        "<p><svg><script>alert(1)</script></svg>ok</p>",
        '<p style="background:url(javascript:alert(1))">ok</p>',
        "<iframe src=//evil.example></iframe><p>ok</p>",
    ],
)
def test_dangerous_markup_is_removed_on_save(dirty):
    article = make_article(body=dirty)
    article.refresh_from_db()
    lowered = article.body.lower()
    for marker in ("<script", "onclick", "onerror", "javascript:", "data:", "<iframe", "style="):
        assert marker not in lowered
    assert "ok" in article.body


def test_allowed_markup_is_kept():
    html = (
        "<h2>Heading</h2><p><strong>Bold</strong>, <em>italic</em> and "
        '<a href="https://example.org/">a link</a>.</p><ul><li>one</li></ul>'
        "<ol><li>two</li></ol><blockquote><p>quote</p></blockquote>"
    )
    cleaned = sanitise(html)
    for tag in ("<h2>", "<strong>", "<em>", '<a href="https://example.org/"', "<ul>", "<ol>",
                "<blockquote>"):  # fmt: skip
        assert tag in cleaned


def test_word_processor_paste_comes_out_clean():
    pasted = (
        '<p class="MsoNormal" style="margin:0cm"><span lang="EN-GB" style="font-size:12pt">'
        "Text<o:p></o:p></span></p>"
    )
    assert sanitise(pasted) == "<p>Text</p>"


def test_dossier_introduction_is_sanitised():
    dossier = make_dossier(introduction="<p>Intro</p><script>x()</script>")
    dossier.refresh_from_db()
    assert dossier.introduction == "<p>Intro</p>"


def test_an_empty_editor_document_is_stored_empty():
    assert sanitise("<p></p>") == ""


def test_word_count_and_reading_time_are_derived_from_the_body():
    article = make_article(body="<p>" + "word " * 460 + "</p>")
    assert article.word_count == 460
    assert article.reading_time == 2
    assert count_words("<p>Armenia–Azerbaijan’s peace, re-opened</p>") == 4
