"""Issue 17, item 2: quizapp changes only its own SQLite files.

A progress file carries quizapp's application_id; a file made before that (application_id
0, quizapp's tables) is recognised by its schema and stamped; any other SQLite file is
refused untouched by every command, and `db check` never writes."""

import hashlib
import os
import sqlite3

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.store.connection import APPLICATION_ID, open_store
from quizapp.store.errors import StoreError
from quizapp.store.schema import SCHEMA_VERSION

COMMANDS = [
    [],  # the app itself: refused before its first frame
    ["stats"],
    ["db", "check"],
    ["db", "backup"],
    ["quiz", "history"],
    ["results", "export", "-"],
]


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def snapshot(folder):
    """Every file in the folder with a digest of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def application_id(path):
    return int.from_bytes(path.read_bytes()[68:72], "big")


def foreign_db(path, *, wal=False, app_id=0):
    conn = sqlite3.connect(path, isolation_level=None)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ada', '555')")
    if app_id:
        conn.execute(f"PRAGMA application_id = {app_id}")
    conn.close()
    return path


def tables_only_in_the_wal(tmp_path):
    """Another program's WAL-mode file whose tables are all still in its -wal (a crash
    before the first checkpoint): the main file alone looks empty."""
    live_dir = tmp_path / "live"
    live_dir.mkdir()
    live = sqlite3.connect(live_dir / "contacts.db", isolation_level=None)
    live.execute("PRAGMA journal_mode = WAL")
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    live.execute("INSERT INTO contacts VALUES ('Ada', '555')")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("contacts.db", "contacts.db-wal"):
        (crashed / name).write_bytes((live_dir / name).read_bytes())
    live.close()
    return crashed / "contacts.db"


@pytest.mark.parametrize(
    "kind", ["other tables", "other tables, WAL", "other application_id", "tables in its WAL"]
)
def test_another_programs_database_is_refused_untouched_by_every_command(tmp_path, kind):
    if kind == "tables in its WAL":
        path = tables_only_in_the_wal(tmp_path)
    else:
        path = tmp_path / "contacts.db"
        foreign_db(path, wal="WAL" in kind, app_id=0x0F055112 if "application" in kind else 0)
    folder = path.parent
    before = snapshot(folder)
    for args in COMMANDS:
        result = run(path, *args)
        assert result.exit_code == 1, (args, result.output)
        assert "another program's SQLite database" in result.stderr, result.stderr
        assert "left untouched" in result.stderr and "Traceback" not in result.output
        after = snapshot(folder)
        if kind == "tables in its WAL":  # reading through a -wal needs SQLite's -shm index
            after.pop("contacts.db-shm", None)
        assert after == before, args  # no new -wal, no .bak; the same bytes
    plain = sqlite3.connect(path)
    assert plain.execute("SELECT * FROM contacts").fetchall() == [("Ada", "555")]
    assert plain.execute("PRAGMA user_version").fetchone() == (0,)
    plain.close()


def test_a_new_progress_file_is_stamped(tmp_path):
    path = tmp_path / "progress.sqlite3"
    open_store(path).close()
    assert application_id(path) == APPLICATION_ID


def test_an_old_unstamped_progress_file_is_recognised_and_stamped(tmp_path):
    path = tmp_path / "progress.sqlite3"
    conn = open_store(path)
    conn.execute("""INSERT INTO settings VALUES ('kept', '"yes"')""")
    conn.execute("PRAGMA application_id = 0")  # as every file made before stamping
    conn.close()
    assert application_id(path) == 0

    checked = run(path, "db", "check")  # read-only: recognised, but not stamped
    assert checked.exit_code == 0, checked.output
    assert application_id(path) == 0

    conn = open_store(path)
    assert conn.execute("SELECT value FROM settings").fetchall() == [('"yes"',)]
    assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    conn.close()
    assert application_id(path) == APPLICATION_ID
    assert not list(tmp_path.glob("*.bak"))  # stamping is not a migration


def test_an_empty_sqlite_file_is_a_new_progress_file(tmp_path):
    path = tmp_path / "progress.sqlite3"
    sqlite3.connect(path).execute("PRAGMA page_size = 4096").close()
    sqlite3.connect(path).execute("VACUUM").close()  # a header, no tables
    conn = open_store(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()


def test_db_check_never_writes(tmp_path):
    path = tmp_path / "progress.sqlite3"
    conn = open_store(path)
    conn.execute("""INSERT INTO settings VALUES ('k', '"v"')""")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")  # a newer quizapp's file
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = snapshot(tmp_path)
    result = run(path, "db", "check")
    assert result.exit_code == 0 and result.stdout.endswith(": ok\n"), result.output
    assert snapshot(tmp_path) == before  # no migration, no backup, no WAL switch


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_progress_path_that_is_no_regular_file_is_refused_without_waiting(tmp_path, kind):
    path = tmp_path / "progress.sqlite3"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path = type(path)("/dev/zero")
    for args in COMMANDS:
        result = run(path, *args)
        assert result.exit_code == 1 and "not a regular file" in result.stderr, result.output
    with pytest.raises(StoreError, match="not a regular file"):
        open_store(path)
