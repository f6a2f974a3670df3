"""Cite this article: BibTeX and RIS downloads, and the Chicago-style text."""

import pytest
from django.urls import reverse

from articles.citations import chicago, family_first
from articles.models import Article, Byline, BylineRole
from tests.builders import make_article, make_author

from .builders import make_hidden_article

pytestmark = pytest.mark.django_db

SEED = "kazakhstans-role-in-the-armenia-azerbaijan-peace-process"


def _get(client, name, slug=SEED):
    return client.get(reverse(f"articles:{name}", kwargs={"slug": slug}))


def test_bibtex_download(seed, client, settings):
    response = _get(client, "cite_bibtex")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{SEED}.bib"'
    article = Article.objects.get(slug=SEED)
    assert response.content.decode() == (
        "@article{mammadov2025kazakhstan,\n"
        "  author = {Mammadov, Ibrahim},\n"
        "  title = {{Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process}},\n"
        f"  journal = {{{settings.OUTLET_NAME}}},\n"
        "  year = {2025},\n"
        "  date = {2025-08-15},\n"
        f"  url = {{{settings.SITE_URL}/a/{article.pk}/}},\n"
        "  note = {Originally published in The Astana Times}\n"
        "}\n"
    )


def test_ris_download(seed, client, settings):
    response = _get(client, "cite_ris")
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{SEED}.ris"'
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - NEWS"
    assert "AU  - Mammadov, Ibrahim" in lines
    assert "TI  - Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process" in lines
    assert f"T2  - {settings.OUTLET_NAME}" in lines
    assert "DA  - 2025/08/15/" in lines
    assert "KW  - South Caucasus" in lines
    assert lines[-2:] == ["ER  - ", ""]


def test_bibtex_escapes_latex_specials(client):
    article = make_article(headline="Tax & spend: 50% of {GDP}_2025")
    body = _get(client, "cite_bibtex", article.slug).content.decode()
    assert r"title = {{Tax \& spend: 50\% of \{GDP\}\_2025}}" in body


def test_ris_keeps_each_value_on_one_line(client):
    article = make_article(standfirst="One line.\nAnother line.")
    body = _get(client, "cite_ris", article.slug).content.decode()
    assert "AB  - One line. Another line.\r\n" in body


@pytest.mark.parametrize("name", ["cite_bibtex", "cite_ris"])
def test_citations_of_hidden_articles_are_404(client, name):
    assert _get(client, name, make_hidden_article("draft").slug).status_code == 404


def test_chicago_lists_two_authors_and_a_translator():
    article = make_article(
        headline="Is it over?",
        authors=[make_author(name="Jane Doe"), make_author(name="Ursula von der Leyen")],
    )
    translator = make_author(name="Tom Trans")
    Byline.objects.create(article=article, author=translator, role=BylineRole.TRANSLATOR)
    text = str(chicago(article))
    assert text.startswith(
        "Doe, Jane, and Ursula von der Leyen. “Is it over?” Translated by Tom Trans."
    )


@pytest.mark.parametrize(
    ("name", "filed"),
    [
        ("Ibrahim Mammadov", "Mammadov, Ibrahim"),
        ("Ursula von der Leyen", "von der Leyen, Ursula"),
        ("Plato", "Plato"),
    ],
)
def test_family_name_first(name, filed):
    assert family_first(name) == filed


def test_chicago_escapes_html():
    article = make_article(headline="<b>Bold</b> claims")
    assert "&lt;b&gt;Bold&lt;/b&gt; claims" in str(chicago(article))
