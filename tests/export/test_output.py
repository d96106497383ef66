"""Writing an export file: whole or nothing, and never over a file that appeared meanwhile."""

import os

import pytest

from quizapp.export.output import ExportError, write_atomically


def test_a_file_that_appears_while_exporting_is_not_replaced_without_force(tmp_path):
    target = tmp_path / "out.csv"

    def write(temporary):
        temporary.write_bytes(b"ours")
        target.write_bytes(b"theirs")  # another program got there first

    with pytest.raises(ExportError, match="already exists; use --force"):
        write_atomically(target, False, write)
    assert target.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out.csv"

    def write(temporary):
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="out.csv: cannot write: No space left on device"):
        write_atomically(target, False, write)
    assert list(tmp_path.iterdir()) == []


def test_force_replaces_and_the_file_gets_the_usual_permissions(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    write_atomically(target, True, lambda temporary: temporary.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
