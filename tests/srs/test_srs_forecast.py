"""`quizapp forecast`: the days ahead simulated for several desired retentions.

Checked against the real thing: the simulated learner of tests/simulation.py studies 30
days through the real session; the forecast made from its file then predicts the next
30 days, which the same learner (same seeds) goes on to study.
"""

import json
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from fsrs import Card, Rating, State
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.cli import main
from quizapp.srs.config import StudyConfig, save_setting
from quizapp.srs.forecast import Forecast, Outlook, Profile, forecast, review
from quizapp.srs.forecast_report import table_lines
from quizapp.store.connection import open_store
from tests.simulation import FIRST_DAY, ZONE, Plan, studied

SEED = 20261207
PLAN = Plan(seed=SEED, cards=400, days=30)


def morning(day: int) -> datetime:
    """09:00 in Berlin on the run's study day `day` (0-based), as the simulation studies."""
    at = datetime.combine(FIRST_DAY + timedelta(days=day), datetime.min.time(), ZONE)
    return (at + timedelta(hours=9)).astimezone(UTC)


@pytest.fixture(scope="module")
def month_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forecast") / "progress.sqlite3"
    studied(path, PLAN)
    conn = open_store(path)
    try:  # the simulation studies in Berlin; the forecast must count days the same way
        save_setting(conn, "timezone", ZONE.key)
    finally:
        conn.close()
    return path


@settings(max_examples=60, deadline=None)
@given(
    stability=st.floats(0.1, 3000),
    difficulty=st.floats(1, 10),
    days=st.integers(1, 4000),
    rating=st.sampled_from(list(Rating)),
    relearning=st.sampled_from([(), (10.0,), (10.0, 60.0)]),
)
def test_a_simulated_review_is_the_fsrs_schedulers(
    stability: float, difficulty: float, days: int, rating: Rating, relearning: tuple
) -> None:
    """One simulated review equals `Scheduler.review_card` (then Good at each relearning
    step after Again), so the forecast's memory model is the scheduler's."""
    scheduler = StudyConfig(relearning_steps_minutes=relearning).scheduler(fuzz=False)
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    card = Card(state=State.Review, stability=stability, difficulty=difficulty, due=now)
    card.last_review = now - timedelta(days=days)
    recall = scheduler.get_card_retrievability(card, now)
    card, _ = scheduler.review_card(card, rating, now)
    while card.state == State.Relearning:
        card, _ = scheduler.review_card(card, Rating.Good, card.due)
    expected = (card.stability, card.difficulty)
    assert review(scheduler, stability, difficulty, recall, rating) == pytest.approx(expected)


def test_the_forecast_predicts_the_learners_next_month(month_file: Path, tmp_path: Path) -> None:
    conn = open_store(month_file)
    try:
        result = forecast(conn, 30, [0.9], clock=lambda: morning(30))
    finally:
        conn.close()
    actual = studied(tmp_path / "two-months.sqlite3", Plan(seed=SEED, cards=400, days=60))
    predicted = result.outlooks[0].answers
    real = actual.answers_per_day[30:]
    print(f"\npredicted {sum(predicted) / 30:.1f} answers a day, real {sum(real) / 30:.1f}")
    assert result.cards == 400 and result.new_cards == 0
    assert sum(predicted) == pytest.approx(sum(real), rel=0.1)
    for week in range(4):  # the shape too, week by week
        span = slice(7 * week, 7 * week + 7)
        assert sum(predicted[span]) == pytest.approx(sum(real[span]), rel=0.25)
    assert result.profile.first_ratings == pytest.approx((0.3, 0, 0.7, 0), abs=0.05)


def test_higher_retention_costs_more_answers_and_keeps_more(month_file: Path) -> None:
    conn = open_store(month_file)
    try:
        result = forecast(conn, 180, [0.8, 0.85, 0.9, 0.95], clock=lambda: morning(30))
    finally:
        conn.close()
    workloads = [sum(o.answers) for o in result.outlooks]
    known = [sum(k for _, k in o.knowledge) for o in result.outlooks]
    assert workloads == sorted(workloads) and workloads[0] < 0.6 * workloads[-1]
    assert known == sorted(known)
    assert all(0.8 < o.retention <= 1 for o in result.outlooks)


def test_new_cards_are_introduced_at_the_daily_limit(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    studied(path, Plan(seed=SEED, cards=100, days=1, new_per_day=20))
    conn = open_store(path)
    try:
        save_setting(conn, "new_per_day", 7)
        week = forecast(conn, 5, [0.9], clock=lambda: morning(1))
        month = forecast(conn, 20, [0.9], clock=lambda: morning(1))
    finally:
        conn.close()
    assert (week.cards, week.new_cards) == (20, 80)
    assert week.runs == 20  # 100 cards: simulated 20 times over and averaged
    assert week.outlooks[0].introduced == 20 + 5 * 7
    assert month.outlooks[0].introduced == 100  # the last 3 on day 12


def cli(db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), "forecast", *args])


def test_cli_table_plot_and_json(month_file: Path, tmp_path: Path) -> None:
    copy = Path(shutil.copyfile(month_file, tmp_path / "progress.sqlite3"))
    before = copy.read_bytes()
    text = cli(copy, "--days", "60", "--retention", "0.85, 0.9")
    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    assert "60 days from" in lines[0] and "400 cards studied, 0 new cards" in lines[0]
    assert any(line.startswith("  0.85 ") and "%" in line for line in lines)
    plot = [line for line in lines if line.startswith("  0.9") and "%" not in line]
    assert len(plot) == 1 and set(plot[0][7:]) <= set("▁▂▃▄▅▆▇█ ")
    data = json.loads(cli(copy, "--days", "60", "--retention", "0.9,0.85", "--json").output)
    assert [r["desired_retention"] for r in data["retentions"]] == [0.85, 0.9]
    assert all(len(r["answers_per_day"]) == 60 for r in data["retentions"])
    assert data["retentions"][0]["knowledge"][-1]["day"] == 60
    assert copy.read_bytes() == before  # reading only


def test_bad_input_is_one_line(month_file: Path, tmp_path: Path) -> None:
    for args, message in [
        (("--retention", "0.5"), "quizapp: desired_retention must be from 0.7 to 0.99"),
        (("--retention", "0.9,high"), "quizapp: --retention needs numbers separated by commas"),
        (("--retention", ","), "quizapp: --retention needs at least one number"),
    ]:
        result = cli(month_file, *args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith(message), result.stderr
    empty = tmp_path / "empty.sqlite3"
    open_store(empty).close()
    result = cli(empty)
    assert result.exit_code == 1
    assert result.stderr == "quizapp: there are no cards to forecast: study a deck first\n"
    missing = tmp_path / "none" / "progress.sqlite3"
    assert cli(missing).exit_code == 1
    assert not missing.parent.exists()
    with sqlite3.connect(empty) as plain:
        assert plain.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def outlooks_ending_at(*ends: float) -> Forecast:
    """A forecast whose retentions end knowing `ends` cards, midway 20 more per step, as
    the trial-3 deck did: 578, 573, 600, 611 at 0.80-0.95 (means rising)."""
    outlooks = [
        Outlook(0.8 + 0.05 * i, [50.0] * 30, [5.0] * 30, [(15, 300.0 + 20 * i), (30, end)], 620.0)
        for i, end in enumerate(ends)
    ]
    profile = Profile((0.25, 0.25, 0.25, 0.25), (0.3, 0.4, 0.3), 10.0, 20.0)
    return Forecast(740_000, 30, 32, 592, 4, profile, outlooks)


def test_an_end_that_falls_as_retention_rises_is_explained() -> None:
    """The trial-3 student read 0.85 ending below 0.80 as advice. It is the last day's
    figure alone (cards started together come due together); the table says so, and its
    mean over the days shows the trend."""
    uneven = table_lines(outlooks_ending_at(578, 573, 600, 611))
    assert "known, mean" in uneven[0]
    means = [float(line.split()[-1].replace(",", "")) for line in uneven[1:5]]
    assert means == sorted(means) and means[0] == (300 + 578) / 2
    assert any("last day's alone" in line for line in uneven)
    even = table_lines(outlooks_ending_at(550, 557, 576, 588))
    assert not any("last day's alone" in line for line in even)
