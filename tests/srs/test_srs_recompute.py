"""Recomputing memory states when FSRS settings change, on real files.

The reference is a replay from scratch: the same answers, at the same times, given
through a fresh StudySession on a fresh file under the new settings. Recomputation must
leave exactly the stability and difficulty that replay stores.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fsrs import Card, State

from quizapp.cli import main
from quizapp.srs.config import StudyConfig, load_config, save_setting
from quizapp.srs.recompute import change_memory_settings, recompute_memory
from quizapp.srs.session import StudySession
from quizapp.store.connection import open_store
from quizapp.store.timeutil import from_micros
from tests.simulation import ZONE, Plan, simulate_session

FITTED = (
    0.4, 1.0, 3.0, 12.0, 6.0, 0.6, 2.5, 0.01, 1.6, 0.2, 0.9,
    1.7, 0.08, 0.3, 1.4, 0.5, 2.2, 0.6, 0.1, 0.1, 0.3,
)  # fmt: skip


@pytest.fixture
def studied(conn):
    """30 days of a simulated learner (fuzz on) with the default parameters."""
    state = random.getstate()
    random.seed(11)
    simulate_session(conn, Plan(cards=80, days=30, seed=11))
    random.setstate(state)
    save_setting(conn, "timezone", ZONE.key)
    return conn


def memory(conn) -> dict[str, tuple]:
    """card id -> (stability, difficulty, state, due, last review) as stored."""
    rows = conn.execute(
        "SELECT card_id, stability, difficulty, state, due, last_review, fsrs FROM cards "
        "WHERE fsrs IS NOT NULL"
    )
    result = {}
    for card_id, stability, difficulty, state, due, last_review, fsrs in rows:
        card = Card.from_json(fsrs)
        assert (card.stability, card.difficulty) == (stability, difficulty)  # columns agree
        result[card_id] = (stability, difficulty, state, due, last_review)
    return result


def replay_from_scratch(conn, tmp_path: Path, config: StudyConfig) -> dict[str, tuple]:
    """Every logged answer again, in time order, through a new session on a new file."""
    fresh = open_store(tmp_path / "replay.sqlite3", synchronous="OFF")
    fresh.execute("ATTACH ? AS old", (str(tmp_path / "progress.sqlite3"),))
    fresh.execute("INSERT INTO decks SELECT * FROM old.decks")
    fresh.execute(
        "INSERT INTO cards(id, card_id, deck_id, kind, topic, content_hash, sibling_key, "
        "created_at, updated_at) SELECT id, card_id, deck_id, kind, topic, content_hash, "
        "sibling_key, created_at, updated_at FROM old.cards"
    )
    answers = fresh.execute(
        "SELECT c.card_id, r.reviewed_at, r.rating, r.duration_ms FROM old.review_log r "
        "JOIN old.cards c ON c.id = r.card ORDER BY r.reviewed_at, r.id"
    ).fetchall()
    fresh.execute("DETACH old")
    moment = [from_micros(answers[0][1])]
    session = StudySession(fresh, config, clock=lambda: moment[0])
    for card_id, at, rating, duration in answers:
        moment[0] = from_micros(at)
        session.answer(card_id, rating, duration_ms=duration)
    result = memory(fresh)
    fresh.close()
    return result


def test_new_parameters_give_the_states_of_a_replay_from_scratch(studied, tmp_path):
    before = memory(studied)
    result = change_memory_settings(studied, {"parameters": list(FITTED)})
    assert load_config(studied).parameters == FITTED
    after = memory(studied)
    assert result.cards == len(after) == len(before) and result.rescheduled == 0
    expected = replay_from_scratch(studied, tmp_path, load_config(studied))
    changed = 0
    for card_id, (stability, difficulty, state, due, last_review) in after.items():
        assert (stability, difficulty) == expected[card_id][:2], card_id
        assert (state, due, last_review) == before[card_id][2:]  # only memory changes
        changed += (stability, difficulty) != before[card_id][:2]
    assert changed == len(after)


def test_reschedule_gives_review_cards_the_due_dates_of_the_replay(studied, tmp_path):
    save_setting(studied, "fuzz", False)
    before = memory(studied)
    result = change_memory_settings(studied, {"desired_retention": 0.8}, reschedule=True)
    after = memory(studied)
    expected = replay_from_scratch(studied, tmp_path, load_config(studied))
    reviews = [c for c, row in after.items() if row[2] == State.Review]
    assert result.rescheduled == len(reviews) > 20
    for card_id in reviews:
        assert after[card_id][3] == expected[card_id][3]
        assert after[card_id][3] > before[card_id][3] or after[card_id][0] < 1  # 0.8: later
    for card_id in set(after) - set(reviews):
        assert after[card_id][3] == before[card_id][3]


def test_recompute_under_unchanged_settings_changes_nothing(studied):
    save_setting(studied, "fuzz", False)
    before = memory(studied)
    recompute_memory(studied)
    assert memory(studied) == before


def test_a_failure_part_way_leaves_settings_and_states_as_they_were(studied):
    before = memory(studied)

    def fail_at_20(done: int, total: int) -> None:
        if done == 20:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        change_memory_settings(studied, {"parameters": list(FITTED)}, progress=fail_at_20)
    assert load_config(studied).parameters is None
    assert memory(studied) == before


KILLED_WORKER = """
import sys, time
from pathlib import Path
from quizapp.srs.recompute import change_memory_settings
from quizapp.store.connection import open_store
conn = open_store(Path(sys.argv[1]))
def slowly(done, total):
    print(done, flush=True)
    time.sleep(0.005)
change_memory_settings(conn, {"desired_retention": 0.85}, reschedule=True, progress=slowly)
print("finished", flush=True)
"""


def test_a_killed_recomputation_leaves_the_file_unchanged(studied, db_path):
    before = memory(studied)
    studied.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WORKER, str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    while int(process.stdout.readline()) < 30:
        pass
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    plain = sqlite3.connect(db_path)
    assert plain.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    plain.close()
    assert memory(studied) == before
    assert load_config(studied).desired_retention == 0.9


def test_cli_set_parameters_recomputes_and_bad_values_change_nothing(studied, db_path):
    before = memory(studied)
    runner = CliRunner()
    bad = runner.invoke(main, ["--db", str(db_path), "config", "set", "parameters", "1 2"])
    assert bad.exit_code == 1 and "Expected 21 parameters" in bad.stderr
    assert memory(studied) == before
    wrong = runner.invoke(
        main, ["--db", str(db_path), "config", "set", "new_per_day", "5", "--reschedule"]
    )
    assert wrong.exit_code == 1 and "--reschedule applies to" in wrong.stderr
    text = " ".join(str(w) for w in FITTED)
    done = runner.invoke(main, ["--db", str(db_path), "config", "set", "parameters", text])
    assert done.exit_code == 0, done.output
    assert f"recomputed the memory state of {len(before)} cards" in done.stdout
    assert memory(studied) != before
    back = runner.invoke(main, ["--db", str(db_path), "config", "unset", "parameters"])
    assert back.exit_code == 0 and load_config(studied).parameters is None
    assert {k: v[:2] for k, v in memory(studied).items()} == {k: v[:2] for k, v in before.items()}
