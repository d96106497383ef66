"""The simulated learner's figures (issue 19): prints them, asserts nothing about them.

Run with `make perf`. The same simulation as tests/test_simulated_learner.py (control
learner, ideal scheduler: see tests/simulation.py), over more seeds and 90 days, with
the default settings and with review burying on. README "Scheduling" records the output.
"""

import random
from dataclasses import replace
from pathlib import Path

from quizapp.srs.calibration import calibrate
from quizapp.store.connection import open_store
from tests.simulation import Plan, Run, simulate_ideal, simulate_session

SEEDS = range(20261201, 20261206)
BASE = Plan(days=90, per_sibling=2)


def run_both(path: Path, plan: Plan) -> tuple[Run, Run]:
    random.seed(plan.seed)
    conn = open_store(path, synchronous="NORMAL")
    try:
        real = simulate_session(conn, plan)
    finally:
        conn.close()
    random.seed(plan.seed)
    return real, simulate_ideal(plan)


def share(flags: list[bool]) -> float:
    return sum(flags) / len(flags)


def summary(label: str, runs: list[tuple[Run, Run]]) -> None:
    """Pooled over the seeds: workload against the ideal, retention, calibration."""
    days = sum(real.plan.days for real, _ in runs)
    every = [review for real, _ in runs for review in real.reviews]
    ideal = [review for _, run in runs for review in run.reviews]
    steady = [review for real, _ in runs for review in real.steady]
    answers = sum(sum(real.answers_per_day) for real, _ in runs)
    calibration = calibrate((r.predicted, r.recalled) for r in every)
    print(f"\n== {label}: {len(runs)} seeds x {BASE.days} days, {BASE.cards} cards")
    print(
        f"reviews per day {len(every) / days:.2f}, ideal {len(ideal) / days:.2f} "
        f"(ratio {len(every) / len(ideal):.3f}); all answers per day {answers / days:.2f}"
    )
    print(
        f"retention on reviews {share([r.recalled for r in every]):.3f} "
        f"(ideal {share([r.recalled for r in ideal]):.3f}); stability >= 1 day "
        f"{share([r.recalled for r in steady]):.3f} ({len(steady)} of {len(every)} reviews)"
    )
    print(
        f"calibration: predicted {calibration.predicted:.3f}, achieved "
        f"{calibration.achieved:.3f}, error {calibration.error:.4f}"
    )
    for b in calibration.bins:
        if b.count:
            print(
                f"  R {b.low:.2f}-{b.high:.2f}: {b.count:5d} reviews, predicted "
                f"{b.predicted:.3f}, achieved {b.achieved:.3f}"
            )
    weeks = len(runs[0][0].weekly())
    weekly = []
    for week in range(weeks):
        pairs = [r.weekly()[week] for r, _ in runs if week < len(r.weekly())]
        count = sum(n for _, n in pairs)
        weekly.append(f"{sum(ret * n for ret, n in pairs) / count:.3f} ({count})")
    print("retention per week (reviews):", ", ".join(weekly))
    print("held at 1 day by the time of day:", sum(r.held for r, _ in runs))


def test_simulation_figures(tmp_path: Path) -> None:
    state = random.getstate()
    try:
        for number, (label, plan) in enumerate(
            [
                ("default settings, study at 09:00", replace(BASE, jitter_minutes=0)),
                ("default settings, study at 09:00 +-3 h", BASE),
                ("review siblings buried too, 09:00 +-3 h", replace(BASE, bury_reviews=True)),
            ]
        ):
            runs = [
                run_both(tmp_path / f"{number}-{seed}.sqlite3", replace(plan, seed=seed))
                for seed in SEEDS
            ]
            summary(label, runs)
    finally:
        random.setstate(state)
