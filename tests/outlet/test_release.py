"""A release is named by its files' contents: a deploy changes it, a copy of the same
files on another app server does not."""

import os

from outlet.release import digest_of


def _tree(base, files):
    for name, text in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return base


def _digest(base):
    return digest_of(base, base.rglob("*"))


FILES = {"templates/base.html": "<title>Outlet</title>", "outlet/views.py": "x = 1\n"}


def test_the_same_files_on_another_server_give_the_same_release(tmp_path):
    one = _tree(tmp_path / "one", FILES)
    other = _tree(tmp_path / "other", FILES)
    os.utime(other / "outlet/views.py", (0, 0))  # copied at another time
    assert _digest(one) == _digest(other)


def test_a_changed_template_or_a_new_file_is_a_new_release(tmp_path):
    base = _tree(tmp_path, FILES)
    before = _digest(base)
    (base / "templates/base.html").write_text("<title>Outlet, redesigned</title>")
    changed = _digest(base)
    (base / "templates/new.html").write_text("")
    assert len({before, changed, _digest(base)}) == 3


def test_compiled_bytecode_is_not_part_of_a_release(tmp_path):
    base = _tree(tmp_path, FILES)
    before = _digest(base)
    _tree(base, {"outlet/__pycache__/views.cpython-311.pyc": "bytes"})
    assert _digest(base) == before
