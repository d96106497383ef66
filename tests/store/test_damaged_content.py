"""Issue 17, item 6: damage inside a sound progress file is reported, never a crash.

SQLite's integrity check passes on each of these files; `db check` names the damage, and
`stats` and the app refuse with one message (the file left as it is)."""

import hashlib
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from fsrs import Card

from quizapp.cli import main
from quizapp.store.connection import open_store
from quizapp.store.sync import DeckInfo, sync_deck

ROOT = Path(__file__).resolve().parents[2]
MINI_DECKS = ROOT / "tests" / "deck" / "data"

DAMAGE = {
    "non-JSON setting": (
        "INSERT INTO settings VALUES ('new_per_day', 'twenty{')",
        "setting 'new_per_day': value 'twenty{' is not JSON",
    ),
    "out-of-range setting": (
        "INSERT INTO settings VALUES ('desired_retention', '1.5')",
        "desired_retention must be from 0.7 to 0.99",
    ),
    "unknown time zone": (
        "INSERT INTO settings VALUES ('timezone', '\"Mars/Olympus_Mons\"')",
        "unknown time zone 'Mars/Olympus_Mons'",
    ),
    "dropped table": ("DROP TABLE review_log", "table review_log is missing"),
    "scheduler state not JSON": (
        "UPDATE cards SET fsrs = 'garbage' WHERE card_id = 'c1'",
        "cards c1: the scheduler state is not a JSON object",
    ),
    "scheduler state without its fields": (
        "UPDATE cards SET fsrs = '{\"state\": 2}' WHERE card_id = 'c1'",
        "cards c1: the scheduler state lacks fields fsrs needs",
    ),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(tmp_path, request):
    path = tmp_path / "progress.sqlite3"
    conn = open_store(path)
    sync_deck(conn, DeckInfo("d", "D", "1"), [], datetime(2026, 11, 25, tzinfo=UTC))
    conn.execute(
        "INSERT INTO cards(card_id, deck_id, kind, topic, content_hash, sibling_key, state, "
        "fsrs, created_at, updated_at) VALUES ('c1', 'd', 'basic', 't', 'h', 's', 2, ?, 0, 0)",
        (Card().to_json(),),
    )
    statement, _ = DAMAGE[request.param]
    conn.execute(statement)
    conn.close()
    return path, DAMAGE[request.param][1]


@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_db_check_names_the_damage_and_stats_refuses(damaged):
    path, words = damaged
    before = digest(path)
    check = CliRunner().invoke(main, ["--db", str(path), "db", "check"])
    assert check.exit_code == 1 and words in check.stderr, check.output
    assert "Traceback" not in check.output
    stats = CliRunner().invoke(main, ["--db", str(path), "stats"])
    assert stats.exit_code == 1 and "damaged content" in stats.stderr and words in stats.stderr
    assert "Traceback" not in stats.output
    assert digest(path) == before


@pytest.mark.parametrize(
    "damaged", ["unknown time zone", "scheduler state without its fields"], indirect=True
)
def test_the_app_refuses_with_a_message(damaged):
    path, words = damaged
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUIZAPP_EXIT_WHEN_READY": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "quizapp", "--db", str(path), "--decks", str(MINI_DECKS)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "damaged content" in output and words in output and "Traceback" not in output


def test_a_sound_file_passes(tmp_path):
    path = tmp_path / "progress.sqlite3"
    conn = open_store(path)
    conn.close()
    check = CliRunner().invoke(main, ["--db", str(path), "db", "check"])
    assert check.exit_code == 0 and check.stdout.endswith(": ok\n")
