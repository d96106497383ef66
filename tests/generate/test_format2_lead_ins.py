"""Format 2 custom lead-ins per blueprint (`lead_ins`): the question a vignette asks, with
located errors for an unknown lead-in, one without an answer, and one that is no question."""

from quizapp.deck.loader import load_deck
from quizapp.generate.lint.proof_check import ProofChecker
from tests.generate.helpers import UPGRADE_HINT, diagnosis_renders, problems_at

LEAD_IN = "Which of the following is the most likely cause of this patient's double vision?"
ADDED = {"    source: s1\n  - id: bp-zeta": f'    lead_ins: {{diagnosis: "{LEAD_IN}"}}\n'
         "    source: s1\n  - id: bp-zeta"}  # fmt: skip


def test_a_blueprint_asks_its_own_lead_in(variant):
    deck = load_deck(variant("results.yaml", ADDED))
    for card in diagnosis_renders(deck, "bp-eta", seeds=range(5)):
        assert card.prompt.endswith(f"\n\n{LEAD_IN}")
        assert ProofChecker(deck).check(card) == []
    other = diagnosis_renders(deck, "bp-zeta", seeds=[0])[0]
    assert other.prompt.endswith("Which of the following is the most likely diagnosis?")


def test_bad_lead_ins_are_errors_where_written(variant):
    changes = {
        "    source: s1\n  - id: bp-zeta": "    lead_ins: {biopsy: Which biopsy?, treatment: "
        "What next?, diagnosis: Name it.}\n    source: s1\n  - id: bp-zeta"
    }
    assert problems_at(variant("results.yaml", changes)) == [
        (51, 16, "no vignette asks 'biopsy': give its key under `answers` first"),
        (51, 39, "no vignette asks 'treatment': give its key under `answers` first"),
        (51, 73, "a lead-in must be a question ending in '?'"),
    ]
    unknown = {"    source: s1\n  - id: bp-zeta": "    lead_ins: {prognosis: Why?}\n"
               "    source: s1\n  - id: bp-zeta"}  # fmt: skip
    assert problems_at(variant("results.yaml", unknown)) == [
        (51, 16, "unknown lead-in 'prognosis'; use one of diagnosis, antibody, biopsy, "
         "next_step, treatment"),
    ]  # fmt: skip


def test_format_1_decks_get_a_located_error(variant):
    root = variant("results.yaml", {**ADDED, "format: 2": "format: 1"})
    assert (51, 5, f"'lead_ins' in blueprint needs format 2; {UPGRADE_HINT}") in problems_at(root)
