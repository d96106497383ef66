"""Benchmark: validating a generated 10,000-entity deck (target: under 2 s here), and the
peak memory of `quizapp validate` on it and on a 15,000-entity (4 MB) deck.

Prints figures; asserts nothing about time. Run with `make perf`.
"""

import os
import subprocess
import sys
from pathlib import Path

import yaml

from quizapp.deck.loader import check_deck
from tests.perf.synthetic_deck import write_synthetic_deck
from tests.perf.timing import median_seconds

RUNS = 3


def test_validate_10k_entity_deck(tmp_path: Path):
    root = write_synthetic_deck(tmp_path / "deck", 10_000)
    files = sorted(root.parent.glob("*.yaml"))
    size = sum(f.stat().st_size for f in files)
    result = check_deck(root)
    assert result.deck is not None, result.problems[:5]
    assert len(result.deck.entities) == 10_000

    validate = median_seconds(lambda: check_deck(root), RUNS)
    c_loader = median_seconds(
        lambda: [yaml.load(f.read_text(), Loader=yaml.CSafeLoader) for f in files], RUNS
    )
    print(
        f"\nvalidate 10,000 entities, {len(result.deck.relations):,} relations "
        f"({size / 1e6:.1f} MB YAML): {validate:.2f} s median of {RUNS}; "
        f"PyYAML C loader alone: {c_loader:.2f} s; ratio {validate / c_loader:.2f}"
    )


ROOT = Path(__file__).resolve().parents[2]
# VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child started from this
# test would report at least the test process's own peak.
PEAK = (
    "import runpy, sys; sys.argv = ['quizapp', 'validate', sys.argv[1]]\n"
    "try: runpy.run_module('quizapp', run_name='__main__')\n"
    "except SystemExit: pass\n"
    "print(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])"
)


def test_validate_peak_memory(tmp_path: Path):
    """Each run in a fresh process, so its peak (max RSS) is its own. Issue 17.7: 276 and
    405 MB before located values were slimmed (a __dict__ per string, a Location per value)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for entities in (10_000, 15_000):
        root = write_synthetic_deck(tmp_path / str(entities), entities)
        size = sum(f.stat().st_size for f in root.parent.glob("*.yaml"))
        run = subprocess.run(
            [sys.executable, "-c", PEAK, str(root.parent)],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        assert "0 error(s)" in run.stderr, run.stderr
        peak_mb = int(run.stdout.split()[-1]) / 1024
        print(
            f"\nquizapp validate, {entities:,} entities ({size / 1e6:.1f} MB): peak {peak_mb:.0f} MB"
        )
