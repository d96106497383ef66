"""`quizapp stats` and `quizapp db`: output, and one clear line plus exit 1 on a bad file."""

import json
import sqlite3
from datetime import UTC, datetime

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.store.connection import open_store
from quizapp.store.schema import SCHEMA_VERSION
from quizapp.store.sync import DeckInfo, sync_deck


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def test_stats_on_a_new_file(db_path, conn):  # conn: the file exists, with nothing in it
    result = run(db_path, "stats")
    assert result.exit_code == 0, result.output
    assert "Due today: 0" in result.output


def test_stats_for_an_unknown_deck(db_path, conn):
    result = run(db_path, "stats", "--deck", "nope")
    assert result.exit_code == 1
    assert "no deck 'nope'" in result.stderr and "none yet" in result.stderr


def test_stats_as_json(db_path, conn):
    sync_deck(conn, DeckInfo("iim", "IIM", "1"), [], datetime(2026, 11, 25, tzinfo=UTC))
    result = run(db_path, "stats", "--json", "--deck", "iim")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["deck_id"] == "iim"
    assert len(data["due_forecast"]) == 31
    assert set(data["retention"]) == {"1d", "7d", "30d"}


def test_db_check_and_backup(db_path, tmp_path, conn):
    conn.close()
    assert run(db_path, "db", "check").output.endswith(": ok\n")
    target = tmp_path / "copy.sqlite3"
    result = run(db_path, "db", "backup", str(target))
    assert result.exit_code == 0 and target.exists()
    again = run(db_path, "db", "backup", str(target))
    assert again.exit_code == 1 and "already exists" in again.stderr
    default = run(db_path, "db", "backup")
    assert default.exit_code == 0
    assert len(list(tmp_path.glob("progress-backup-*.sqlite3"))) == 1


def test_not_sqlite_gives_one_line_and_status_1(db_path):
    db_path.write_text("not a database" * 100)
    for args in (["stats"], ["db", "check"], ["db", "backup"]):
        result = run(db_path, *args)
        assert result.exit_code == 1
        assert "not a quizapp progress file" in result.stderr
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_newer_file_gives_a_clear_message(db_path, conn):
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    result = run(db_path, "stats")
    assert result.exit_code == 1
    assert "newer version of quizapp" in result.stderr


def test_check_on_a_missing_file(db_path):
    result = run(db_path, "db", "check")
    assert result.exit_code == 1 and "no progress file" in result.stderr
    assert not db_path.exists()


def test_check_reports_problems_with_status_1(db_path, conn):
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "INSERT INTO cards(card_id, deck_id, kind, topic, content_hash, sibling_key, "
        "created_at, updated_at) VALUES ('c', 'gone', 'basic', 't', 'h', 's', 0, 0)"
    )
    conn.close()
    result = run(db_path, "db", "check")
    assert result.exit_code == 1
    assert "refers to a missing decks row" in result.stderr
    assert isinstance(open_store(db_path), sqlite3.Connection)


def test_damage_inside_the_file_is_reported_not_raised(db_path, conn):
    conn.execute("CREATE TABLE filler (x TEXT)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 400)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[20 * page : 30 * page] = b"\xff" * (10 * page)  # some pages of the filler table
    db_path.write_bytes(bytes(data))
    result = run(db_path, "db", "check")
    assert result.exit_code == 1
    assert "damaged" in result.stderr and "1 problem" in result.stderr
    assert "Traceback" not in result.output
