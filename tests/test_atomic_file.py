"""The one atomic write every cache file goes through."""

from __future__ import annotations

import pytest

from knowledge.atomic_file import write_atomically


def test_a_new_file_and_a_replaced_one(tmp_path):
    path = tmp_path / "sub" / "cache.txt"
    write_atomically(path, "一")
    write_atomically(path, "二")
    assert path.read_text(encoding="utf-8") == "二"
    assert [p.name for p in path.parent.iterdir()] == ["cache.txt"]  # no temporary file left


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_one(tmp_path):
    path = tmp_path / "cache.txt"
    write_atomically(path, "old")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(path, "\ud800")  # a lone surrogate cannot be written as UTF-8
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.txt"]
