"""Format 2: an age at onset as a distribution (`usual` part of the range, bimodal `peaks`).
Cases are drawn from the usual range or near a peak; rule-outs use only the hard min-max."""

import re

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate.index import build_index
from quizapp.generate.ruleout import Facts, excluded
from tests.generate.conftest import FORMAT2, diagnosis_renders, problems_at
from tests.generate.conftest import UPGRADE_HINT as HINT

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


def test_peaks_and_usual_convert_with_the_value_unit(deck):
    onset = deck.entities["xi"].attributes["age_at_onset"]
    assert onset.peaks == (1.5,)  # 18 months, in the attribute's years
    mu = deck.entities["mu"].attributes["age_at_onset"]
    assert mu.usual == (40, 60)


def test_format_1_decks_get_located_errors_for_usual_and_peaks(variant):
    problems = problems_at(variant("ages.yaml", {"format: 2": "format: 1"}))
    assert problems == [
        (9, 52, f"'usual' in attribute value needs format 2; {HINT}"),
        (12, 51, f"'usual' in attribute value needs format 2; {HINT}"),
        (12, 78, f"'peaks' in attribute value needs format 2; {HINT}"),
        (15, 52, f"'peaks' in attribute value needs format 2; {HINT}"),
        (15, 65, f"'unit' in attribute value needs format 2; {HINT}"),
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
