"""Opening the progress file: pragmas, migrations, and refusing files we must not touch."""

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from quizapp.store.connection import backup_to, check_file, open_store
from quizapp.store.errors import StoreError
from quizapp.store.schema import MIGRATIONS, SCHEMA_VERSION


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_file_is_migrated_with_wal_foreign_keys_and_busy_timeout(conn):
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    assert {"decks", "cards", "review_log", "settings", "quiz_blocks", "quiz_items"} <= tables


def test_reopening_is_a_no_op(db_path, conn):
    conn.execute("INSERT INTO settings VALUES ('x', '1')")
    again = open_store(db_path)
    assert again.execute("SELECT value FROM settings WHERE key = 'x'").fetchone() == ("1",)
    assert not list(db_path.parent.glob("*.bak"))
    again.close()


def test_file_from_a_newer_version_is_refused_and_untouched(db_path, conn):
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="newer version of quizapp"):
        open_store(db_path)
    assert digest(db_path) == before


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(db_path):
    db_path.write_text("myositis notes, not a database\n" * 50)
    before = digest(db_path)
    with pytest.raises(StoreError, match="not a quizapp progress file"):
        open_store(db_path)
    assert digest(db_path) == before
    assert not Path(f"{db_path}-wal").exists()


def test_a_damaged_file_is_refused_and_untouched(db_path, conn):
    conn.execute("CREATE TABLE filler(x)")
    conn.close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the schema page, after the 100-byte header
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises(StoreError, match="damaged"):
        open_store(db_path)
    assert digest(db_path) == before


def test_read_only_file_gets_a_clear_message(db_path, conn):
    conn.close()
    db_path.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="read-only"):
            open_store(db_path)
    finally:
        db_path.chmod(0o644)


def test_read_only_folder_gets_a_clear_message(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    open_store(folder / "p.sqlite3").close()
    for extra in folder.glob("p.sqlite3-*"):
        extra.unlink()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="read-only"):
            open_store(folder / "p.sqlite3")
        with pytest.raises(StoreError, match="read-only"):
            open_store(folder / "new.sqlite3")
    finally:
        folder.chmod(0o755)


def test_missing_file_is_an_error_when_creation_is_not_wanted(db_path):
    with pytest.raises(StoreError, match="no progress file"):
        open_store(db_path, create=False)
    assert not db_path.exists()


def test_upgrade_backs_the_file_up_first(db_path, conn):
    conn.execute("INSERT INTO settings VALUES ('kept', '1')")
    conn.close()
    newer = [*MIGRATIONS, ["CREATE TABLE extra (x INTEGER)"]]
    upgraded = open_store(db_path, migrations=newer)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    upgraded.close()
    (backup,) = db_path.parent.glob(f"{db_path.name}.v{SCHEMA_VERSION}-*.bak")
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert old.execute("SELECT value FROM settings").fetchall() == [("1",)]
    old.close()


def test_a_failing_migration_leaves_the_old_schema(db_path, conn):
    conn.close()
    broken = [*MIGRATIONS, ["CREATE TABLE ok (x)", "CREATE TABLE broken ("]]
    with pytest.raises(StoreError, match="cannot upgrade"):
        open_store(db_path, migrations=broken)
    plain = sqlite3.connect(db_path)
    assert plain.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert plain.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'ok'").fetchone()[0] == 0
    plain.close()


def test_backup_copies_and_never_overwrites(tmp_path, conn):
    conn.execute("INSERT INTO settings VALUES ('k', '2')")
    target = tmp_path / "copy.sqlite3"
    backup_to(conn, target)
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT value FROM settings").fetchall() == [("2",)]
    copy.close()
    with pytest.raises(StoreError, match="already exists"):
        backup_to(conn, target)


def test_check_reports_broken_foreign_keys(conn):
    assert check_file(conn) == []
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "INSERT INTO cards(card_id, deck_id, kind, topic, content_hash, sibling_key, "
        "created_at, updated_at) VALUES ('c', 'no-such-deck', 'basic', 't', 'h', 's', 0, 0)"
    )
    assert any("decks" in problem for problem in check_file(conn))
