"""Format 2: a blueprint's fixed patient sex, and the settings neonatal unit, intensive care
unit and paediatric clinic; with them, complaints fit the patient and one day reads so."""

import re

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate.vignettes.stem import with_pronouns
from tests.generate.helpers import FORMAT2, diagnosis_renders, problems_at
from tests.generate.helpers import UPGRADE_HINT as HINT

SETTINGS = FORMAT2 / "settings.yaml"


@pytest.fixture(scope="module")
def deck():
    return load_deck(SETTINGS)


def _stems(deck, blueprint):
    return [card.prompt for card in diagnosis_renders(deck, blueprint)]


def test_a_blueprint_sex_holds_in_every_case(deck):
    assert all(
        re.match(r"An? \d+-day-old male newborn is seen in the neonatal unit", s)
        for s in _stems(deck, "bp-mu")
    )
    assert all(
        re.match(r"An? \d+-year-old woman is seen in the intensive care unit", s)
        for s in _stems(deck, "bp-nu")
    )


def test_without_a_sex_both_are_drawn(deck):
    stems = _stems(deck, "bp-xi")
    assert {
        re.match(r"An? \d+-year-old (boy|girl) is brought to the paediatric clinic", s)[1]
        for s in stems
    } == {"boy", "girl"}
    for stem in stems:
        if " boy " in stem:
            assert "when he plays" in stem and "when she plays" not in stem


def test_one_day_reads_as_the_past_day(deck):
    stems = _stems(deck, "bp-mu")
    assert any("for the past day." in s or "a 1-day history" in s for s in stems)
    assert not any("past 1 day" in s for s in stems)


def test_pronouns_follow_the_patient_in_every_word():
    assert with_pronouns("tiring easily when she plays", "male") == "tiring easily when he plays"
    assert (
        with_pronouns("she drops her cup; it hurts her.", "male")
        == "he drops his cup; it hurts him."
    )


def test_format_1_decks_get_located_errors_for_sex_and_settings(variant):
    problems = problems_at(variant("settings.yaml", {"format: 2": "format: 1"}))
    assert problems == [
        (24, 14, f"'neonatal unit' needs format 2; {HINT}"),
        (25, 5, f"'sex' in blueprint needs format 2; {HINT}"),
        (33, 14, f"'intensive care unit' needs format 2; {HINT}"),
        (34, 5, f"'sex' in blueprint needs format 2; {HINT}"),
        (42, 15, f"'paediatric clinic' needs format 2; {HINT}"),
    ]


def test_an_unknown_sex_is_an_error_where_written(variant):
    root = variant("settings.yaml", {"sex: male": "sex: boy"})
    assert problems_at(root) == [(25, 10, "text 'boy' is not one of: female, male")]


def test_what_the_complaint_says_is_not_said_again(variant):
    """Clinician round 14 (D-L2): "a 2-day history of severe muscle pain and dark urine. She
    also reports muscle pain, ..." said the complaint twice; `complaint_says` names the
    findings the complaint says, which the case keeps but the stem does not repeat."""
    plain = diagnosis_renders(load_deck(variant("settings.yaml", {})), "bp-xi")
    says = variant(
        "settings.yaml",
        {
            "findings: {required: [sign-xi]": "complaint_says: [sign-xi]\n    findings: {required: [sign-xi]"
        },
    )
    renders = diagnosis_renders(load_deck(says), "bp-xi")
    assert all("xi sign" in c.prompt.lower() for c in plain)
    assert not any("xi sign" in c.prompt.lower() for c in renders)
    assert all("tiring easily" in c.prompt for c in renders)


def test_the_complaint_says_only_required_findings(variant):
    root = variant(
        "settings.yaml",
        {
            "findings: {required: [sign-xi]": "complaint_says: [sign-alpha]\n    findings: {required: [sign-xi]"
        },
    )
    assert [m for _, _, m in problems_at(root) if "complaint_says" in m] == [
        "'sign-alpha' is in `complaint_says` but not a required finding: every case must have "
        "what its complaint says"
    ]
