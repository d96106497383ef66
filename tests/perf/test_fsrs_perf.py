"""Benchmarks of `quizapp optimize` and `quizapp forecast`; prints figures, asserts no times.

- Fitting parameters to 100,000 review answers (a learner log written here, from fsrs's
  default memory model): time and peak memory of a fresh process, beside a baseline
  process that only opens the file and reads the log into training items, and beside
  the recomputation of memory states that storing a fit runs.
- The forecast of 365 days for 4 desired retentions on the 50,000-card file of
  test_store_perf.py, beside Anki's own simulator (fsrs-rs, Rust) run in the same process
  for the same deck size, days and limits (it starts from new cards: the Python binding
  takes no existing memory states).
"""

import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs_rs_python
from fsrs import Rating

from quizapp.srs.config import StudyConfig
from quizapp.srs.forecast import DEFAULT_RETENTIONS, forecast, review
from quizapp.store.connection import open_store
from quizapp.store.timeutil import to_micros
from tests.perf.test_store_perf import bench_file, cached_file  # noqa: F401 (fixtures)

ANSWERS = 100_000
DAY = timedelta(days=1)


def write_log(path: Path, answers: int) -> None:
    """Cards studied as fsrs's default model says a learner remembers, until `answers`."""
    rng = random.Random(2026)
    scheduler = StudyConfig().scheduler(fuzz=False)
    decay = -scheduler.parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    conn = open_store(path, synchronous="OFF")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO decks VALUES ('bench', 'Benchmark', '1', 0)")
    logs, card = [], 0
    while len(logs) < answers:
        card += 1
        day = rng.randrange(300)
        first = Rating.Again if rng.random() < 0.3 else Rating.Good
        rows = [(day, int(first), 0), (day, int(Rating.Good), 1)]  # a learning step
        s = scheduler._initial_stability(rating=first)
        d = scheduler._initial_difficulty(rating=first, clamp=True)
        s = scheduler._short_term_stability(stability=s, rating=Rating.Good)
        while (interval := scheduler._next_interval(stability=s)) + day < 700:
            day += interval
            recall = (1 + factor * interval / s) ** decay
            rating = Rating.Good if rng.random() < recall else Rating.Again
            rows.append((day, int(rating), 2))
            s, d = review(scheduler, s, d, recall, rating)
        for index, (day, rating, state) in enumerate(rows):
            at = to_micros(start + day * DAY + timedelta(minutes=index))
            logs.append((card, at, day + 738_000, rating, 8000, state, "{}", "{}", "{}"))
        conn.execute(
            "INSERT INTO cards(id, card_id, deck_id, kind, topic, content_hash, sibling_key, "
            "created_at, updated_at) VALUES (?, 'bench:' || ?, 'bench', 'basic', 't', 'h', "
            "'s' || ?, 0, 0)",
            (card, card, card),
        )
    conn.executemany(
        "INSERT INTO review_log(card, reviewed_at, day, rating, duration_ms, state_before, "
        "state_after, card_before, card_after, undo) VALUES (?, ?, ?, ?, ?, ?, 2, ?, ?, ?)",
        logs[:answers],
    )
    conn.execute("COMMIT")
    conn.close()


READ_ONLY = """
import resource, sys, time
from quizapp.store.connection import open_store
from quizapp.srs.optimize import review_items
conn = open_store(sys.argv[1])
started = time.perf_counter()
items = review_items(conn)
print(time.perf_counter() - started, len(items), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

FIT = """
import resource, sys, time
from quizapp.store.connection import open_store
from quizapp.srs.optimize import fit_parameters
conn = open_store(sys.argv[1])
started = time.perf_counter()
fit = fit_parameters(conn)
print(time.perf_counter() - started, fit.items, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(fit.before, fit.after)
"""


def child(script: str, path: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], check=True, capture_output=True, text=True
    )
    return done.stdout.split("\n")


def test_fit_parameters_on_100000_answers(tmp_path: Path) -> None:
    from quizapp.srs.optimize import apply_fit, fit_parameters

    path = tmp_path / "log.sqlite3"
    write_log(path, ANSWERS)
    read_s, items, read_kib = child(READ_ONLY, path)[0].split()
    fit_line, scores = child(FIT, path)[:2]
    fit_s, _, fit_kib = fit_line.split()
    conn = open_store(path)
    fit = fit_parameters(conn)
    started = time.perf_counter()
    applied = apply_fit(conn, fit, datetime.now(UTC))
    recompute_s = time.perf_counter() - started
    conn.close()
    print(
        f"\nfit on {ANSWERS:,} answers ({int(items):,} training items)\n"
        f"  read the log into items  {float(read_s):6.2f} s   peak {int(read_kib) / 1024:6.0f} MiB"
        "   (baseline process)\n"
        f"  fit_parameters           {float(fit_s):6.2f} s   peak {int(fit_kib) / 1024:6.0f} MiB"
        "   (read + 2 fits + 2 scores)\n"
        f"  store: recompute {applied.cards:,} cards {recompute_s:6.2f} s\n"
        f"  held-out {scores}"
    )


def test_forecast_365_days_on_50000_cards(cached_file: Path) -> None:  # noqa: F811
    conn = open_store(cached_file)
    started = time.perf_counter()
    result = forecast(conn, 365, DEFAULT_RETENTIONS)
    ours = time.perf_counter() - started
    conn.close()
    config = fsrs_rs_python.default_simulator_config()
    config.deck_size, config.learn_span = result.cards + result.new_cards, 365
    config.learn_limit, config.review_limit = (
        StudyConfig().new_per_day,
        StudyConfig().reviews_per_day,
    )
    config.max_cost_perday = 10**9
    started = time.perf_counter()
    for retention in DEFAULT_RETENTIONS:
        fsrs_rs_python.simulate(fsrs_rs_python.DEFAULT_PARAMETERS, retention, config, 1)
    anki = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nforecast 365 days x {len(DEFAULT_RETENTIONS)} retentions, "
        f"{result.cards:,} answered + {result.new_cards:,} new cards\n"
        f"  quizapp forecast (Python)          {ours:6.2f} s   (process peak {peak:.0f} MiB)\n"
        f"  Anki's simulator (fsrs-rs, Rust)   {anki:6.2f} s   (baseline, from new cards)"
    )
    for outlook in result.outlooks:
        print(
            f"  {outlook.desired_retention:.2f}: {sum(outlook.answers) / 365:6.1f} answers/day, "
            f"{sum(outlook.minutes) / 365:5.1f} min/day, recall at end {outlook.retention:.1%}"
        )
