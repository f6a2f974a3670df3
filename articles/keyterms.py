"""Link a dossier's key terms where an article's body first mentions them.

The body is sanitised HTML (outlet.richtext): nh3 writes every tag whole, attributes in
double quotes, and "<" and ">" in text as entities, no comments. So the body splits
cleanly into tags and text with one regular expression, and only text is touched: a term
is never linked inside an existing link or a heading, and a replacement can never break a
tag or an attribute.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape

# Text inside these is left alone: no link inside a link, no link in a heading.
_SKIP = {"a", "h2", "h3", "h4"}
# A whole tag (an attribute value may hold ">"), its name captured; text lies between tags.
_TAG = re.compile(r'(<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^"\'>]|"[^"]*"|\'[^\']*\')*>)')


@dataclass(frozen=True)
class Term:
    names: tuple[str, ...]  # every phrase that refers to the term, the main one first
    href: str


def _pattern(name: str) -> str:
    # Acronyms ("CPC", "OSCE") must match their case; phrases may start a sentence.
    phrase = re.escape(name)
    return phrase if name.isupper() else f"(?i:{phrase})"


def _regex(terms: list[Term]) -> re.Pattern | None:
    return _compiled(tuple(term.names for term in terms))


@lru_cache(maxsize=512)
def _compiled(names_by_term: tuple[tuple[str, ...], ...]) -> re.Pattern | None:
    """One pattern for every name; group t<n>_<i> says it is a name of the n-th term. Made
    once per set of terms: a page is linked against the same few sets again and again."""
    names = sorted(
        ((name, n) for n, names in enumerate(names_by_term) for name in names if name.strip()),
        key=lambda pair: -len(pair[0]),
    )
    if not names:
        return None
    alternatives = "|".join(f"(?P<t{n}_{i}>{_pattern(name)})" for i, (name, n) in enumerate(names))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


class _Linker:
    def __init__(self, terms: list[Term]):
        self.pending = list(terms)
        self.regex = _regex(self.pending)

    def run(self, html: str) -> str:
        # re.split with _TAG's three groups: text, tag, "/", name, text, tag, …
        parts = _TAG.split(html)
        out, skipping = [parts[0] and self._text(parts[0])], []
        for n in range(1, len(parts), 4):
            tag, closing, name, text = parts[n : n + 4]
            name = name.lower()
            if closing:
                if skipping and skipping[-1] == name:
                    skipping.pop()
            elif name in _SKIP and not tag.endswith("/>"):
                skipping.append(name)
            out.append(tag)
            if text:
                out.append(text if skipping or self.regex is None else self._text(text))
        return "".join(out)

    def _text(self, raw: str) -> str:
        # Text without an entity is its own escaped form; with one, match the words it
        # stands for and escape again (as an HTML parser would have).
        if "&" not in raw:
            return self._link(raw, lambda text: text)
        return self._link(unescape(raw), lambda text: escape(text, quote=False))

    def _link(self, text: str, escaped) -> str:
        pieces, start = [], 0
        while self.regex and (match := self.regex.search(text, start)):
            index = int(match.lastgroup[1:].split("_")[0])
            term = self.pending[index]
            pieces.append(escaped(text[start : match.start()]))
            pieces.append(
                f'<a class="term" href="{escape(term.href)}">'
                f"{escape(match.group(), quote=False)}</a>"
            )
            start = match.end()
            # A term two dossiers both define is linked once, to the first dossier's entry.
            said = {name.lower() for name in term.names}
            self.pending = [t for t in self.pending if said.isdisjoint(n.lower() for n in t.names)]
            self.regex = _regex(self.pending)
        pieces.append(escaped(text[start:]))
        return "".join(pieces)


def link_key_terms(html: str, terms: list[Term]) -> str:
    """`html` with the first mention of each term linked to `term.href`; one link per term."""
    if not html or not terms:
        return html
    # Only terms the body names somewhere (in any case) can be linked; the others would
    # only slow every search down. Case-folding is at least as lenient as the pattern.
    text = unescape(html).casefold()
    named = [t for t in terms if any(n.strip() and n.casefold() in text for n in t.names)]
    if not named:
        return html
    return _Linker(named).run(html)
