"""On the public site, staff preview only the pieces they may work on."""

import pytest

from tests.builders import make_article
from tests.workflow.builders import CONTRIBUTOR, EDITOR, make_member, signed_in

pytestmark = pytest.mark.django_db


def test_a_contributor_previews_their_own_draft_but_not_anothers():
    cora = make_member(CONTRIBUTOR, username="cora")
    otto = make_member(CONTRIBUTOR, username="otto")
    mine = make_article(live=False, owner=cora)
    theirs = make_article(live=False, owner=otto)
    client = signed_in(cora)
    assert client.get(mine.get_absolute_url()).status_code == 200
    for path in (theirs.get_absolute_url(), f"{theirs.get_absolute_url()}cite.bib"):
        assert client.get(path).status_code == 404


def test_an_editor_previews_any_piece_and_its_citation_is_never_cached():
    editor = make_member(EDITOR, username="eda")
    draft = make_article(live=False)
    client = signed_in(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200
    citation = client.get(f"{draft.get_absolute_url()}cite.ris")
    assert citation.status_code == 200
    assert "no-store" in citation["Cache-Control"] or "no-cache" in citation["Cache-Control"]
