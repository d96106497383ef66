"""What author trial 2 (issue 13) found, on the periodic-paralysis deck the author wrote.

data/trial-pp is that deck, as written from decks/README.md alone, less the relation note
the author added only so that "Andersen-Tawil" kept its capitals.
"""

import re
from pathlib import Path

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck
from quizapp.generate.card import Card
from quizapp.generate.index import build_index
from tests.generate.helpers import card_texts, generated_vignettes

TRIAL = Path(__file__).parent / "data" / "trial-pp" / "deck.yaml"
SEEDS = range(8)


@pytest.fixture(scope="module")
def deck():
    return load_deck(TRIAL)


@pytest.fixture(scope="module")
def cards(deck) -> list[Card]:
    return generate_deck(deck).cards


@pytest.fixture(scope="module")
def vignettes(deck, cards) -> list[Card]:
    return generated_vignettes(deck, cards, SEEDS)


def test_a_hyphenated_eponym_keeps_its_capitals_though_no_text_writes_it_mid_sentence(
    deck, cards, vignettes
):
    assert "Andersen-Tawil" not in build_index(deck).proper  # nothing the deck writes
    said = [t for c in cards + vignettes for t in card_texts(c) if "ndersen-Tawil" in t]
    assert said
    for text in said:
        assert not re.search(r"\bandersen-Tawil", text), text


def _copy(tmp_path: Path, edit) -> Path:
    """The trial deck in `tmp_path`, with `edit(file name, text) -> text` applied."""
    for f in TRIAL.parent.glob("*.yaml"):
        (tmp_path / f.name).write_text(edit(f.name, f.read_text()))
    return tmp_path / "deck.yaml"


def test_proper_name_keeps_a_one_word_eponym_capitalised(tmp_path):
    def thomsen(name: str, text: str) -> str:
        if name != "facts.yaml":
            return text
        return text.replace(
            "    name: Myotonia congenita\n", "    name: Thomsen disease\n    proper_name: true\n"
        )

    texts = [
        t for c in generate_deck(load_deck(_copy(tmp_path, thomsen))).cards for t in card_texts(c)
    ]
    assert any(re.search(r"\w Thomsen disease", t) for t in texts)
    assert not any("thomsen disease" in t for t in texts)
