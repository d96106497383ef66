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
from hypothesis import given
from hypothesis import strategies as st

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


def _bohan_peter_mcqs(renders) -> list:
    return [
        c
        for cards in renders.values()
        for c in cards
        if c.kind == "mcq" and c.id.endswith(".criterion_of.bohan-peter-1975:from")
    ]


def test_bohan_peter_distractors_vary_and_no_one_rule_removes_them(iim_renders):
    """S4: every rendering offered the same four (an antibody, two age bands and rimmed
    vacuoles: "a 1975 set has no antibody, age or rimmed-vacuole item" removed them all).
    Now the distractors vary, most renderings offer a clinical near miss (a finding, not a
    construct of the 2017 set), and none offers two bands of one scale."""
    mcqs = _bohan_peter_mcqs(iim_renders)
    assert len(mcqs) == 5 * len(SEEDS)
    sets = {tuple(o.text for o in c.options if not o.correct) for c in mcqs}
    assert len(sets) >= 5
    later = {"Anti-Jo-1 positive", "Rimmed vacuoles on biopsy"}
    for c in mcqs:
        wrong = [o.text for o in c.options if not o.correct]
        assert len(wrong) == 4
        assert sum(o.startswith("Onset age") for o in wrong) <= 1, (c.id, wrong)
        assert not set(wrong) <= later | {"Onset age 18 to under 40 years"}, (c.id, wrong)
        assert len([o for o in wrong if o not in later and not o.startswith("Onset")]) >= 2


def test_every_bohan_peter_distractor_is_proven_from_the_1975_list(iim_renders):
    """The open world holds: each wrong option carries the deck's proof that it is not one
    of the five 1975 criteria, citing Bohan and Peter."""
    for c in _bohan_peter_mcqs(iim_renders):
        for o in c.options:
            if o.correct:
                continue
            assert "is not an item of the Bohan and Peter criteria" in o.explanation or (
                "are not an item of the Bohan and Peter criteria" in o.explanation
            )
            absent = [p for p in o.proof if p.rule == "absent"]
            assert absent and "criteria.yaml" in absent[0].loc.path, o.proof
        assert "seed-20" in c.sources


def test_bohan_peter_options_are_of_like_length(iim_renders):
    """S4: the biopsy key was 100 characters, four times any distractor; no key is now
    more than twice its longest distractor, and the biopsy features are in the note."""
    for c in _bohan_peter_mcqs(iim_renders):
        key = next(o.text for o in c.options if o.correct)
        longest = max(len(o.text) for o in c.options if not o.correct)
        assert len(key) <= 2 * longest, (c.id, key)
    biopsy = next(c for c in _bohan_peter_mcqs(iim_renders) if c.id.startswith("iim:mcq:bp-biopsy"))
    assert "perifascicular atrophy" in biopsy.extra


def test_bands_of_one_scale_are_a_matched_pair():
    from quizapp.generate.kinds.mcq import comparable, one_scale

    assert one_scale("Onset age 18 to under 40 years", "Onset age 40 years or more")
    assert one_scale("Age 50 years or more", "Onset after age 45")
    assert not one_scale("Anti-Jo-1 positive", "Anti-PL-7 positive")  # names, not bands
    assert not one_scale("CK under 15 x ULN", "Symptoms for over 12 months")
    assert not one_scale("Onset age 40 years or more", "Raised muscle enzymes")
    assert comparable("Myopathic EMG", "Mechanic's hands")
    assert not comparable("Myopathic EMG", "Interstitial lung disease on chest CT")


@given(
    st.text(alphabet="abcdefghij", min_size=3, max_size=8),
    st.integers(0, 200),
    st.integers(0, 200),
)
def test_any_two_bands_of_a_measure_are_one_scale(measure, low, high):
    from quizapp.generate.kinds.mcq import one_scale

    assert one_scale(f"{measure} {low} to under {high} years", f"{measure} {high} or more")
    assert not one_scale(f"{measure} {low} years", f"{measure}-{high} positive")
