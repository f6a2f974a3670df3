"""Link a dossier's key terms where an article's body first mentions them.

The body is sanitised HTML (outlet.richtext). It is walked as markup, and only text nodes
are touched, so a term is never linked inside an existing link or a heading, and a
replacement can never break a tag or an attribute.
"""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

# Text inside these is left alone: no link inside a link, no link in a heading.
_SKIP = {"a", "h2", "h3", "h4"}


@dataclass(frozen=True)
class Term:
    names: tuple[str, ...]  # every phrase that refers to the term, the main one first
    href: str


def _pattern(name: str) -> str:
    # Acronyms ("CPC", "OSCE") must match their case; phrases may start a sentence.
    phrase = re.escape(name)
    return phrase if name.isupper() else f"(?i:{phrase})"


def _regex(terms: list[Term]) -> re.Pattern | None:
    names = sorted(
        ((name, n) for n, term in enumerate(terms) for name in term.names if name.strip()),
        key=lambda pair: -len(pair[0]),
    )
    if not names:
        return None
    alternatives = "|".join(f"(?P<t{n}_{i}>{_pattern(name)})" for i, (name, n) in enumerate(names))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


class _Linker(HTMLParser):
    def __init__(self, terms: list[Term]):
        super().__init__(convert_charrefs=True)
        self.pending = list(terms)
        self.regex = _regex(self.pending)
        self.out: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping.append(tag)
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skipping or self.regex is None:
            self.out.append(escape(data, quote=False))
            return
        self.out.append(self._link(data))

    def _link(self, text: str) -> str:
        pieces, start = [], 0
        while self.regex and (match := self.regex.search(text, start)):
            index = int(match.lastgroup[1:].split("_")[0])
            term = self.pending[index]
            pieces.append(escape(text[start : match.start()], quote=False))
            pieces.append(
                f'<a class="term" href="{escape(term.href)}">'
                f"{escape(match.group(), quote=False)}</a>"
            )
            start = match.end()
            # A term two dossiers both define is linked once, to the first dossier's entry.
            said = {name.lower() for name in term.names}
            self.pending = [t for t in self.pending if said.isdisjoint(n.lower() for n in t.names)]
            self.regex = _regex(self.pending)
        pieces.append(escape(text[start:], quote=False))
        return "".join(pieces)


def link_key_terms(html: str, terms: list[Term]) -> str:
    """`html` with the first mention of each term linked to `term.href`; one link per term."""
    if not html or not terms:
        return html
    linker = _Linker(terms)
    linker.feed(html)
    linker.close()
    return "".join(linker.out)
