"""Fitting FSRS parameters to the learner's own log (`quizapp optimize`), judged held out.

The learner is the simulated one of tests/simulation.py, studying 400 cards for 60 days
through the real session on a real file, with a memory that follows known FSRS
parameters other than fsrs's defaults: a learner who forgets faster (low first
stabilities, slow growth on recall, a larger drop on a lapse, another curve's shape). The scheduler runs on the defaults, so it mispredicts the
learner; the fit should find parameters that predict the learner's later reviews better,
nearly as well as the learner's true parameters do.
"""

import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fsrs import Card
from fsrs.scheduler import DEFAULT_PARAMETERS
from fsrs_rs_python import FSRS, FSRSItem, FSRSReview

from quizapp.cli import main
from quizapp.srs.config import load_config
from quizapp.srs.optimize import fit_parameters, review_items, score
from quizapp.store.connection import open_store
from quizapp.store.memory import days_and_ratings_by_card
from tests.simulation import Plan, simulate_session

TRUE_MEMORY = list(DEFAULT_PARAMETERS)
TRUE_MEMORY[0:4] = [0.05, 0.3, 0.6, 3.0]  # initial stability after Again, Hard, Good, Easy
TRUE_MEMORY[8] = 1.0  # stability grows more slowly on a recall
TRUE_MEMORY[11] = 0.8  # and falls further on a lapse
TRUE_MEMORY[20] = 0.5  # the forgetting curve's shape
SEED = 20261205


def simulated_file(folder: Path, memory: list[float]) -> Path:
    path = folder / "progress.sqlite3"
    state = random.getstate()
    random.seed(SEED)  # fsrs draws its fuzz from the global `random`
    conn = open_store(path, synchronous="NORMAL")
    try:
        simulate_session(conn, Plan(seed=SEED, memory=tuple(memory)))
    finally:
        conn.close()
        random.setstate(state)
    return path


@pytest.fixture(scope="module")
def learner_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return simulated_file(tmp_path_factory.mktemp("learner"), TRUE_MEMORY)


@pytest.fixture
def learner(learner_file: Path, tmp_path: Path) -> Path:
    """A fresh copy of the simulated learner's file for a test that changes it."""
    return Path(shutil.copyfile(learner_file, tmp_path / "progress.sqlite3"))


def cli(db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), *args])


def memory_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as plain:
        return plain.execute(
            "SELECT id, stability, difficulty, due FROM cards ORDER BY id"
        ).fetchall()


def settings_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as plain:
        return plain.execute("SELECT key, value FROM settings ORDER BY key").fetchall()


def test_fit_recovers_the_learners_memory_on_held_out_reviews(learner_file: Path) -> None:
    conn = open_store(learner_file)
    try:
        fit = fit_parameters(conn)
        held_out = [item.item for item in review_items(conn)[-fit.held_out :]]
    finally:
        conn.close()
    truth = score(TRUE_MEMORY, held_out)
    print(f"\ndefaults {fit.before}\nfitted   {fit.after}\ntruth    {truth}")
    assert fit.held_out >= 300
    assert fit.better
    assert fit.after.log_loss < fit.before.log_loss - 0.03
    assert fit.after.rmse_bins < fit.before.rmse_bins
    # Most of what knowing the learner's true parameters would gain (measured: 0.89).
    assert fit.before.log_loss - fit.after.log_loss > 0.7 * (fit.before.log_loss - truth.log_loss)
    # The first-answer stabilities the learner shows (Again, Good) move toward its own.
    for index in (0, 2):
        assert abs(fit.parameters[index] - TRUE_MEMORY[index]) < abs(
            DEFAULT_PARAMETERS[index] - TRUE_MEMORY[index]
        )


def test_a_learner_the_defaults_describe_gains_little(tmp_path: Path) -> None:
    """No large improvement is claimed where there is none to find; a fit that does not
    predict better is not stored."""
    path = simulated_file(tmp_path, list(DEFAULT_PARAMETERS))
    conn = open_store(path)
    try:
        fit = fit_parameters(conn)
    finally:
        conn.close()
    assert abs(fit.after.log_loss - fit.before.log_loss) < 0.01
    result = cli(path, "optimize")
    assert result.exit_code == 0, result.output
    assert ("nothing changed" in result.output) == (not fit.better)
    assert (settings_rows(path) == []) == (not fit.better)


def test_fitted_parameters_are_the_ones_the_fsrs_scheduler_runs(learner: Path) -> None:
    """fsrs-rs's memory state of each card's history, under the fitted parameters, is the
    one quizapp's fsrs scheduler stores after recomputing: the same model, the same
    21 parameters, read the same way."""
    assert cli(learner, "optimize").exit_code == 0
    conn = open_store(learner)
    try:
        parameters = load_config(conn).parameters
        model = FSRS(list(parameters))
        compared = 0
        for card, answers in days_and_ratings_by_card(conn):
            previous, history = answers[0][1], []
            for _, day, rating in answers:
                history.append(FSRSReview(rating, day - previous))
                previous = day
            expected = model.memory_state(FSRSItem(history))
            stored = Card.from_json(
                conn.execute("SELECT fsrs FROM cards WHERE id = ?", (card,)).fetchone()[0]
            )
            assert stored.stability == pytest.approx(expected.stability, rel=2e-3)
            assert stored.difficulty == pytest.approx(expected.difficulty, rel=2e-3)
            compared += 1
    finally:
        conn.close()
    assert compared == 400


def test_optimize_stores_the_fit_recomputes_memory_and_undo_restores(learner: Path) -> None:
    before_memory, before_settings = memory_rows(learner), settings_rows(learner)
    assert "`quizapp optimize` fits FSRS to your own memory" in cli(learner, "stats").output

    result = cli(learner, "optimize")
    assert result.exit_code == 0, result.output
    assert "parameters in use" in result.output and "fitted" in result.output
    assert "recomputed the memory state of 400 cards" in result.output
    conn = open_store(learner)
    try:
        fitted = load_config(conn).parameters
    finally:
        conn.close()
    assert fitted is not None and fitted != tuple(DEFAULT_PARAMETERS)
    after_memory = memory_rows(learner)
    assert [row[1:3] for row in after_memory] != [row[1:3] for row in before_memory]
    assert "fits FSRS" not in cli(learner, "stats").output  # no suggestion right after a fit

    undone = cli(learner, "optimize", "--undo")
    assert undone.exit_code == 0, undone.output
    assert "parameters = default" in undone.output
    assert memory_rows(learner) == before_memory  # replayed back to the very same states
    assert settings_rows(learner) == before_settings

    again = cli(learner, "optimize", "--undo")
    assert again.exit_code == 1
    assert again.stderr == "quizapp: there is no fit to undo\n"


def test_undo_returns_to_parameters_set_by_hand(learner: Path) -> None:
    hand = [round(w * 1.1, 4) if i in (0, 1, 2, 3) else w for i, w in enumerate(DEFAULT_PARAMETERS)]
    assert cli(learner, "config", "set", "parameters", ",".join(map(str, hand))).exit_code == 0
    assert "fits FSRS" not in cli(learner, "stats").output  # chosen by hand: not nagged
    assert cli(learner, "optimize").exit_code == 0
    assert cli(learner, "optimize", "--undo").exit_code == 0
    conn = open_store(learner)
    try:
        assert load_config(conn).parameters == tuple(hand)
    finally:
        conn.close()


def test_dry_run_stores_nothing(learner: Path) -> None:
    before = memory_rows(learner), settings_rows(learner)
    result = cli(learner, "optimize", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing stored." in result.output
    assert (memory_rows(learner), settings_rows(learner)) == before


def test_too_few_reviews_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "small.sqlite3"
    random.seed(1)
    conn = open_store(path, synchronous="NORMAL")
    try:
        simulate_session(conn, Plan(cards=20, days=10, seed=1))
    finally:
        conn.close()
    before = memory_rows(path), settings_rows(path)
    result = cli(path, "optimize")
    assert result.exit_code == 1
    assert result.stderr.startswith("quizapp: too few reviews to fit parameters: ")
    assert "of the 200 needed" in result.stderr
    assert (memory_rows(path), settings_rows(path)) == before


def test_a_missing_file_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "progress.sqlite3"
    for args in (["optimize"], ["optimize", "--undo"]):
        result = cli(missing, *args)
        assert result.exit_code == 1
        assert "there is no progress file" in result.stderr
    assert not (tmp_path / "none").exists()
