"""Key terms are linked on their first mention, in text only, never breaking markup."""

from articles.keyterms import Term, link_key_terms

CORRIDOR = Term(names=("Middle Corridor", "TITR"), href="/dossiers/d/#term-middle-corridor")
CPC = Term(names=("Caspian Pipeline Consortium", "CPC"), href="/dossiers/d/#term-cpc")


def _link(text, href):
    return f'<a class="term" href="{href}">{text}</a>'


def test_first_mention_only_is_linked():
    html = "<p>The Middle Corridor grows.</p><p>The Middle Corridor again.</p>"
    out = link_key_terms(html, [CORRIDOR])
    assert out == (
        f"<p>The {_link('Middle Corridor', CORRIDOR.href)} grows.</p>"
        "<p>The Middle Corridor again.</p>"
    )


def test_any_of_the_names_counts_as_the_first_mention():
    out = link_key_terms("<p>The TITR, or Middle Corridor.</p>", [CORRIDOR])
    assert out == f"<p>The {_link('TITR', CORRIDOR.href)}, or Middle Corridor.</p>"


def test_phrases_match_in_any_case_acronyms_exactly():
    out = link_key_terms("<p>middle corridor and cpc, then CPC.</p>", [CORRIDOR, CPC])
    assert _link("middle corridor", CORRIDOR.href) in out
    assert f"cpc, then {_link('CPC', CPC.href)}." in out


def test_whole_words_only():
    assert link_key_terms("<p>CPCs and TITRE</p>", [CORRIDOR, CPC]) == "<p>CPCs and TITRE</p>"


def test_never_inside_an_existing_link():
    html = '<p><a href="https://x.org/">Middle Corridor</a> and the Middle Corridor.</p>'
    out = link_key_terms(html, [CORRIDOR])
    assert out == (
        '<p><a href="https://x.org/">Middle Corridor</a> and the '
        f"{_link('Middle Corridor', CORRIDOR.href)}.</p>"
    )


def test_never_inside_a_heading():
    html = "<h2>The Middle Corridor</h2><p>Middle Corridor</p>"
    out = link_key_terms(html, [CORRIDOR])
    assert out == f"<h2>The Middle Corridor</h2><p>{_link('Middle Corridor', CORRIDOR.href)}</p>"


def test_never_inside_an_attribute():
    html = '<p><a href="https://x.org/" title="Middle Corridor">more</a> text</p>'
    assert link_key_terms(html, [CORRIDOR]) == html


def test_markup_and_entities_survive():
    html = "<p>A &amp; B &lt;tag&gt; <strong>Middle <em>Corridor</em></strong><br>end</p>"
    assert link_key_terms(html, [CORRIDOR]) == html


def test_the_longest_name_wins():
    short = Term(names=("Corridor",), href="/short")
    out = link_key_terms("<p>The Middle Corridor.</p>", [short, CORRIDOR])
    assert out == f"<p>The {_link('Middle Corridor', CORRIDOR.href)}.</p>"


def test_a_term_two_dossiers_define_is_linked_once():
    twin = Term(names=("Middle Corridor",), href="/dossiers/other/#term-middle-corridor")
    out = link_key_terms("<p>Middle Corridor, Middle Corridor.</p>", [CORRIDOR, twin])
    assert out.count("<a ") == 1


def test_regex_characters_in_a_name_are_literal():
    odd = Term(names=("C++ (lang)",), href="/x")
    assert (
        link_key_terms("<p>C++ (lang) rules</p>", [odd])
        == f"<p>{_link('C++ (lang)', '/x')} rules</p>"
    )


def test_nothing_to_do():
    assert link_key_terms("", [CORRIDOR]) == ""
    assert link_key_terms("<p>Text</p>", []) == "<p>Text</p>"
