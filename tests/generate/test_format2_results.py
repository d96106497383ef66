"""Format 2 negative and normal test results as facts: a relation's `result` and a test's
`in_case.negative` wording. A stem states the result in words, a condition that needs the
test positive is ruled out by it (with a proof the checker re-derives), the condition the
result belongs to is supported by it, and a stated positive test rules that condition out."""

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate import CardId, generate_deck
from quizapp.generate.index import build_index
from quizapp.generate.lint.proof_check import ProofChecker
from quizapp.generate.vignettes.case import blueprint_facts
from quizapp.generate.vignettes.vignette import distractor_ids, plan_blueprint
from tests.generate.helpers import (
    FORMAT2,
    UPGRADE_HINT,
    cards_by_id,
    diagnosis_renders,
    problems_at,
    unproven,
)

RESULTS = FORMAT2 / "results.yaml"


@pytest.fixture(scope="module")
def deck():
    return load_deck(RESULTS)


def test_a_stem_states_negative_and_normal_results_in_words(deck):
    for card in diagnosis_renders(deck, "bp-eta"):
        assert card.prompt.split("\n")[0].endswith(
            "Laboratory studies show that serum anti-Z antibodies are not detected and serum "
            "creatine kinase is within the reference range."
        ), card.prompt
        assert "no anti-Z" not in card.prompt


def test_a_negative_result_rules_out_the_condition_that_needs_it_positive(deck):
    for card in diagnosis_renders(deck, "bp-eta"):
        by_name = {o.text: o for o in card.options}
        assert by_name["Eta disease"].correct
        zeta = by_name["Zeta disease"]  # two conditions ruled out by results: both offered
        assert zeta.explanation == (
            "Incorrect. Zeta disease is unlikely because serum anti-Z antibodies are not detected."
        )
        proof = zeta.proof[0]
        assert (proof.rule, proof.ref) == ("necessary", "zeta.has_antibody.anti-z")
        assert proof.stated == "serum anti-Z antibodies are not detected"
        theta = by_name["Theta disease"].proof[0]
        assert theta.stated == "serum creatine kinase is within the reference range"
        assert ProofChecker(deck).check(card) == []


def test_the_key_is_supported_by_its_own_negative_result(deck):
    card = diagnosis_renders(deck, "bp-eta", seeds=[0])[0]
    key = next(o for o in card.options if o.correct)
    assert key.explanation == (
        "Correct. Eta sign and the negative test for anti-Z antibody point to eta disease."
    )
    facts = {p.ref: p.fact for p in key.proof}
    assert facts["eta.has_antibody.anti-z"] == "Anti-Z antibody is negative in eta disease."
    assert facts["eta.abnormal_test.serum-ck"] == "Serum creatine kinase is normal in eta disease."


def test_a_positive_test_rules_out_the_condition_it_is_negative_in(deck):
    ix = build_index(deck)
    plans, _ = plan_blueprint(ix, deck.blueprints["bp-zeta"], 5)
    assert "eta" in distractor_ids(ix, plans[0], blueprint_facts(ix, deck.blueprints["bp-zeta"]))
    seen = False
    for card in diagnosis_renders(deck, "bp-zeta"):
        assert "Laboratory studies show antibodies to Z in serum." in card.prompt
        eta = next((o for o in card.options if o.text == "Eta disease"), None)
        if eta is not None:
            seen = True
            assert eta.proof[0].rule == "absent"
            assert ProofChecker(deck).check(card) == []
    assert seen


def test_a_result_is_a_card_of_its_own(deck):
    cards = cards_by_id(deck)
    card = cards["results:result:eta.has_antibody.anti-z"]
    assert (card.prompt, card.answer) == (
        "What is the result of testing for anti-Z antibody in eta disease?",
        "Negative",
    )
    normal = cards["results:result:eta.abnormal_test.serum-ck"]
    assert normal.answer == "Normal (within the reference range)"
    # a negative result is never taught as a positive fact
    assert "results:basic:eta:has_antibody" not in cards
    assert all(
        "Eta disease" not in c.answer
        for c in cards.values()
        if "anti-z" in CardId.parse(c.id).parts
    )


def test_every_card_of_the_deck_is_proven(deck):
    assert unproven(deck) == []


def test_a_blueprint_stating_its_own_negative_test_positive_is_an_error(variant):
    root = variant(
        "results.yaml",
        {
            "required: [sign-eta]": "required: [sign-eta, anti-z]",
            "negative: [anti-z, serum-ck,": "negative: [serum-ck,",
        },
    )
    findings = generate_deck(load_deck(root)).findings
    assert [f.message for f in findings if f.check == "provable-key"] == [
        "blueprint 'bp-eta', lead-in diagnosis: the case contradicts its own condition: Eta "
        "disease is unlikely because laboratory studies show antibodies to Z in serum; no item "
        "generated"
    ]


def test_format_1_decks_get_located_errors(variant):
    assert problems_at(variant("results.yaml", {"format: 2": "format: 1"})) == [
        (27, 50, f"'negative' in in_case needs format 2; {UPGRADE_HINT}"),
        (38, 49, f"'result' in relation needs format 2; {UPGRADE_HINT}"),
        (41, 52, f"'result' in relation needs format 2; {UPGRADE_HINT}"),
    ]


def test_a_result_with_a_frequency_is_an_error_at_the_result(variant):
    root = variant("results.yaml", {"result: negative,": "result: negative, frequency: rare,"})
    assert problems_at(root) == [
        (
            38,
            57,
            "`result: negative` says the test is negative in 'eta'; it cannot also have "
            "`frequency`",
        )
    ]


def test_an_unknown_result_is_an_error_where_written(variant):
    root = variant("results.yaml", {"result: negative": "result: positive"})
    assert problems_at(root) == [(38, 57, "text 'positive' is not one of: negative, normal")]
