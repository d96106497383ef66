"""Format 2 units (mm, Hz, mL/kg, cmH2O, minutes, ages in months and days) and the
conversions that let a range in one unit be compared with a range in another."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.deck.loader import load_deck
from quizapp.deck.units import DIMENSIONS, convert
from quizapp.generate import generate_deck
from quizapp.generate.lint.proof_check import ProofChecker
from tests.generate.helpers import FORMAT2, problems_at, verdict
from tests.generate.helpers import UPGRADE_HINT as HINT
from tests.generate.helpers import diagnosis_renders as _renders

UNITS = FORMAT2 / "units.yaml"


@pytest.fixture(scope="module")
def deck():
    return load_deck(UNITS)


def test_an_infant_is_stated_in_months_and_ruled_in_and_out_in_years(deck):
    checker = ProofChecker(deck)
    for seed, card in enumerate(_renders(deck, "bp-iota")):
        months = int(re.match(r"A (\d)-month-old (boy|girl) is brought to", card.prompt)[1])
        assert 2 <= months <= 6
        # an adult's disease for an infant is offered only when no other option is proven
        # (round 16, S1), so its reason is read from the verdict
        kappa = verdict(deck, "bp-iota", "kappa", seed)
        assert kappa.explanation == (
            f"Incorrect. Kappa disease is unlikely because the patient is {months} months old "
            "(its age at onset is 40-90 years)."
        )
        assert kappa.proofs[0].stated == f"{months}-month-old" and checker.check(card) == []


def test_an_age_at_onset_written_in_months_rules_out_an_adult(deck):
    for card in _renders(deck, "bp-kappa"):
        years = int(re.match(r"A (\d+)-year-old (man|woman) comes to", card.prompt)[1])
        iota = next(o for o in card.options if o.text == "Iota disease")
        assert iota.explanation == (
            f"Incorrect. Iota disease is unlikely because the patient is {years} years old "
            "(its age at onset is at most 12 months)."
        )


def test_a_newborn_is_stated_in_days(deck):
    offered = 0
    for card in _renders(deck, "bp-lambda"):
        days = re.match(r"An? (\d+)-day-old (male|female) newborn is brought to", card.prompt)[1]
        kappa = [o for o in card.options if o.text == "Kappa disease"]
        if kappa:
            offered += 1
            assert f"the patient is {days} days old (its age at onset is 40-90 years)" in (
                kappa[0].explanation
            )
    assert offered


def test_minutes_and_the_new_lab_units_are_printed(deck):
    for card in _renders(deck, "bp-kappa"):
        assert re.search(
            r"because of (a \d+-minute history of|.* for the past \d+ minutes)", card.prompt
        )
        assert re.search(r"The forced vital capacity is \d+(\.\d)? mL/kg", card.prompt)
        assert re.search(r"the maximal inspiratory pressure is -\d+(\.\d)? cmH2O", card.prompt)


def test_cards_state_values_in_the_unit_they_were_written_in(deck):
    cards = {c.id: c.answer for c in generate_deck(deck).cards}
    assert cards["units:attribute:iota:age_at_onset"] == "At most 12 months"
    assert cards["units:attribute:lambda:age_at_onset"] == "At most 28 days"
    assert cards["units:attribute:rns:rate"] == "3 Hz"
    assert cards["units:attribute:kappa:pupil"] == "3-4 mm"
    assert deck.entities["iota"].attributes["age_at_onset"].max == 1.0  # years, for comparisons


@given(
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
    st.sampled_from(DIMENSIONS),
    st.data(),
)
def test_conversions_round_trip(value, dimension, data):
    """Within every dimension: time, rates, molar and mass concentrations, per minute."""
    unit, other = (data.draw(st.sampled_from(sorted(dimension))) for _ in range(2))
    there = convert(value, unit, other)
    assert there is not None
    assert convert(there, other, unit) == pytest.approx(value, rel=1e-9, abs=1e-9)


def test_units_of_different_things_do_not_convert():
    assert convert(3, "months", "mm") is None
    assert convert(12, "months", "years") == pytest.approx(1)
    assert convert(5, "per 100,000", "per million") == pytest.approx(50)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "age: {min: 2, max: 6, unit: months}",
            "age: {min: 2, max: 6, unit: mm}",
            (
                58,
                33,
                "the age of a case is a time: its unit must be one of days, weeks, months, years, not 'mm'",
            ),
        ),
        (
            "duration: {min: 20, max: 50, unit: minutes}",
            "duration: {min: 20, max: 50, unit: Hz}",
            (
                64,
                40,
                "the duration of a case is a time: its unit must be one of minutes, hours, days, weeks, months, years, not 'Hz'",
            ),
        ),
        (
            "mip: {min: -25, max: -15, unit: cmH2O}",
            "mip: {min: -25, max: -15, unit: mm}",
            (67, 69, "lab 'mip' is in cmH2O; mm does not convert to it"),
        ),
        (
            "age_at_onset: {min: 0, max: 12, unit: months,",
            "age_at_onset: {min: 0, max: 12, unit: mm,",
            (22, 45, "'age_at_onset' is in years; mm does not convert to it"),
        ),
    ],
)
def test_units_that_do_not_fit_are_errors_where_written(variant, old, new, expected):
    assert problems_at(variant("units.yaml", {old: new})) == [expected]


def test_format_1_decks_get_located_errors_for_the_new_units(variant):
    problems = problems_at(variant("units.yaml", {"format: 2": "format: 1"}))
    assert problems == [
        (11, 64, f"'mL/kg' needs format 2; {HINT}"),
        (12, 71, f"'cmH2O' needs format 2; {HINT}"),
        (13, 59, f"'mm' needs format 2; {HINT}"),
        (14, 60, f"'Hz' needs format 2; {HINT}"),
        (22, 39, f"'unit' in attribute value needs format 2; {HINT}"),
        (38, 39, f"'unit' in attribute value needs format 2; {HINT}"),
        (64, 40, f"'minutes' needs format 2; {HINT}"),
        (67, 69, f"'cmH2O' needs format 2; {HINT}"),
    ]
