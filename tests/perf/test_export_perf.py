"""Benchmark: exporting the 10,000-entity synthetic deck's cards to an Anki package.

Each measurement runs in a fresh Python process, so its peak memory (max RSS) is its own.
The baseline, measured in the same run, is what every export has to do first: import
quizapp, load the deck and generate its cards. The export's own cost is the difference.
Prints medians of a few runs; asserts only that the package holds every card, not a time.
Run with `make perf`.
"""

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.perf.synthetic_deck import write_synthetic_deck

ENTITIES = 10_000
RUNS = 3
REPO = Path(__file__).parents[2]

MEASURE = """
import json, resource, sys, time
start = time.perf_counter()
{body}
print(json.dumps({{"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
BASELINE = """
from pathlib import Path
from quizapp.deck.loader import load_deck
from quizapp.export import select_cards
cards = len(select_cards([load_deck(Path(sys.argv[1]))]).cards)
"""
EXPORT = """
from quizapp.cli import main
main(["export", "anki", sys.argv[1], "-o", sys.argv[2], "--force"], standalone_mode=False)
"""


def _measure(body: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", MEASURE.format(body=body), *args],
            capture_output=True, text=True, check=True, env=env, cwd=REPO,
        )  # fmt: skip
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    runs.sort(key=lambda r: r["seconds"])
    return runs[len(runs) // 2]


def test_export_10k_entity_deck_to_apkg(tmp_path):
    root = write_synthetic_deck(tmp_path / "deck", ENTITIES)
    package = tmp_path / "synthetic.apkg"
    baseline = _measure(BASELINE, str(root))
    export = _measure(EXPORT, str(root), str(package))
    collection = tmp_path / "collection.anki2"
    with zipfile.ZipFile(package) as archive:
        collection.write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(collection)
    try:
        notes = conn.execute("select count(*) from notes").fetchone()[0]
    finally:
        conn.close()
    assert notes > ENTITIES
    print(
        f"\n{ENTITIES:,} entities, {notes:,} notes, .apkg {package.stat().st_size / 1e6:.1f} MB"
        f"\n  baseline (import, load, generate): {baseline['seconds']:.2f} s, "
        f"peak {baseline['peak_mb']:.0f} MB"
        f"\n  quizapp export anki (all of it):   {export['seconds']:.2f} s, "
        f"peak {export['peak_mb']:.0f} MB"
        f"\n  the export's own share: {export['seconds'] - baseline['seconds']:+.2f} s, "
        f"{export['peak_mb'] - baseline['peak_mb']:+.0f} MB"
    )
