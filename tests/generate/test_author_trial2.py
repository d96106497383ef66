"""What author trial 2 (issue 13) found, on the periodic-paralysis deck the author wrote.

data/trial-pp is that deck, as written from decks/README.md alone, less the relation note
the author added only so that "Andersen-Tawil" kept its capitals.
"""

import re
from pathlib import Path

import pytest

from quizapp.deck.loader import check_deck, load_deck
from quizapp.generate import generate_deck
from quizapp.generate.card import Card
from quizapp.generate.index import build_index
from quizapp.generate.lint.checklist import lint_deck
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


def _copy(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """The trial deck in `tmp_path`, each (file name, old, new) replacement made."""
    for f in TRIAL.parent.glob("*.yaml"):
        text = f.read_text()
        for name, old, new in edits:
            text = text.replace(old, new) if name in (f.name, "*") else text
        (tmp_path / f.name).write_text(text)
    return tmp_path / "deck.yaml"


def test_proper_name_keeps_a_one_word_eponym_capitalised(tmp_path):
    thomsen = (
        "facts.yaml",
        "    name: Myotonia congenita\n",
        "    name: Thomsen disease\n    proper_name: true\n",
    )
    texts = [
        t for c in generate_deck(load_deck(_copy(tmp_path, thomsen))).cards for t in card_texts(c)
    ]
    assert any(re.search(r"\w Thomsen disease", t) for t in texts)
    assert not any("thomsen disease" in t for t in texts)


def _lint(root: Path) -> list[str]:
    """Every warning and error lint reports: deck checks, then item checks."""
    report = check_deck(root)
    out = [f"{p.severity}: {p.message}" for p in report.problems]
    if report.deck is not None:
        found = lint_deck(report.deck, seeds=5)
        out += [f"{f.severity}: {f.check}: {f.card_id}" for f in found if f.severity != "note"]
    return out


def test_the_authors_deck_lints_clean_once_its_one_antibody_is_acknowledged(tmp_path):
    """The key 'Hyperkalaemic periodic paralysis' (32 characters) against 'Hypokalaemic
    periodic paralysis' (31) is no length cue; the only warning left, one antibody in the
    topic, is acknowledged on its relation type."""
    assert _lint(TRIAL) == [
        "warning: small-option-pool: only 1 entity of kind antibody: too few for a "
        "4-option question about relation 'has_antibody'"
    ]

    acknowledge = (
        "schema.yaml",
        "  - id: has_antibody\n",
        "  - id: has_antibody\n    lint: {ignore: [small-option-pool]}\n",
    )
    assert _lint(_copy(tmp_path, acknowledge)) == []


LONG_KEY = ("*", "text: CACNA1S\n", "text: CACNA1S (skeletal muscle calcium channel)\n")
CUED = "warning: length-cue: periodic-paralysis:card:hypopp-gene-mcq"


@pytest.mark.parametrize(
    "acknowledge",
    [
        (
            "cards.yaml",
            "  - id: hypopp-gene-mcq\n",
            "  - id: hypopp-gene-mcq\n    lint: {ignore: [length-cue]}\n",
        ),
        ("deck.yaml", '  version: "0.1"\n', '  version: "0.1"\n  lint: {ignore: [length-cue]}\n'),
    ],
)
def test_a_length_cue_is_acknowledged_on_its_card_or_the_deck(tmp_path, acknowledge):
    (tmp_path / "plain").mkdir()
    (tmp_path / "quiet").mkdir()
    assert CUED in _lint(_copy(tmp_path / "plain", LONG_KEY))
    assert CUED not in _lint(_copy(tmp_path / "quiet", LONG_KEY, acknowledge))


def test_an_unknown_check_name_is_a_located_error(tmp_path):
    typo = (
        "blueprints.yaml",
        "  - id: bp-ats\n",
        "  - id: bp-ats\n    lint: {ignore: [length-que]}\n",
    )
    root = _copy(tmp_path, typo)
    (problem,) = [p for p in check_deck(root).problems if p.severity == "error"]
    assert problem.loc.path.endswith("blueprints.yaml")
    assert (problem.loc.line, problem.loc.col) == (28, 21)
    assert problem.message.endswith("did you mean 'length-cue'?")
    assert problem.message.startswith("text 'length-que' is not one of: length-cue, word-overlap")
