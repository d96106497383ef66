"""Benchmark: generating every card of a 10,000-entity deck vs parsing its YAML with the C loader.

Prints both medians and their ratio (target: generation under 3x the parse); it asserts
only that generation produced cards, not a time. Run with `make perf`.
"""

from pathlib import Path

import yaml

from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck, lint_deck
from tests.perf.synthetic_deck import write_synthetic_deck
from tests.perf.timing import median_seconds

ENTITIES = 10_000
RUNS = 5


def _parse(root: Path) -> None:
    for path in sorted(root.parent.glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def test_generate_10k_entity_deck(tmp_path):
    root = write_synthetic_deck(tmp_path / "deck", ENTITIES)
    deck = load_deck(root)
    generated = generate_deck(deck)
    assert len(generated.cards) > ENTITIES
    parse = median_seconds(lambda: _parse(root), RUNS)
    generate = median_seconds(lambda: generate_deck(deck), RUNS)
    print(
        f"\n{ENTITIES:,} entities, {len(generated.cards):,} cards "
        f"({sum(c.kind == 'vignette' for c in generated.cards)} vignettes, "
        f"{len(generated.findings)} findings): C-loader parse {parse:.3f} s, "
        f"generate {generate:.3f} s, ratio {generate / parse:.2f}x (target < 3x)"
    )


def test_lint_iim_deck_over_50_seeds():
    """Vignette rendering is not in the synthetic deck's figure (its blueprints rule out
    too little to yield items), so lint the IIM deck: every vignette over 50 seeds."""
    iim = Path(__file__).parents[2] / "decks" / "iim" / "deck.yaml"
    deck = load_deck(iim)
    renders = sum(c.kind == "vignette" for c in generate_deck(deck).cards) * 50
    seconds = median_seconds(lambda: lint_deck(deck, seeds=50), RUNS)
    print(f"\nIIM lint: {renders:,} vignette renderings + all MCQs in {seconds:.2f} s")
