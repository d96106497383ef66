"""Benchmark: `quizapp import anki` of a collection with many reviews.

The synthetic deck's cards are exported with `quizapp export anki`, imported into a real
Anki collection, given a plausible review history (learning steps, reviews at growing
intervals, lapses with relearning) written straight into Anki's revlog, and exported by
Anki as a collection package (.colpkg, zstd). Each measurement runs in a fresh Python
process, so its peak memory is its own. The baseline is what every import does first:
import quizapp and load and generate the decks. Prints medians; asserts only that every
review arrived. Run with `make perf`.
"""

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.export.anki_helpers import collection, import_package
from tests.perf.synthetic_deck import write_synthetic_deck

ENTITIES = 10_000
RUNS = 3
REPO = Path(__file__).parents[2]
DAY_MS = 86_400_000

MEASURE = """
import json, resource, sys, time
start = time.perf_counter()
{body}
print(json.dumps({{"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
BASELINE = """
from pathlib import Path
from quizapp.library import load_library
cards = len(load_library(Path(sys.argv[1])).cards)
"""
IMPORT = """
from quizapp.cli import main
main(["--db", sys.argv[2], "--decks", sys.argv[1], "import", "anki", sys.argv[3]],
     standalone_mode=False)
"""


def _history(rng: random.Random, card: int, start_ms: int) -> list[tuple]:
    """(id, cid, usn, ease, ivl, lastIvl, factor, time, type) rows of one card's log; every
    time is `start_ms` plus a multiple of ten minutes, so distinct starts below ten minutes
    apart never give two entries the same id."""
    rows, at, interval = [], start_ms, 1
    for _ in range(2):  # two learning steps, ten minutes apart
        rows.append((at, card, -1, 3, -600, -60, 0, rng.randint(2000, 20000), 0))
        at += 600_000
    for _ in range(9):
        at += interval * DAY_MS
        ease = 1 if rng.random() < 0.1 else rng.choice((3, 3, 3, 2, 4))
        rows.append((at, card, -1, ease, interval, interval, 2500, rng.randint(2000, 30000), 1))
        if ease == 1:
            at += 600_000
            rows.append((at, card, -1, 3, 1, -600, 2300, rng.randint(2000, 20000), 2))
            interval = 1
        else:
            interval = max(1, round(interval * 2.5))
    return rows


def _package(folder: Path, decks: Path) -> tuple[Path, int]:
    """The collection package, and how many of its log entries are answers."""
    apkg = folder / "synthetic.apkg"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(
        [sys.executable, "-m", "quizapp", "export", "anki", str(decks), "-o", str(apkg)],
        check=True, env=env, cwd=REPO, capture_output=True,
    )  # fmt: skip
    anki = folder / "anki"
    anki.mkdir()
    with collection(anki) as col:
        import_package(col, apkg)
        cards = col.find_cards("")
    rng, start = random.Random(7), int(time.time() * 1000) - 2000 * DAY_MS
    rows = [row for i, cid in enumerate(cards) for row in _history(rng, cid, start + i)]
    conn = sqlite3.connect(anki / "collection.anki2")  # far faster than Anki's DB proxy
    with conn:
        conn.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()
    package = folder / "synthetic.colpkg"
    with collection(anki) as col:
        col.export_collection_package(str(package), include_media=False, legacy=False)
        col.reopen()
    return package, len(rows)


def _run(body: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE.format(body=body), *args],
        capture_output=True, text=True, check=True, env=env, cwd=REPO,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def test_import_of_a_collection_with_many_reviews(tmp_path):
    decks = tmp_path / "decks"
    write_synthetic_deck(decks / "synthetic", ENTITIES)
    package, reviews = _package(tmp_path, decks)
    baseline = _median([_run(BASELINE, str(decks)) for _ in range(RUNS)])
    first, again = [], []
    for run in range(RUNS):
        db = tmp_path / f"progress-{run}.sqlite3"
        first.append(_run(IMPORT, str(decks), str(db), str(package)))
        again.append(_run(IMPORT, str(decks), str(db), str(package)))
    conn = sqlite3.connect(tmp_path / "progress-0.sqlite3")
    try:
        logged, cards = conn.execute(
            "SELECT count(*), count(DISTINCT card) FROM review_log"
        ).fetchone()
    finally:
        conn.close()
    assert logged == reviews
    first, again = _median(first), _median(again)
    size = package.stat().st_size / 1e6
    print(
        f"\n{ENTITIES:,} entities, {cards:,} cards, {reviews:,} reviews, .colpkg {size:.1f} MB"
        f"\n  baseline (import, load, generate): {baseline['seconds']:.2f} s, "
        f"peak {baseline['peak_mb']:.0f} MB"
        f"\n  quizapp import anki (all of it):   {first['seconds']:.2f} s, "
        f"peak {first['peak_mb']:.0f} MB"
        f"\n  the import's own share: {first['seconds'] - baseline['seconds']:+.2f} s "
        f"({reviews / max(0.001, first['seconds'] - baseline['seconds']):,.0f} reviews/s), "
        f"{first['peak_mb'] - baseline['peak_mb']:+.0f} MB"
        f"\n  the same package again (adds nothing): {again['seconds']:.2f} s"
    )
    shutil.rmtree(tmp_path / "anki")
