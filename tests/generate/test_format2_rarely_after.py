"""Format 2: `rarely_after` on a condition's age at onset: the age after which it rarely
begins. No drawn case's illness begins later (a drawn age, a blueprint's age, a blueprint's
onset_age), in whatever unit each is written; the attribute card teaches it with the range;
a value or blueprint that contradicts it gets a located warning."""

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.deck.loader import check_deck, load_deck
from quizapp.deck.units import convert
from quizapp.generate.index import build_index
from quizapp.generate.vignettes.case import blueprint_facts, draw_case
from tests.generate.helpers import FORMAT2, cards_by_id, diagnosis_renders, problems_at
from tests.generate.helpers import UPGRADE_HINT as HINT

RARELY = FORMAT2 / "rarely.yaml"
CAPS = {"bp-omicron": 16, "bp-omicron-teen": 16, "bp-pi": 18}  # in the blueprint's age unit


@pytest.fixture(scope="module")
def deck():
    return load_deck(RARELY)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_no_drawn_case_begins_after_rarely_after(seed):
    deck = load_deck(RARELY)
    ix = build_index(deck)
    for blueprint, cap in CAPS.items():
        case = draw_case(ix, deck.blueprints[blueprint], seed)
        assert case.age <= cap, (blueprint, case.age)
    late = draw_case(ix, deck.blueprints["bp-omicron-late"], seed)
    assert late.onset is not None and 5 <= late.onset <= 16
    assert 40 <= late.age <= 60  # a stated onset leaves the age at presentation alone


@settings(max_examples=40, deadline=None)
@given(
    low=st.integers(0, 40),
    width=st.integers(0, 60),
    after=st.integers(0, 100),
    months=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_any_range_and_cap_keep_every_onset_at_or_before_it(low, width, after, months, seed):
    """Whatever the deck says, and even where it contradicts itself (a cap below the range or
    its peak, warned about), no case begins after `rarely_after`."""
    unit = "months" if months else "years"
    text = RARELY.read_text(encoding="utf-8").replace(
        "{min: 2, max: 70, rarely_after: 16,",
        f"{{min: {low}, max: {low + width}, unit: {unit}, peaks: [{low + width // 2}], "
        f"rarely_after: {after},",
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "rarely.yaml"
        (root.parent / "shared").mkdir()
        (root.parent / "shared" / "base.yaml").write_bytes(
            (FORMAT2 / "shared" / "base.yaml").read_bytes()
        )
        root.write_text(text, encoding="utf-8")
        deck = load_deck(root)
    ix = build_index(deck)
    for blueprint in ("bp-omicron", "bp-omicron-teen"):
        case = draw_case(ix, deck.blueprints[blueprint], seed)
        assert convert(case.age, case.age_unit, unit) <= after + 1e-9, (blueprint, case)
    late = draw_case(ix, deck.blueprints["bp-omicron-late"], seed)
    assert convert(late.onset, late.onset_unit, unit) <= after + 1e-9


def test_the_stem_states_the_capped_age(deck):
    ages = [
        int(re.match(r"An? (\d+)-year-old", card.prompt)[1])
        for card in diagnosis_renders(deck, "bp-omicron-teen", range(40))
    ]
    assert set(ages) == set(range(10, 17))  # the blueprint's 10-40, no later than 16


def test_rule_outs_see_the_capped_ages(deck):
    ix = build_index(deck)
    assert blueprint_facts(ix, deck.blueprints["bp-omicron"]).age == (2, 16)
    assert blueprint_facts(ix, deck.blueprints["bp-pi"]).age == (2, 18)
    assert blueprint_facts(ix, deck.blueprints["bp-omicron-late"]).onset == (5, 16)


def test_rarely_after_converts_with_the_value_unit(deck):
    assert deck.entities["pi"].attributes["age_at_onset"].rarely_after == 1.5  # 18 months


def test_the_age_card_teaches_it_in_the_unit_written(deck):
    cards = cards_by_id(deck)
    assert cards["rarely:attribute:omicron:age_at_onset"].answer == (
        "2-70 years; rarely after 16 years"
    )
    assert cards["rarely:attribute:pi:age_at_onset"].answer == (
        "At most 36 months; most often 1-12 months; rarely after 18 months"
    )  # the usual part too, in the unit written (clinician round 9)


def test_format_1_decks_get_a_located_error(variant):
    problems = problems_at(variant("rarely.yaml", {"format: 2": "format: 1"}))
    assert (9, 51, f"'rarely_after' in attribute value needs format 2; {HINT}") in problems
    assert (12, 46, f"'rarely_after' in attribute value needs format 2; {HINT}") in problems


def test_rarely_after_belongs_to_the_age_at_onset(variant):
    root = variant(
        "rarely.yaml",
        {
            "rarely_after: 16, source: s1}}}": "source: s1},"
            " ck: {min: 1, max: 9, rarely_after: 5, source: s1}}}"
        },
    )
    assert problems_at(root) == [
        (9, 99, "`rarely_after` belongs to the age at onset (a range attribute "
                 "'age_at_onset'), not to 'ck'")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"rarely_after: 18": "rarely_after: 5"},
            [
                (12, 60, "`rarely_after: 5` is below the peak 6: cases cannot cluster at an age "
                 "onset is rare at; raise `rarely_after` or lower the peak"),
                (12, 60, "`rarely_after: 5` is below the usual max 12: onset cannot be usual up "
                 "to 12 and rare after it; raise `rarely_after` or lower the usual max"),
            ],
        ),
        (
            {"rarely_after: 16": "rarely_after: 1"},
            [
                (9, 65, "`rarely_after: 1` is below the hard min 2: the condition would "
                 "rarely begin at any age it can; raise `rarely_after` or lower the hard min"),
                (30, 16, "the age from 10 years is after 'omicron' rarely begins (1 year, its "
                 "`rarely_after`): cases are drawn no later than 1 year; lower the "
                 "blueprint's age"),
                (39, 22, "the onset from 5 years is after 'omicron' rarely begins (1 year, its "
                 "`rarely_after`): cases are drawn no later than 1 year; lower the "
                 "blueprint's onset_age"),
            ],
        ),
        (
            {"age: {min: 2, max: 30, unit: months}": "age: {min: 2, max: 3, unit: years}"},
            [
                (47, 16, "the age from 2 years is after 'pi' rarely begins (18 months, its "
                 "`rarely_after`): cases are drawn no later than 1.5 years; lower the "
                 "blueprint's age"),
            ],
        ),
    ],
)  # fmt: skip
def test_a_contradicting_age_is_a_located_warning(variant, change, expected):
    root = variant("rarely.yaml", change)
    assert problems_at(root) == expected
    result = check_deck(root)
    assert result.ok and {p.severity for p in result.problems} == {"warning"}
