"""Clinician round 17a, S3 and S4 (IIM): the classification-criteria items test application.

S3: a table's `ask` names the columns a comparison question may ask; the EULAR/ACR weights
table is reference only, so no item asks a weight to one decimal.
S4: the Bohan and Peter MCQs offer near-miss distractors the deck proves wrong, not one
fixed set that a single rule removes.
"""

import re
import shutil
from pathlib import Path

import pytest

from quizapp.deck.loader import check_deck, load_deck
from quizapp.generate import generate_deck
from tests.support.paths import IIM_DECK

SEEDS = (0, 17401, 17403)


@pytest.fixture(scope="module")
def iim_renders():
    deck = load_deck(IIM_DECK)
    return {seed: generate_deck(deck, seed=seed).cards for seed in SEEDS}


def _iim_copy(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the IIM deck with one change to tables.yaml; its root file."""
    root = tmp_path / "iim"
    shutil.copytree(IIM_DECK.parent, root)
    tables = root / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    assert old in text, old
    tables.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root / "deck.yaml"


def test_no_comparison_asks_a_criterion_weight(iim_renders):
    """S3: "Which criterion item has '0.6' under 'With biopsy'?" was 21 of the deck's 35
    comparison items; a comparison now asks words, never a bare number."""
    comparisons = [c for cards in iim_renders.values() for c in cards if c.kind == "comparison"]
    assert comparisons
    assert not [c.id for c in comparisons if ":eular-acr-weights:" in c.id]
    asked = [cell for c in comparisons for cell in re.findall(r"“([^”]*)” under", c.prompt)]
    assert asked and not [a for a in asked if re.fullmatch(r"[\d.]+|not scored", a)]


def test_ask_limits_the_columns_asked_and_proven(tmp_path):
    """A table's `ask` names the columns a comparison may ask; the others are neither asked
    nor used to prove a wrong option."""
    root = _iim_copy(
        tmp_path,
        "    title: IIM subtypes at a glance\n",
        "    title: IIM subtypes at a glance\n    ask: [weakness]\n",
    )
    cards = [
        c
        for c in generate_deck(load_deck(root)).cards
        if c.kind == "comparison" and ":iim-subtypes:" in c.id
    ]
    assert cards
    assert {c.id.rsplit(":", 1)[1] for c in cards} == {"weakness"}
    titles = {o.explanation.split("under “")[-1] for c in cards for o in c.options if not o.correct}
    assert titles == {"Weakness”."}


def test_ask_naming_no_column_is_a_located_error(tmp_path):
    root = _iim_copy(tmp_path, "    ask: []\n", "    ask: [with, bogus]\n")
    problems = [p for p in check_deck(root).problems if p.severity == "error"]
    lines = (root.parent / "tables.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "ask: [with, bogus]" in text)
    assert [(p.loc.path.endswith("tables.yaml"), p.loc.line, p.loc.col) for p in problems] == [
        (True, line, lines[line - 1].index("bogus") + 1)
    ]
    assert "'bogus'" in problems[0].message and "eular-acr-weights" in problems[0].message


def test_ask_must_be_a_list_of_ids(tmp_path):
    root = _iim_copy(tmp_path, "    ask: []\n", "    ask: with\n")
    errors = [p for p in check_deck(root).problems if p.severity == "error"]
    assert len(errors) == 1 and "list" in errors[0].message
    assert errors[0].loc.path.endswith("tables.yaml") and errors[0].loc.line > 0
