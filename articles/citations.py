"""How to cite an article: Chicago-style text for the page, BibTeX and RIS to download.

Each cites the article's short permanent address (`/a/<id>/`), which survives slug changes.
"""

import re
import unicodedata
from html import escape

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from outlet.pagemeta import absolute

from .models import Article, BylineRole, Kind

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}
_LATEX = re.compile("|".join(re.escape(ch) for ch in _LATEX_SPECIALS))
# Particles that belong to the family name: "Ursula von der Leyen" files under "von der Leyen".
_PARTICLES = {"al", "da", "de", "del", "della", "der", "di", "du", "la", "le", "van", "von"}


def family_first(name: str) -> str:
    """'Ibrahim Mammadov' → 'Mammadov, Ibrahim', the order bibliographies sort by."""
    words = name.split()
    if len(words) < 2:
        return name.strip()
    split = len(words) - 1
    while split > 1 and words[split - 1].lower() in _PARTICLES:
        split -= 1
    return f"{' '.join(words[split:])}, {' '.join(words[:split])}"


def _names(article: Article, role: str, bylines=None) -> list[str]:
    bylines = article.bylines.all() if bylines is None else bylines
    return [byline.author.name for byline in bylines if byline.role == role]


def _date(article: Article):
    return timezone.localtime(article.published_at).date() if article.published_at else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _chicago_authors(names: list[str]) -> str:
    """First author inverted, the rest as written; Chicago's serial comma; et al. past ten."""
    if len(names) > 10:
        names = [*names[:7], "et al."]
    listed = [family_first(names[0]), *names[1:]]
    if len(listed) == 1:
        return listed[0]
    if len(listed) == 2:
        return f"{listed[0]}, and {listed[1]}"
    if listed[-1] == "et al.":
        return f"{', '.join(listed[:-1])}, et al"
    return f"{', '.join(listed[:-1])}, and {listed[-1]}"


def chicago(article: Article, *, bylines=None) -> SafeString:
    """'Mammadov, Ibrahim. “Headline.” <i>Outlet</i>, 15 August 2025. https://…/a/1/.'

    `bylines`, with their authors, when the caller has them already. (Each value escaped
    here, the whole marked safe once: format_html() for each part cost the article page
    a tenth of its view.)"""
    parts = []
    if authors := _names(article, BylineRole.AUTHOR, bylines):
        parts.append(f"{escape(_chicago_authors(authors).rstrip('.'))}. ")
    headline = article.headline.strip()
    ending = "" if headline.endswith(("?", "!", ".")) else "."
    parts.append(f"“{escape(headline)}{ending}” ")
    for role, verb in ((BylineRole.TRANSLATOR, "Translated"), (BylineRole.EDITOR, "Edited")):
        if names := _names(article, role, bylines):
            parts.append(f"{verb} by {escape(' and '.join(names))}. ")
    published = _date(article)
    date = f"{published.day} {published:%B %Y}" if published else "n.d."
    parts.append(f"<i>{escape(settings.OUTLET_NAME)}</i>, {date}. ")
    parts.append(f"{escape(absolute(article.get_short_url()))}.")
    if article.original_publication:
        parts.append(f" Originally published in <i>{escape(article.original_publication)}</i>.")
    return mark_safe("".join(parts))


def _latex(text: str) -> str:
    return _LATEX.sub(lambda match: _LATEX_SPECIALS[match.group()], _one_line(text))


def cite_key(article: Article) -> str:
    authors = _names(article, BylineRole.AUTHOR)
    family = family_first(authors[0]).split(",")[0] if authors else settings.OUTLET_NAME
    published = _date(article)
    words = [w for w in re.findall(r"\w+", article.headline) if len(w) > 3] or ["article"]
    key = f"{family}{published.year if published else ''}{words[0]}"
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_key.lower()) or f"article{article.pk}"


def bibtex(article: Article) -> str:
    fields = []
    for role, field in (
        (BylineRole.AUTHOR, "author"),
        (BylineRole.TRANSLATOR, "translator"),
        (BylineRole.EDITOR, "editor"),
    ):
        if names := _names(article, role):
            fields.append((field, " and ".join(_latex(family_first(n)) for n in names)))
    # Double braces keep the headline's capitals as written.
    fields.append(("title", "{" + _latex(article.headline) + "}"))
    fields.append(("journal", _latex(settings.OUTLET_NAME)))
    if published := _date(article):
        fields += [("year", str(published.year)), ("date", published.isoformat())]
    fields.append(("url", absolute(article.get_short_url())))
    if article.original_publication:
        fields.append(("note", "Originally published in " + _latex(article.original_publication)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{cite_key(article)},\n{body}\n}}\n"


def ris(article: Article) -> str:
    """RIS lines, CRLF-terminated as the format asks."""
    lines = [("TY", "RPRT" if article.kind == Kind.REPORT else "NEWS")]
    for role, tag in (
        (BylineRole.AUTHOR, "AU"),
        (BylineRole.TRANSLATOR, "A4"),
        (BylineRole.EDITOR, "ED"),
    ):
        lines += [(tag, family_first(name)) for name in _names(article, role)]
    lines += [("TI", article.headline), ("T2", settings.OUTLET_NAME)]
    if published := _date(article):
        lines += [("PY", str(published.year)), ("DA", f"{published:%Y/%m/%d}/")]
    lines += [
        ("UR", absolute(article.get_short_url())),
        ("AB", article.standfirst),
        ("LA", settings.OUTLET_LANGUAGE),
        ("PB", settings.OUTLET_NAME),
    ]
    lines += [("KW", tag.name) for tag in article.tags.all()]
    if article.original_publication:
        lines.append(("N1", f"Originally published in {article.original_publication}"))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)
