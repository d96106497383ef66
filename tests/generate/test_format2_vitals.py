"""Vital signs and electrodiagnostic results as finding classes, and the units of
electrolytes and vital signs (author trial 2, issue 13): each stated where an NBME stem
states it, each drawn value in its unit."""

import pytest

from quizapp.deck.loader import load_deck
from quizapp.deck.units import convert
from quizapp.generate.lint.checklist import lint_deck
from quizapp.generate.lint.proof_check import ProofChecker
from quizapp.generate.text.common import unit_suffix
from tests.generate.helpers import FORMAT2, problems_at
from tests.generate.helpers import UPGRADE_HINT as HINT
from tests.generate.helpers import diagnosis_renders as _renders

VITALS = FORMAT2 / "vitals.yaml"
OPENINGS = (
    "A 30-year-old woman comes to the office because of a 2-day history of weakness of her legs.",
    "A 30-year-old woman comes to the office because of weakness of her legs for the past 2 days.",
)


@pytest.fixture(scope="module")
def deck():
    return load_deck(VITALS)


def _rest(prompt: str, openings: tuple[str, ...]) -> str:
    """The stem after its opening sentence (whose wording the seed picks)."""
    stem = prompt.split("\n\n")[0]
    opening = next(o for o in openings if stem.startswith(o))
    return stem.removeprefix(opening).strip()


def test_vital_signs_precede_the_examination_and_the_ecg_follows_the_studies(deck):
    for card in _renders(deck, "bp-mu", range(6)):
        assert _rest(card.prompt, OPENINGS) == (
            "Pulse is 118/min and respiratory rate is 22/min. "
            "Physical examination shows mu sign. "
            "There is no alpha sign, delta sign or epsilon sign. "
            "Serum potassium is 2.1 mmol/L and serum creatinine is 80 µmol/L. "
            "An electrocardiogram shows prominent U waves."
        )


def test_options_ruled_out_by_a_vital_sign_or_an_ecg_cite_its_clause(deck):
    checker = ProofChecker(deck)
    seen = {}
    for card in _renders(deck, "bp-mu", range(12)):
        assert checker.check(card) == []
        seen |= {o.text: o.explanation for o in card.options}
    assert seen["Beta disease"] == (
        "Incorrect. Beta disease is unlikely because an electrocardiogram shows prominent U waves."
    )
    assert seen["Gamma disease"] == "Incorrect. Gamma disease is unlikely because pulse is 118/min."
    assert seen["Mu disease"] == (
        "Correct. Prominent U waves, tachycardia and mu sign with a potassium of 2.1 mmol/L "
        "point to mu disease."
    )


def test_a_denied_vital_sign_joins_the_examination_and_a_denied_ecg_the_studies(deck):
    (card,) = _renders(deck, "bp-alpha-denied", range(1))
    assert _rest(
        card.prompt,
        (
            "A 40-year-old woman comes to the office because of trouble "
            "lifting her arms for the past 3 months.",
            "A 40-year-old woman comes to the office because of a 3-month "
            "history of trouble lifting her arms.",
        ),
    ) == (
        "Physical examination shows alpha sign. "
        "There is no beta sign, gamma sign, delta sign, epsilon sign, mu sign or tachycardia. "
        "Serum creatine kinase is 36 U/L. Further studies show no U waves."
    )


def test_the_deck_lints_without_errors_or_warnings(deck):
    assert [str(f) for f in lint_deck(deck, seeds=10) if f.severity != "note"] == []


@pytest.mark.parametrize(
    ("unit", "printed"),
    [
        ("mmol/L", " mmol/L"),
        ("umol/L", " µmol/L"),
        ("µmol/L", " µmol/L"),
        ("/min", "/min"),
        ("beats/min", " beats/min"),
        ("mg/dL", " mg/dL"),
        ("mEq/L", " mEq/L"),
    ],
)
def test_units_print_as_written_after_a_number(unit, printed):
    assert unit_suffix(unit) == printed


def test_conversions_where_the_analyte_does_not_matter():
    assert convert(2.1, "mmol/L", "µmol/L") == pytest.approx(2100)
    assert convert(80, "umol/L", "mmol/L") == pytest.approx(0.08)
    assert convert(1, "mg/dL", "mg/L") == pytest.approx(10)
    assert convert(118, "beats/min", "/min") == 118
    # these depend on the ion's charge or the molar mass: no conversion
    assert convert(4, "mEq/L", "mmol/L") is None
    assert convert(90, "mg/dL", "mmol/L") is None


def test_format_1_decks_get_located_errors_for_the_new_classes_and_units(variant):
    problems = problems_at(variant("vitals.yaml", {"format: 2": "format: 1"}))
    assert problems == [
        (10, 58, f"'mmol/L' needs format 2; {HINT}"),
        (11, 60, f"'umol/L' needs format 2; {HINT}"),
        (12, 60, f"'/min' needs format 2; {HINT}"),
        (25, 12, f"'electrodiagnostic' needs format 2; {HINT}"),
        (31, 12, f"'vital_sign' needs format 2; {HINT}"),
        (46, 5, f"'sex' in blueprint needs format 2; {HINT}"),
        (57, 5, f"'sex' in blueprint needs format 2; {HINT}"),
    ]
