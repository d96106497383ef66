"""Benchmark of the progress file at Anki scale; prints figures, asserts nothing about time.

Run with `make perf`. Shape (issue 5): 50,000 cards, 800,000 review rows, 80% of cards in
review with due dates spread over -30..+60 days. The file is built once per day and
schema version and cached in the temp folder; each run studies a copy of it.

Anchor (Anki 26.9 Rust backend, same shape, this kind of machine): open 78 ms,
first card 23 ms; answer + next is measured beside the real `anki` package in the same
run (`test_answer_next_side_by_side_with_anki`).
"""

import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from quizapp.srs.config import StudyConfig
from quizapp.srs.session import StudySession
from quizapp.srs.stats import memory_stats, stats_today
from quizapp.store.connection import open_store
from quizapp.store.schema import MIGRATIONS
from quizapp.store.timeutil import to_micros
from tests.perf.timing import median_seconds, seconds

CARDS = 50_000
REVIEWS = 800_000
DAY = timedelta(days=1)


def build(path: Path, now: datetime, n_cards: int = CARDS, n_reviews: int = REVIEWS) -> None:
    """Write the synthetic file with a few executemany calls in one transaction."""
    rng = random.Random(2026)
    conn = open_store(path, synchronous="OFF")
    stamp = to_micros(now)
    topics = [f"topic{i:02d}" for i in range(40)]
    cards, logs = [], []
    for rowid in range(1, n_cards + 1):
        roll = rng.random()
        if roll < 0.80:
            state = 2
        elif roll < 0.85:
            state = rng.choice((1, 3))
        else:
            state = 0
        if state == 0:
            cards.append((rowid, 0, 0, None, None, None, None, 0, 0))
            continue
        if state == 2:
            due = now + timedelta(days=rng.uniform(-30, 60))
            interval = timedelta(days=rng.uniform(1, 120))
        else:
            due = now + timedelta(minutes=rng.uniform(30, 600))  # later today
            interval = timedelta(minutes=10)
        last = min(due - interval, now - DAY)  # nothing answered yet today
        stability, difficulty = interval.days + 1.5, rng.uniform(1, 10)
        fsrs = json.dumps(
            {
                "card_id": rowid,
                "state": state,
                "step": None if state == 2 else 0,
                "stability": stability,
                "difficulty": difficulty,
                "due": due.isoformat(),
                "last_review": last.isoformat(),
            }
        )
        cards.append(
            (rowid, state, to_micros(due), to_micros(last), stability, difficulty, fsrs, 16, 1)
        )
    reviewed = [c for c in cards if c[1] != 0]
    undo = json.dumps({"schedule": {"state": 2, "due": 0, "reps": 1}, "buried": []})
    for index in range(n_reviews):
        card = reviewed[index % len(reviewed)]
        when = card[3] - rng.randint(0, 400) * 86_400_000_000
        day = (datetime(1970, 1, 1) + timedelta(microseconds=when)).toordinal()
        logs.append(
            (card[0], when, day, rng.choice((1, 3, 3, 3, 4)), 6000, 2, 2, card[6], card[6], undo)
        )
    conn.execute("BEGIN")
    conn.execute("INSERT INTO decks VALUES ('bench', 'Benchmark', '1', ?)", (stamp,))
    conn.executemany(
        "INSERT INTO cards(id, card_id, deck_id, kind, topic, content_hash, sibling_key, "
        "state, due, last_review, stability, difficulty, fsrs, reps, lapses, "
        "created_at, updated_at) VALUES (?, 'bench:' || ?, 'bench', 'basic', ?, 'h', "
        "'s' || ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((c[0], c[0], topics[c[0] % 40], c[0] // 3, *c[1:], stamp, stamp) for c in cards),
    )
    conn.executemany(
        "INSERT INTO review_log(card, reviewed_at, day, rating, duration_ms, state_before, "
        "state_after, card_before, card_after, undo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        logs,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def synthetic_file(n_cards: int, n_reviews: int) -> Path:
    """The synthetic file of this shape, built once per day and schema version."""
    now = datetime.now(UTC)
    schema = hashlib.sha256(repr(MIGRATIONS).encode()).hexdigest()[:10]
    cached = Path(tempfile.gettempdir()) / (
        f"quizapp-perf-{schema}-{now:%Y%m%d}-{n_cards}-{n_reviews}.sqlite3"
    )
    if not cached.exists():
        started = time.perf_counter()
        partial = cached.with_suffix(".partial")
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink()
        build(partial, now, n_cards, n_reviews)
        partial.rename(cached)
        print(f"\nbuilt {cached} in {time.perf_counter() - started:.1f} s")
    return cached


@pytest.fixture(scope="module")
def cached_file() -> Path:
    return synthetic_file(CARDS, REVIEWS)


def flushed_copy(source: Path, copy: Path) -> Path:
    """A copy of `source`, flushed now: otherwise the first fsync of the run (the first
    answer) pays for writing out the whole freshly copied file, which a real file never does."""
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, copy)
    with copy.open("rb+") as handle:
        os.fsync(handle.fileno())
    return copy


@pytest.fixture
def bench_file(cached_file: Path, tmp_path: Path) -> Path:
    """A fresh copy per measurement, so one run's answers do not use up the next's limits."""
    return flushed_copy(cached_file, tmp_path / "progress.sqlite3")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


FIRST_CARD = """
import sys, time
from pathlib import Path
from quizapp.store.connection import open_store
from quizapp.srs.session import StudySession
conn = open_store(Path(sys.argv[1]))
entry = StudySession(conn).next_card()
print(entry.card_id)
"""


def test_new_process_to_first_card(bench_file):
    """What a learner waits for: Python start, imports, open, first card (no TUI)."""
    median = median_seconds(
        lambda: subprocess.run(
            [sys.executable, "-c", FIRST_CARD, str(bench_file)], check=True, capture_output=True
        ),
        5,
    )
    print(f"\n  new process -> first card   median {ms(median)} of 5 runs")


@pytest.mark.parametrize("synchronous", ["FULL", "NORMAL"])
def test_open_first_card_answer_next_stats(bench_file, synchronous):
    config = StudyConfig(timezone="UTC")
    t0 = time.perf_counter()
    conn = open_store(bench_file, synchronous=synchronous)
    t1 = time.perf_counter()
    session = StudySession(conn, config)
    entry = session.next_card()
    t2 = time.perf_counter()
    assert entry is not None
    rng = random.Random(7)
    timings = []
    for _ in range(200):
        started = time.perf_counter()
        session.answer(entry.card_id, rng.choice(list(Rating)), duration_ms=4000)
        entry = session.next_card()
        timings.append(time.perf_counter() - started)
        assert entry is not None
    timings.sort()
    t3 = time.perf_counter()
    result = stats_today(conn, config=config)
    t4 = time.perf_counter()
    counts = session.counts()
    t5 = time.perf_counter()
    memory = memory_stats(conn, config=config)
    t6 = time.perf_counter()
    size = bench_file.stat().st_size / 2**20
    print(
        f"\n[synchronous={synchronous}] file {size:.0f} MiB, {CARDS} cards, {REVIEWS} reviews\n"
        f"  open                 {ms(t1 - t0)}   (Anki 78 ms)\n"
        f"  first due card       {ms(t2 - t1)}   (Anki 23 ms)\n"
        f"  answer + next card   median {ms(statistics.median(timings))}, "
        f"p95 {ms(timings[int(len(timings) * 0.95)])}, max {ms(timings[-1])}   "
        "(Anki: see the side-by-side test)\n"
        f"  stats                {ms(t4 - t3)}   (due today {result.due_today}, "
        f"{len(result.topics)} topics)\n"
        f"  counts               {ms(t5 - t4)}   {counts}\n"
        f"  memory + calibration {ms(t6 - t5)}   ({memory.review_cards} review cards, "
        f"{memory.calibration.count} answers in {memory.days} days)"
    )
    conn.close()


BLOCKS, PER_BLOCK = 12, 25


@pytest.mark.parametrize("synchronous", ["FULL", "OFF"])
def test_answer_next_side_by_side_with_anki(
    bench_file: Path, tmp_path: Path, synchronous: str
) -> None:
    """Answer + next card, ours and Anki's (the `anki` package: Anki's Rust backend, as its
    reviewer calls it) on files of the same shape, both at `synchronous=FULL` (Anki's own
    setting), in interleaved blocks so both see the same load on this shared machine.
    Both decks allow 9,999 reviews a day, so neither runs out. At `synchronous=OFF` (both)
    no answer waits for the disk: what remains is each program's own work, which a busy
    disk no longer hides."""
    from tests.perf.anki_collection import AnkiStudy, cached_collection

    anki_file = cached_collection(CARDS, REVIEWS)
    anki = AnkiStudy(flushed_copy(anki_file, tmp_path / "anki" / "collection.anki2"))
    assert anki.synchronous == 2  # FULL, Anki's own setting
    if synchronous == "OFF":
        anki.col.db.execute("PRAGMA synchronous = OFF")
    conn = open_store(bench_file, synchronous=synchronous)
    session = StudySession(conn, StudyConfig(timezone="UTC", reviews_per_day=9999))
    entry = session.next_card()
    rng = random.Random(7)
    ratings = [rng.choice(list(Rating)) for _ in range(BLOCKS * PER_BLOCK)]
    ours, theirs, ratios = [], [], []

    def answer_ours(rating: Rating) -> None:
        nonlocal entry
        session.answer(entry.card_id, rating, duration_ms=4000)
        entry = session.next_card()
        assert entry is not None

    for block in range(BLOCKS):
        chunk = ratings[block * PER_BLOCK : (block + 1) * PER_BLOCK]
        mine = [seconds(lambda r=r: answer_ours(r)) for r in chunk]
        anki_times = [seconds(lambda r=r: anki.answer_and_next(int(r))) for r in chunk]
        ours += mine
        theirs += anki_times
        ratios.append(statistics.median(mine) / statistics.median(anki_times))
    conn.close()
    anki.close()
    ours.sort()
    theirs.sort()
    p95 = int(len(ours) * 0.95)
    ratios.sort()
    print(
        f"\nanswer + next card, {CARDS:,} cards / {REVIEWS:,} reviews, synchronous={synchronous}, "
        f"{BLOCKS} interleaved blocks of {PER_BLOCK}\n"
        f"  quizapp  median {ms(statistics.median(ours))}, p95 {ms(ours[p95])}\n"
        f"  Anki     median {ms(statistics.median(theirs))}, p95 {ms(theirs[p95])}\n"
        f"  ratio of medians {statistics.median(ours) / statistics.median(theirs):.2f}x "
        f"(per block {ratios[0]:.2f}-{ratios[-1]:.2f}x, median "
        f"{statistics.median(ratios):.2f}x); p95 ratio {ours[p95] / theirs[p95]:.2f}x"
    )


def test_recompute_memory_states(bench_file):
    """Changing FSRS parameters replays every answer (issue 19), in one transaction."""
    from fsrs.scheduler import DEFAULT_PARAMETERS

    from quizapp.srs.recompute import change_memory_settings

    longer = [w * 1.5 if i < 4 else w for i, w in enumerate(DEFAULT_PARAMETERS)]
    conn = open_store(bench_file)
    started = time.perf_counter()
    result = change_memory_settings(conn, {"parameters": longer}, reschedule=True)
    elapsed = time.perf_counter() - started
    conn.close()
    print(
        f"\n  recompute memory states  {elapsed:.1f} s for {result.cards} cards, {REVIEWS} "
        f"answers ({elapsed / REVIEWS * 1e6:.1f} us an answer), "
        f"{result.rescheduled} rescheduled"
    )


def stats_seconds(path: Path, runs: int = 5) -> dict[str, float]:
    """Median times of the statistics home and the statistics screen show (all decks, one
    deck, and the per-topic part alone), on a read-only connection as their workers open
    it; and of one full scan of the cards table."""
    from quizapp.store import stats as store_stats
    from quizapp.store.connection import open_reader

    conn = open_reader(path)
    config = StudyConfig(timezone="UTC")
    whole = stats_today(conn, config=config)  # warm the cache, as a second visit would be
    params = {"day": whole.day, "deck": None, "topic_days": 30}

    def per_topic() -> None:  # the query that grew 8x from 50k to 200k cards (issue 18)
        store_stats._topics(conn, params, store_stats._topic_counts(conn, params))

    times = {
        "stats": median_seconds(lambda: stats_today(conn, config=config), runs),
        "deck": median_seconds(lambda: stats_today(conn, "bench", config=config), runs),
        "topics": median_seconds(per_topic, runs),
        "scan": median_seconds(
            lambda: conn.execute("SELECT sum(length(fsrs)) FROM cards").fetchone(), runs
        ),
    }
    conn.close()
    return times


def test_statistics_at_scale(cached_file: Path) -> None:
    big = synthetic_file(200_000, 3_200_000)
    small = stats_seconds(cached_file)
    large = stats_seconds(big)

    def line(times: dict[str, float]) -> str:
        return (
            f"{ms(times['stats'])}   one deck {ms(times['deck'])}, per topic "
            f"{ms(times['topics'])}   (one scan of the cards table: {ms(times['scan'])}; "
            f"{times['stats'] / times['scan']:.2f}x it)"
        )

    print(
        "\nstatistics (stats_today: counts, forecast, retention, streak, topics), median of 5\n"
        f"  50,000 cards / 800,000 reviews      {line(small)}\n"
        f"  200,000 cards / 3,200,000 reviews   {line(large)}; "
        f"{large['stats'] / small['stats']:.2f}x the 50k file"
    )
