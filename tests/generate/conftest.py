"""Decks for the generator tests (their helpers are in tests.generate.helpers)."""

from pathlib import Path

import pytest

from quizapp.deck.loader import check_deck, load_deck
from quizapp.deck.model import Deck
from tests.generate.helpers import DATA, FORMAT2
from tests.support.paths import IIM_DECK, METABOLIC_DECK


@pytest.fixture(scope="session")
def small() -> Deck:
    return load_deck(DATA / "small.yaml")


@pytest.fixture(scope="session")
def metabolic() -> Deck:
    return load_deck(METABOLIC_DECK)


@pytest.fixture(scope="session")
def metabolic_cards(metabolic: Deck) -> dict:
    """The bundled metabolic deck's generated cards, by id."""
    from quizapp.generate import generate_deck

    return {c.id: c for c in generate_deck(metabolic).cards}


@pytest.fixture(scope="session")
def twins() -> Deck:
    return load_deck(DATA / "twins.yaml")


@pytest.fixture(scope="session")
def iim() -> Deck:
    result = check_deck(IIM_DECK)
    assert result.deck is not None, "the bundled IIM deck must validate"
    return result.deck


@pytest.fixture
def variant(tmp_path: Path):
    """variant(name, {old: new, ...}) -> a copy of the format 2 test deck `name` (with the
    shared/base.yaml) in tmp_path, each `old` text replaced once by `new` (asserted found)."""

    def _variant(name: str, changes: dict[str, str]) -> Path:
        text = (FORMAT2 / name).read_text(encoding="utf-8")
        for old, new in changes.items():
            assert old in text, old
            text = text.replace(old, new, 1)
        (tmp_path / "shared").mkdir(exist_ok=True)
        shared = FORMAT2 / "shared" / "base.yaml"
        (tmp_path / "shared" / "base.yaml").write_bytes(shared.read_bytes())
        root = tmp_path / name
        root.write_text(text, encoding="utf-8")
        return root

    return _variant
