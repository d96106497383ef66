"""Benchmark: validating a generated 10,000-entity deck (against PyYAML's C loader), and the
peak memory of `quizapp validate` on it and on a 15,000-entity (4 MB) deck.

Prints figures; asserts nothing about time. Run with `make perf`.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from quizapp.deck.loader import check_deck
from quizapp.gc_policy import paused_gc
from tests.perf.synthetic_deck import write_synthetic_deck

RUNS = 5


def _c_loader(files: list[Path]) -> None:
    """PyYAML's C loader on every file, the collector off as it is while we validate."""
    with paused_gc():
        for file in files:
            yaml.load(file.read_text(), Loader=yaml.CSafeLoader)


def test_validate_10k_entity_deck(tmp_path: Path):
    """Validation against PyYAML's C loader with the collector off (the collector is off
    while decks load), in interleaved runs: the machine is shared, so the per-run ratios
    are the figure; CPU time is printed beside wall time."""
    root = write_synthetic_deck(tmp_path / "deck", 10_000)
    files = sorted(root.parent.glob("*.yaml"))
    size = sum(f.stat().st_size for f in files)
    result = check_deck(root)
    assert result.deck is not None, result.problems[:5]
    assert len(result.deck.entities) == 10_000
    walls, cpus = [], []
    for _ in range(RUNS):
        ours = _times(lambda: check_deck(root))
        theirs = _times(lambda: _c_loader(files))
        walls.append((ours[0], theirs[0]))
        cpus.append((ours[1], theirs[1]))
    wall_ratios = sorted(a / b for a, b in walls)
    cpu_ratios = sorted(a / b for a, b in cpus)
    print(
        f"\nvalidate 10,000 entities, {len(result.deck.relations):,} relations "
        f"({size / 1e6:.1f} MB YAML), {RUNS} interleaved runs:\n"
        f"  validate {_range(a for a, _ in walls)} s; PyYAML C loader, collector off: "
        f"{_range(b for _, b in walls)} s\n"
        f"  ratio (wall) {wall_ratios[0]:.2f}-{wall_ratios[-1]:.2f}, median "
        f"{statistics.median(wall_ratios):.2f}; CPU time ratio {cpu_ratios[0]:.2f}-"
        f"{cpu_ratios[-1]:.2f}, median {statistics.median(cpu_ratios):.2f}"
    )


def _times(action) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _range(values) -> str:
    ordered = sorted(values)
    return f"{ordered[0]:.2f}-{ordered[-1]:.2f}"


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
