import pytest

from .builders import CONTRIBUTOR, EDITOR, MANAGING_EDITOR, make_member, signed_in


@pytest.fixture
def contributor(db):
    return make_member(CONTRIBUTOR, username="cora", first_name="Cora", last_name="Writer")


@pytest.fixture
def other_contributor(db):
    return make_member(CONTRIBUTOR, username="otto", first_name="Otto", last_name="Other")


@pytest.fixture
def editor(db):
    return make_member(EDITOR, username="eddie", first_name="Eddie", last_name="Editor")


@pytest.fixture
def managing_editor(db):
    return make_member(MANAGING_EDITOR, username="maya", first_name="Maya", last_name="Manager")


@pytest.fixture
def as_contributor(contributor):
    return signed_in(contributor)


@pytest.fixture
def as_editor(editor):
    return signed_in(editor)


@pytest.fixture
def as_managing_editor(managing_editor):
    return signed_in(managing_editor)
