"""Issue 17, item 1: a `-wal` left without its progress file is where the latest answers
live after a crash. quizapp must detect it, refuse, say how to recover, and never delete it
or create a new empty progress file beside it."""

import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.store.connection import open_read_only, open_store
from quizapp.store.errors import StoreError


@pytest.fixture
def crashed(tmp_path):
    """A progress file whose last answer is only in its -wal, copied as a crash leaves it."""
    live = tmp_path / "live"
    live.mkdir()
    conn = open_store(live / "progress.sqlite3")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO settings VALUES ('last answer', 'in the journal only')")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("progress.sqlite3", "progress.sqlite3-wal"):
        shutil.copy(live / name, crashed / name)
    conn.close()
    return crashed / "progress.sqlite3"


def test_a_journal_without_its_file_is_refused_and_kept(crashed, tmp_path):
    moved = tmp_path / "moved.sqlite3"
    crashed.rename(moved)
    wal = crashed.with_name(crashed.name + "-wal")
    journal = wal.read_bytes()
    assert journal
    for args in (["stats"], ["db", "check"], ["results", "export", "-"], ["quiz", "history"]):
        result = CliRunner().invoke(main, ["--db", str(crashed), *args])
        assert result.exit_code == 1, (args, result.output)
        assert "journal progress.sqlite3-wal" in result.stderr and "To recover" in result.stderr
        assert "Traceback" not in result.output
        assert not crashed.exists()  # no new empty progress file
        assert wal.read_bytes() == journal  # never deleted nor changed
    with pytest.raises(StoreError, match="may hold your latest answers"):
        open_store(crashed)

    moved.rename(crashed)  # the recovery the message describes: put the file back
    conn = open_store(crashed)
    value = conn.execute("SELECT value FROM settings WHERE key = 'last answer'").fetchone()
    conn.close()
    assert value == ("in the journal only",)


def test_an_empty_journal_is_no_obstacle(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.with_name(path.name + "-wal").write_bytes(b"")
    open_store(path).close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] >= 1


def test_a_dangling_link_as_progress_file_creates_nothing(tmp_path):
    path = tmp_path / "progress.sqlite3"
    path.symlink_to(tmp_path / "gone" / "real.sqlite3")
    with pytest.raises(StoreError, match="symbolic link"):
        open_store(path)
    assert not (tmp_path / "gone").exists()


def test_a_link_to_a_progress_file_is_refused_not_followed(tmp_path):
    """README 'Your data': a symbolic link is refused by every command, --db included."""
    real = tmp_path / "real.sqlite3"
    open_store(real).close()
    before = real.read_bytes()
    link = tmp_path / "progress.sqlite3"
    link.symlink_to(real)
    for opening in (open_store, open_read_only):
        with pytest.raises(StoreError, match=r"symbolic link \(to .*real.sqlite3\)"):
            opening(link)
    for args in (["stats"], ["db", "check"]):
        result = CliRunner().invoke(main, ["--db", str(link), *args])
        assert result.exit_code == 1 and "symbolic link" in result.stderr, result.output
    assert real.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite3", "real.sqlite3"]
