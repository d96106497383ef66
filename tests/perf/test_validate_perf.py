"""Benchmark: validating a generated 10,000-entity deck (target: under 2 s here).

Prints figures; asserts nothing about time. Run with `make perf`.
"""

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
