from pathlib import Path

import pytest

from quizapp.deck.loader import check_deck, load_deck
from quizapp.deck.model import Deck

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parents[2]
IIM = REPO / "decks" / "iim" / "deck.yaml"


@pytest.fixture(scope="session")
def small() -> Deck:
    return load_deck(DATA / "small.yaml")


@pytest.fixture(scope="session")
def twins() -> Deck:
    return load_deck(DATA / "twins.yaml")


@pytest.fixture(scope="session")
def iim() -> Deck:
    result = check_deck(IIM)
    assert result.deck is not None, "the bundled IIM deck must validate"
    return result.deck


def twins_losing_gamma(tmp_path: Path) -> Path:
    """twins.yaml (in a folder of its own) whose bp-gamma denies only two signs: its stem
    rules out too few other conditions for a diagnosis item."""
    deck = tmp_path / "decks" / "twins.yaml"
    deck.parent.mkdir()
    deck.write_text(
        (DATA / "twins.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "negative: [sign-alpha, sign-beta, sign-delta, sign-epsilon, sign-zeta]",
            "negative: [sign-alpha, sign-beta]",
        ),
        encoding="utf-8",
    )
    return deck
