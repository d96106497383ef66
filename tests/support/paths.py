"""Where the repository's decks and the tests' data files are."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DECKS = REPO / "decks"
IIM_DECK = DECKS / "iim" / "deck.yaml"  # the bundled IIM deck (its tests must never skip)
METABOLIC_DECK = DECKS / "metabolic" / "deck.yaml"
DECK_DATA = REPO / "tests" / "deck" / "data"  # mini.yaml and format 2 samples
MINI_DECK = DECK_DATA / "mini.yaml"
GENERATE_DATA = REPO / "tests" / "generate" / "data"
SMALL_DECK = GENERATE_DATA / "small.yaml"  # every card kind, in one small file
