"""Format 2 condition hierarchies: subtypes that inherit their parents' facts unless they
state their own (`inherits`), states of a condition (`state_of`), and crossed
classifications (`axis`, several parents), so a diagnosis vignette never offers a condition
its key is a kind of, nor a relative classed on another axis."""

from dataclasses import replace

import pytest

from quizapp.deck.loader import load_deck
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

HIERARCHY = FORMAT2 / "hierarchy.yaml"


@pytest.fixture(scope="module")
def deck():
    return load_deck(HIERARCHY)


def _facts(deck, entity):
    return {(r.type, r.target): r for r in deck.relations if r.source == entity}


def test_a_subtype_inherits_its_parents_facts_where_they_are_stated(deck):
    ocular = _facts(deck, "ocular")
    fatigue = ocular[("has_finding", "fatigue")]
    assert (fatigue.id, fatigue.necessary, fatigue.inherited_from) == (
        "ocular.has_finding.fatigue",
        True,
        "mu",
    )
    stated = next(r for r in deck.relations if r.id == "mu.has_finding.fatigue")
    assert fatigue.loc == stated.loc  # cited where the deck states it
    onset = deck.entities["ocular"].attributes["age_at_onset"]
    assert onset == deck.entities["mu"].attributes["age_at_onset"]


def test_an_explicit_fact_on_the_subtype_wins(deck):
    assert _facts(deck, "lambda")[("has_finding", "fatigue")].frequency == "absent"
    assert _facts(deck, "lambda")[("has_finding", "fatigue")].inherited_from is None
    assert _facts(deck, "ocular")[("has_finding", "limb-weakness")].frequency == "absent"


def test_a_crossed_subtype_inherits_from_both_parents(deck):
    facts = _facts(deck, "ocular-z-positive")
    assert facts[("has_finding", "limb-weakness")].inherited_from == "ocular"
    assert facts[("has_finding", "z-marker")].inherited_from == "z-positive"
    assert facts[("has_finding", "fatigue")].inherited_from == "mu"


def test_an_inherited_necessary_finding_rules_a_subtype_out(deck):
    ix = build_index(deck)
    bp = deck.blueprints["bp-ocular"]
    plan = plan_blueprint(ix, bp, 5)[0][0]
    pool = set(distractor_ids(ix, plan, blueprint_facts(ix, bp)))
    # generalized: limb weakness (its own); ocular-z-positive: the Z marker (inherited
    # from z-positive, a subtype of the key that the stem tells apart); lambda: its own
    # `absent` fatigable weakness, against the inherited `necessary`
    assert {"generalized", "ocular-z-positive", "lambda"} <= pool
    # mu: the key is a kind of it; z-positive and z-negative: another axis (serotype)
    assert pool.isdisjoint({"mu", "z-positive", "z-negative", "ocular"})


def test_vignettes_never_offer_a_condition_the_key_is_a_kind_of(deck):
    checker = ProofChecker(deck)
    for blueprint, never in (("bp-ocular", {"Mu myasthenia"}), ("bp-crisis", {"Mu myasthenia"})):
        for card in diagnosis_renders(deck, blueprint):
            assert never.isdisjoint(o.text for o in card.options)
            assert not {"Z-positive mu myasthenia", "Z-negative mu myasthenia"} & {
                o.text for o in card.options
            }
            assert checker.check(card) == []


def test_the_proof_checker_rejects_a_parent_offered_against_its_subtype(deck):
    card = diagnosis_renders(deck, "bp-crisis", seeds=[0])[0]
    wrong = next(o for o in card.options if not o.correct)
    forged = replace(
        card,
        options=tuple(
            replace(o, text="Mu myasthenia", entity="mu") if o is wrong else o for o in card.options
        ),
    )
    assert "option 'Mu myasthenia': crisis is a kind of it" in ProofChecker(deck).check(forged)


def test_a_state_is_a_card_and_inherits(deck):
    cards = cards_by_id(deck)
    card = cards["hierarchy:state:crisis"]
    assert (card.prompt, card.answer) == (
        "Mu crisis is a state of which condition?",
        "Mu myasthenia",
    )
    assert _facts(deck, "crisis")[("has_finding", "fatigue")].inherited_from == "mu"


def test_every_card_of_the_deck_is_proven(deck):
    assert unproven(deck) == []


def test_parents_that_disagree_are_an_error_at_the_subtype(variant):
    root = variant(
        "hierarchy.yaml", {"parent: [ocular, z-positive]": "parent: [ocular, generalized]"}
    )
    (problem,) = problems_at(root)
    assert problem[:2] == (23, 5)
    assert problem[2].startswith(
        "'ocular-z-positive' inherits two different facts of type 'has_finding' about "
        "'limb-weakness': from 'ocular' (at "
    )
    assert problem[2].endswith("state its own relation to 'limb-weakness'")


def test_format_1_decks_get_located_errors(variant):
    def needs(line: int, col: int, key: str) -> tuple[int, int, str]:
        return (line, col, f"'{key}' in entity needs format 2; {UPGRADE_HINT}")

    assert problems_at(variant("hierarchy.yaml", {"format: 2": "format: 1"})) == [
        needs(15, 75, "inherits"),
        needs(16, 6, "axis"),
        *[
            x
            for line in (18, 20, 22)
            for x in (needs(line, 6, "inherits"), needs(line, 22, "axis"))
        ],
        (24, 14, f"a list here needs format 2; {UPGRADE_HINT}"),
        needs(24, 36, "inherits"),
        needs(25, 52, "state_of"),
        needs(26, 72, "inherits"),
    ]


def test_inherits_needs_a_parent(variant):
    root = variant(
        "hierarchy.yaml", {"name: Mu myasthenia\n": "name: Mu myasthenia\n    inherits: true\n"}
    )
    assert problems_at(root) == [(13, 15, "`inherits` needs a `parent` to inherit from")]
