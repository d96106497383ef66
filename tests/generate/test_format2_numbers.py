"""Format 2 numbers on relations (percent, sensitivity, specificity) and the 'most' questions
they key: the key's number beats every wrong option's, and each proof carries the numbers."""

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate import CardId, generate_deck
from quizapp.generate.lint.proof_check import ProofChecker
from tests.generate.helpers import FORMAT2, UPGRADE_HINT, problems_at

NUMBERS = FORMAT2 / "numbers.yaml"


@pytest.fixture(scope="module")
def generated():
    return generate_deck(load_deck(NUMBERS))


def _card(generated, cid):
    return next(c for c in generated.cards if c.id == cid)


def test_the_key_has_the_highest_stated_number(generated):
    expected = {
        "numbers:most:ab-k:has_antibody:percent:from": "Alpha disease",
        "numbers:most:alpha:has_antibody:percent:to": "Anti-K antibody",
        "numbers:most:alpha:tested_by:sensitivity:to": "Jitter study",
        "numbers:most:alpha:tested_by:specificity:to": "Anti-K serology",
    }
    most = {c.id: c.answer for c in generated.cards if CardId.parse(c.id).generator == "most"}
    assert most == expected


def test_each_wrong_option_carries_both_numbers_or_a_disproof(generated):
    card = _card(generated, "numbers:most:ab-k:has_antibody:percent:from")
    assert card.prompt == (
        "In which of the following conditions is anti-K antibody positive in the largest "
        "share of patients?"
    )
    verdicts = {o.text: (o.proof[0].rule, o.proof[0].fact, o.explanation) for o in card.options}
    assert verdicts["Beta disease"] == (
        "measure",
        "Anti-K antibody is positive in beta disease (about 50% of patients). "
        "Anti-K antibody is positive in alpha disease (about 85% of patients).",
        "Incorrect. Anti-K antibody is positive in beta disease (about 50% of patients). "
        "The figure for alpha disease is higher (85%).",
    )
    assert (
        verdicts["Gamma disease"][0] == "measure"
        and "(about 10% of patients)" in verdicts["Gamma disease"][1]
    )
    assert verdicts["Delta disease"][0] == "absent"
    assert verdicts["Alpha disease"][2] == (
        "Correct. Anti-K antibody is positive in alpha disease (about 85% of patients). "
        "This is higher than for any other option."
    )


def test_every_proof_re_derives(generated):
    checker = ProofChecker(load_deck(NUMBERS))
    assert {c.id: checker.check(c) for c in generated.cards if checker.check(c)} == {}


def test_a_number_in_words_is_unknown_and_never_offered(generated):
    """The ice pack test's specificity is 'high', not a number: it cannot be compared."""
    card = _card(generated, "numbers:most:alpha:tested_by:specificity:to")
    assert "Ice pack test" not in [o.text for o in card.options]
    assert [o.text for o in card.options if o.proof[0].rule == "absent"] == ["Chest radiograph"]


def test_the_checker_catches_a_key_that_no_longer_beats_a_distractor(generated, variant):
    card = _card(generated, "numbers:most:ab-k:has_antibody:percent:from")
    changed = variant("numbers.yaml", {"to: ab-k, percent: 50,": "to: ab-k, percent: 90,"})
    assert ProofChecker(load_deck(changed)).check(card) == [
        "option 'Beta disease': its percent does not fall below 85"
    ]
    regenerated = generate_deck(load_deck(changed))
    assert _card(regenerated, card.id).answer == "Beta disease"


def test_a_tie_at_the_top_asks_nothing_and_says_why(variant):
    root = variant("numbers.yaml", {"to: ab-k, percent: 50,": "to: ab-k, percent: 85,"})
    out = generate_deck(load_deck(root))
    cid = "numbers:most:ab-k:has_antibody:percent:from"
    assert cid not in {c.id for c in out.cards}
    (note,) = [f for f in out.lost if f.card_id == cid]
    assert note.message == "no 'most' question: Alpha disease and Beta disease tie"


def test_basic_cards_state_the_numbers(generated):
    card = _card(generated, "numbers:basic:alpha:has_antibody")
    assert (
        card.answer
        == "Anti-K antibody (about 85% of patients); Anti-L antibody (about 5% of patients)"
    )


def test_a_list_of_conditions_says_whose_patients_a_percent_counts(generated):
    """ "Alpha disease (about 85% of patients)" under anti-K read as 85% of those with anti-K
    (clinician rounds 8 and 9: "MELAS (80% of patients)" under m.3243A>G), without
    repeating the name ("80% of patients with MELAS", round 10), and naming what it counts
    ("MELAS (in 80% of its patients)" let "its" be the variant's, round 13), as an estimate
    ("found in 80%" lost the source's "about", round 14)."""
    answer = _card(generated, "numbers:reverse:ab-k:has_antibody").answer
    assert "Alpha disease (anti-K antibody is found in about 85% of patients with it)" in answer
    assert "its patients" not in answer
    assert "(about 85% of patients)" not in answer and "with alpha disease" not in answer


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("percent: 85,", "percent: 120,", (46, 58, "120 is above the maximum 100")),
        ("percent: 85,", "percent: -1,", (46, 58, "-1 is below the minimum 0")),
        (
            "to: ab-k, frequency: absent, source: s1}\n  - {from: epsilon",
            "to: ab-k, frequency: absent, percent: 5, source: s1}\n  - {from: epsilon",
            (49, 77, "an `absent` relation cannot have a percent above 0"),
        ),
        (
            '"Which of the following tests is most sensitive for {from}?"',
            '"Which of the following tests is most sensitive for {from} or {to}?"',
            (31, 42, "a most question names one end: {from} or {to}, not both"),
        ),
        (
            '"Which of the following tests is most sensitive for {from}?"',
            '"Which test is most sensitive for {from}"',
            (31, 42, "a most question must end in '?'"),
        ),
        (
            "{measure: sensitivity,",
            "{measure: sensitive,",
            (
                31,
                19,
                "text 'sensitive' is not one of: percent, sensitivity, specificity; "
                "did you mean 'sensitivity'?",
            ),
        ),
    ],
)
def test_each_new_field_is_checked_where_it_is_written(variant, old, new, expected):
    assert problems_at(variant("numbers.yaml", {old: new})) == [expected]


def test_format_1_decks_get_located_errors_for_numbers(variant):
    root = variant("numbers.yaml", {"format: 2": "format: 1"})
    problems = problems_at(root)
    assert (20, 5, f"'ask_most' in relation type needs format 2; {UPGRADE_HINT}") in problems
    assert (46, 49, f"'percent' in relation needs format 2; {UPGRADE_HINT}") in problems
    assert (52, 47, f"'sensitivity' in relation needs format 2; {UPGRADE_HINT}") in problems
    number = f"a number here needs format 2 (format 1 takes high, moderate, low); {UPGRADE_HINT}"
    assert (52, 77, number) in problems
    assert [(line, col) for line, col, _ in problems if line == 55] == [(55, 47)]  # a word
    assert all("needs format 2" in message for _, _, message in problems)
