"""Honest statistics: predicted recall and calibration, in study days, on a real file."""

import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from fsrs import Card, Scheduler, State

from quizapp.cli import main
from quizapp.srs.calibration import calibrate
from quizapp.srs.config import save_setting
from quizapp.srs.elapsed import recall_probability, retrievability
from quizapp.srs.session import StudySession
from quizapp.srs.stats import memory_stats, stats_today
from tests.simulation import ZONE, Plan, simulate_session


@pytest.mark.parametrize("days", [1, 2, 7, 40])
def test_recall_probability_is_fsrs_retrievability_in_study_days(days):
    scheduler = Scheduler()
    last = datetime(2026, 11, 2, 21, 0, tzinfo=UTC)
    card = Card(card_id=1, state=State.Review, stability=4.2, difficulty=5.0, last_review=last)
    moment = last + timedelta(days=days) - timedelta(hours=12)  # earlier in the day
    expected = retrievability(scheduler, card, moment, 4, UTC)
    assert recall_probability(scheduler, days, 4.2) == pytest.approx(expected, abs=1e-12)


def test_calibrate_bins_counts_and_error():
    result = calibrate([(0.94, True), (0.92, False), (0.91, True), (0.72, True), (0.30, False)])
    assert result.count == 5
    by_low = {b.low: b for b in result.bins}
    assert by_low[0.9].count == 3 and by_low[0.9].achieved == pytest.approx(2 / 3)
    assert by_low[0.9].predicted == pytest.approx(2.77 / 3)
    assert by_low[0.0].count == 1 and by_low[0.95].count == 0
    assert by_low[0.95].predicted is None
    expected = (3 * abs(2.77 / 3 - 2 / 3) + abs(0.72 - 1) + abs(0.30 - 0)) / 5
    assert result.error == pytest.approx(expected)
    assert calibrate([(1.0, True)]).bins[-1].count == 1  # 1.0 is in the last bin
    assert calibrate([]).error is None


@pytest.fixture
def studied(conn):
    """20 days of a simulated learner on the file; returns the run and a clock at its end."""
    state = random.getstate()
    random.seed(7)
    run = simulate_session(conn, Plan(cards=80, days=20, seed=7))
    random.setstate(state)
    save_setting(conn, "timezone", ZONE.key)
    end = datetime(2026, 10, 20, 22, 0, tzinfo=ZONE)
    return run, (lambda: end)


def test_calibration_repeats_the_predictions_made_when_answering(conn, studied):
    run, clock = studied
    memory = memory_stats(conn, clock=clock)
    assert memory.calibration.count == len(run.reviews) > 100
    assert memory.calibration.predicted == pytest.approx(run.predicted, abs=1e-9)
    assert memory.calibration.achieved == pytest.approx(run.retention)
    assert memory.calibration.achieved == pytest.approx(
        stats_today(conn, clock=clock).retention["30d"]
    )
    assert sum(b.count for b in memory.calibration.bins) == memory.calibration.count
    assert 0.8 < memory.retrievability < 1 and memory.review_cards > 50
    week = memory_stats(conn, clock=clock, days=7)
    assert week.calibration.count == sum(r.day >= 13 for r in run.reviews)


def test_predicted_recall_today_is_what_the_session_reports(conn, studied):
    """The mean over review cards of the session's own (study-day) retrievability."""
    _, clock = studied
    tomorrow_early = datetime(2026, 10, 21, 4, 30, tzinfo=ZONE)
    memory = memory_stats(conn, clock=lambda: tomorrow_early)
    session = StudySession(conn, clock=lambda: tomorrow_early)
    cards = [c for (c,) in conn.execute("SELECT card_id FROM cards WHERE state = 2")]
    expected = [session.retrievability(card) for card in cards]
    assert memory.review_cards == len(cards)
    assert memory.retrievability == pytest.approx(sum(expected) / len(expected), abs=1e-12)
    assert min(expected) < 1  # last night's answers are a study day old at 04:30


def test_stats_cli_prints_calibration(db_path, conn, studied):
    conn.close()
    result = CliRunner().invoke(main, ["--db", str(db_path), "stats", "--json"])
    assert result.exit_code == 0, result.output
    memory = json.loads(result.output)["memory"]
    assert memory["days"] == 30 and memory["review_cards"] > 0
    assert {"low", "high", "count", "predicted", "achieved"} <= set(
        memory["calibration"]["bins"][0]
    )
    text = CliRunner().invoke(main, ["--db", str(db_path), "stats"]).output
    assert "Predicted recall of review cards today" in text and "Calibration" in text
    cards = memory["review_cards"]  # "(1 cards)" in student trial 4
    assert f"({cards} card{'s' if cards != 1 else ''})" in " ".join(text.split())


@pytest.mark.parametrize("columns", [80, 60])
def test_stats_text_fits_the_terminal_width(db_path, conn, studied, monkeypatch, columns):
    """Long facts (the 30-day forecast, calibration) wrap, with an indented continuation."""
    conn.close()
    monkeypatch.setenv("COLUMNS", str(columns))
    text = CliRunner().invoke(main, ["--db", str(db_path), "stats"]).output
    lines = text.splitlines()
    assert max(map(len, lines)) <= columns, [line for line in lines if len(line) > columns]
    forecast = text.split("Due next 30 days: ")[1].split("\nReviewed today")[0]
    assert "\n  " in forecast and len(forecast.split("(per day: ")[1].split()) == 30
