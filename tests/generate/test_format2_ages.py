"""Format 2: an age at onset as a distribution (`usual` part of the range, bimodal `peaks`),
and a blueprint's `onset_age` apart from the age at presentation. Cases are drawn from the
usual range or near a peak; rule-outs use only the hard min-max, and the onset when stated."""

import random
import re

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate.index import build_index
from quizapp.generate.vignettes.case import blueprint_facts, draw_case
from quizapp.generate.vignettes.ruleout import Facts, contradictions, excluded, limits_text
from quizapp.generate.vignettes.stem import stem_text
from tests.generate.helpers import FORMAT2, cards_by_id, diagnosis_renders, problems_at
from tests.generate.helpers import UPGRADE_HINT as HINT

AGES = FORMAT2 / "ages.yaml"


@pytest.fixture(scope="module")
def deck():
    return load_deck(AGES)


def _ages(deck, blueprint, seeds=range(60)):
    return [
        int(re.match(r"An? (\d+)-year-old", card.prompt)[1])
        for card in diagnosis_renders(deck, blueprint, seeds)
    ]


def test_cases_are_drawn_from_the_usual_range(deck):
    ages = _ages(deck, "bp-mu")
    assert all(40 <= a <= 60 for a in ages)
    assert min(ages) < 45 and max(ages) > 55  # the whole usual range, not one value


def test_cases_cluster_around_each_peak(deck):
    ages = _ages(deck, "bp-nu")
    near = [min((15, 50), key=lambda p: abs(p - a)) for a in ages]
    assert all(abs(a - p) <= 5 for a, p in zip(ages, near, strict=True))
    assert set(near) == {15, 50}


def test_rule_outs_use_only_the_hard_range(deck):
    ix = build_index(deck)
    # 30 is outside Mu's usual 40-60 but inside its hard 18-80: Mu stays possible
    assert "mu" not in excluded(ix, Facts(age=(30, 30)))
    assert "mu" in excluded(ix, Facts(age=(85, 85)))
    assert "nu" not in excluded(ix, Facts(age=(70, 70)))


def test_the_age_card_gives_the_usual_part_and_a_rule_out_only_the_hard_range(deck):
    """Clinician round 9: "18 years or older" alone marked the usual answer (40-60) a miss."""
    cards = cards_by_id(deck)
    assert cards["ages:attribute:mu:age_at_onset"].answer == ("18-80 years; most often 40-60 years")
    assert cards["ages:attribute:xi:age_at_onset"].answer == "12-36 months"  # no usual part
    ix = build_index(deck)
    assert limits_text(ix, "mu", "age_at_onset") == "18-80 years"


def test_peaks_and_usual_convert_with_the_value_unit(deck):
    onset = deck.entities["xi"].attributes["age_at_onset"]
    assert onset.peaks == (1.5,)  # 18 months, in the attribute's years
    mu = deck.entities["mu"].attributes["age_at_onset"]
    assert mu.usual == (40, 60)


def test_format_1_decks_get_located_errors_for_each_new_field(variant):
    problems = problems_at(variant("ages.yaml", {"format: 2": "format: 1"}))
    assert problems == [
        (9, 52, f"'usual' in attribute value needs format 2; {HINT}"),
        (12, 51, f"'usual' in attribute value needs format 2; {HINT}"),
        (12, 78, f"'peaks' in attribute value needs format 2; {HINT}"),
        (15, 52, f"'peaks' in attribute value needs format 2; {HINT}"),
        (15, 65, f"'unit' in attribute value needs format 2; {HINT}"),
        (43, 5, f"'onset_age' in blueprint needs format 2; {HINT}"),
    ]


def test_a_usual_range_outside_the_hard_range_is_an_error_where_written(variant):
    root = variant("ages.yaml", {"usual: {min: 40, max: 60}": "usual: {min: 10, max: 90}"})
    assert problems_at(root) == [
        (9, 65, "usual min 10 is outside 'age_at_onset' 18-80"),
        (9, 74, "usual max 90 is outside 'age_at_onset' 18-80"),
    ]


def test_a_peak_outside_the_usual_range_is_an_error_where_written(variant):
    root = variant("ages.yaml", {"peaks: [15, 50]": "peaks: [15, 70]"})
    assert problems_at(root) == [(12, 90, "peak 70 is outside the usual range 10-60")]


def test_usual_and_peaks_belong_to_ranges(variant):
    text_attribute = "attributes:\n  - {id: course, label: course, type: text}\nentities:"
    root = variant(
        "ages.yaml",
        {
            "entities:": text_attribute,
            "attributes: {age_at_onset: {min: 12": "attributes: {course: {text: x, peaks: [1], "
            "source: s1}, age_at_onset: {min: 12",
        },
    )
    assert problems_at(root) == [(17, 44, "`peaks` belongs to range attributes, not text")]


def _late(deck):
    return deck.blueprints["bp-nu-late"]


def test_a_stem_states_an_onset_apart_from_the_age(deck):
    for card in diagnosis_renders(deck, "bp-nu-late", range(20)):
        match = re.match(
            r"An? (\d+)-year-old (?:man|woman) .*\. (?:His|Her) illness began at the age of "
            r"(\d+) years\.",
            card.prompt,
        )
        assert match, card.prompt
        assert 30 <= int(match[1]) <= 40 and 6 <= int(match[2]) <= 10


def test_the_onset_not_the_age_rules_conditions_out(deck):
    ix = build_index(deck)
    # aged 30-40 fits Mu's hard 18-80; an illness that began at 6-10 does not
    assert "mu" in excluded(ix, blueprint_facts(ix, _late(deck)))
    case = draw_case(ix, _late(deck), 3)
    (reason,) = contradictions(ix, case.facts(), "mu")
    assert reason.stated == f"began at the age of {case.onset} years"
    assert "because the illness began at the age of" in reason.text
    stem = stem_text(ix, case, random.Random(0))
    assert reason.stated in stem
    assert contradictions(ix, case.facts(), "nu") == []  # 5-75 holds an onset at 6-10


def test_without_onset_age_the_age_is_compared(variant):
    deck = load_deck(variant("ages.yaml", {"    onset_age: {min: 6, max: 10}\n": ""}))
    ix = build_index(deck)
    assert "mu" not in excluded(ix, blueprint_facts(ix, _late(deck)))


def test_an_onset_after_the_presentation_is_an_error_at_its_max(variant):
    root = variant("ages.yaml", {"onset_age: {min: 6, max: 10}": "onset_age: {min: 6, max: 31}"})
    assert problems_at(root) == [
        (
            43,
            30,
            "the age at onset (up to 31 years) must not exceed the age at presentation "
            "(from 30 years)",
        )
    ]


def test_an_onset_age_needs_an_age(variant):
    root = variant("ages.yaml", {"    age: {min: 30, max: 40}\n": ""})
    assert problems_at(root) == [(42, 16, "`onset_age` needs the age at presentation: add `age`")]
