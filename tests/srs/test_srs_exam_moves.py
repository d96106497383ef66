"""An exam date holds in every command that sets due dates, not only in study:
`quizapp config recompute --reschedule` and `quizapp schedule postpone` cut a due date
that would pass the exam with recall on exam day below the target, by the same rule
(`quizapp.srs.exam.exam_interval`); without an exam they do what they always did.
Real files, the real fsrs scheduler, the commands as a learner types them."""

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from fsrs import Rating

from quizapp.cli import main
from quizapp.srs.config import load_config, save_setting
from quizapp.srs.days import study_day
from quizapp.srs.elapsed import recall_probability
from quizapp.srs.session import StudySession
from quizapp.store.connection import open_store
from quizapp.store.timeutil import from_micros
from tests.srs.srs_helpers import add_cards
from tests.support.clock import Clock


def run(db_path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db_path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def prepared(db_path: Path, now: datetime, answers: int) -> sqlite3.Connection:
    """40 review cards on a fresh file, fuzz off: card i first answered 120 - 2i days ago,
    then Good on each due day, up to `answers` answers or until it is due after `now`."""
    conn = open_store(db_path, synchronous="NORMAL")
    for key, value in (("timezone", "UTC"), ("fuzz", False), ("learning_steps_minutes", [])):
        save_setting(conn, key, value)
    for i, card_id in enumerate(add_cards(conn, 40)):
        clock = Clock(now - timedelta(days=120 - 2 * i))
        session = StudySession(conn, clock=clock)
        for _ in range(answers):
            due = session.answer(card_id, Rating.Good).due
            if due >= now:
                break
            clock.now = due
    return conn


def twin(conn: sqlite3.Connection, path: Path) -> Path:
    """A copy of the file: the same cards, to run the same command without an exam."""
    copy = sqlite3.connect(path)
    conn.backup(copy)
    copy.close()
    return path


def schedule(db_path: Path) -> dict[str, tuple[int, int, float]]:
    """card id -> (due study day, last answer's study day, stability) of review cards."""
    conn = open_store(db_path, create=False)
    rows = conn.execute("SELECT card_id, due, last_review, stability FROM cards WHERE state = 2")
    result = {
        card: (study_day(from_micros(due), 4, UTC), study_day(from_micros(last), 4, UTC), s)
        for card, due, last, s in rows
    }
    conn.close()
    return result


def passes_unseen(db_path: Path, exam: int) -> set[str]:
    """Review cards due on or after the exam day with recall there below the target."""
    conn = open_store(db_path, create=False)
    scheduler = load_config(conn).scheduler()
    conn.close()
    target = scheduler.desired_retention
    return {
        card
        for card, (due, last, stability) in schedule(db_path).items()
        if due >= exam and recall_probability(scheduler, exam - last, stability) < target
    }


def set_exam(db_path: Path, days: int) -> int:
    """An exam `days` study days from today; returns its study day."""
    exam = study_day(datetime.now(UTC), 4, UTC) + days
    run(db_path, "config", "set", "exam_date", date.fromordinal(exam).isoformat(), "--deck", "iim")
    return exam


def test_reschedule_keeps_due_dates_before_the_exam(tmp_path: Path) -> None:
    """fsrs's interval ends where recall reaches the target, so only fuzz (on, the
    default) carries a due date past an exam with recall there below it; both files draw
    the same fuzz, the exam is put where the plain run carries a card past it."""
    state = random.getstate()  # fuzz draws from the global generator: put it back after
    conn = prepared(tmp_path / "exam.sqlite3", datetime.now(UTC), answers=4)
    save_setting(conn, "fuzz", True)
    plain = twin(conn, tmp_path / "plain.sqlite3")
    conn.close()
    random.seed(5)
    run(plain, "config", "recompute", "--reschedule")
    today = study_day(datetime.now(UTC), 4, UTC)
    days = next((k for k in range(2, 60) if passes_unseen(plain, today + k)), None)
    assert days, "no card would pass an exam unseen: the test would prove nothing"
    exam = set_exam(tmp_path / "exam.sqlite3", days)
    random.seed(5)
    assert "rescheduled" in run(tmp_path / "exam.sqlite3", "config", "recompute", "--reschedule")
    random.setstate(state)

    missed = passes_unseen(plain, exam)
    assert passes_unseen(tmp_path / "exam.sqlite3", exam) == set()
    capped = schedule(tmp_path / "exam.sqlite3")
    for card, (due, *_) in schedule(plain).items():
        if card in missed:
            assert capped[card][0] < exam
        else:
            assert capped[card][0] == due, card  # the cap touches nothing else


def test_postpone_keeps_due_dates_before_the_exam(tmp_path: Path) -> None:
    conn = prepared(tmp_path / "exam.sqlite3", datetime.now(UTC), answers=1)
    plain = twin(conn, tmp_path / "plain.sqlite3")
    conn.close()
    before = schedule(plain)  # every card overdue
    exam = set_exam(tmp_path / "exam.sqlite3", 6)
    today = exam - 6
    for path in (tmp_path / "exam.sqlite3", plain):
        assert "moved to later days" in run(path, "schedule", "postpone", "14")

    spread = schedule(plain)
    missed = passes_unseen(plain, exam)
    assert missed and max(due for due, _, _ in spread.values()) == today + 13
    assert passes_unseen(tmp_path / "exam.sqlite3", exam) == set()
    capped = schedule(tmp_path / "exam.sqlite3")
    for card, (due, *_) in spread.items():
        if card in missed:  # its recall is below the target already: it stays due today
            assert capped[card][0] < exam and capped[card][0] == before[card][0]
        else:
            assert capped[card][0] == due, card
