"""Clinician rounds 17a (S1, S2) and 17b (age-implausible options) on the metabolic deck:
each item offers the real competitors of its key, each proven wrong by a sourced fact,
instead of fillers that a category rule or a stem negative strikes."""

import dataclasses
import re

import pytest

from quizapp.generate.lint.proof_check import check_card
from tests.generate.helpers import diagnosis_renders, unproven

SEEDS = range(24)
MITOCHONDRIAL = {"cpeo", "kss", "melas", "merrf", "ahs"}


@pytest.fixture
def deck(metabolic):
    return metabolic


@pytest.fixture
def cards(metabolic_cards):
    return metabolic_cards


def _wrong(card, entity: str):
    return next(o for o in card.options if o.entity == entity and not o.correct)


@pytest.mark.parametrize(
    ("blueprint", "rivals", "stated", "rule"),
    [
        # S1: the normal forearm lactate rise rules out both glycogenoses (a flat curve
        # is necessary for them) ...
        (
            "bp-cpt2",
            ("mcardle", "tarui"),
            "venous lactate and ammonia rise normally on a forearm exercise test",
            "necessary",
        ),
        # ... and the second wind, specific to McArdle disease, rules out the other two
        ("bp-mcardle", ("cpt2", "tarui"), "pain that passes after a short rest", "absent"),
    ],
)
def test_the_exertional_myopathies_are_offered_against_each_other(
    deck, blueprint, rivals, stated, rule
):
    """S1: the CPT II and McArdle vignettes offered only mitochondrial fillers, struck by
    'no stroke-like episodes' or 'no seizures'; now every rendering offers the real
    competitors, each ruled out by a fact its stem states."""
    for card in diagnosis_renders(deck, blueprint, SEEDS):
        assert stated in card.prompt
        for rival in rivals:
            option = _wrong(card, rival)
            assert option.proof[0].rule == rule, option.explanation
            assert option.proof[0].stated in card.prompt
            assert "unlikely because" in option.explanation
        assert "seizures" not in card.prompt  # struck only Alpers–Huttenlocher syndrome
        assert "ahs" not in {o.entity for o in card.options}
        assert not check_card(deck, card)


def test_the_proofs_against_the_rivals_are_sourced_facts_not_usual_ones(deck):
    """A rule-out must be sound: the trigger and the CK between attacks are 'usually'
    facts and prove nothing; the facts used are a necessary flat lactate curve and an
    absent second wind, each with its sources."""
    rels = {(r.source, r.target): r for r in deck.relations}
    for holder in ("mcardle", "tarui"):
        assert rels[(holder, "flat-lactate")].necessary
    for other in ("cpt2", "tarui"):
        r = rels[(other, "second-wind")]
        assert r.frequency == "absent" and "vissing-2003" in r.sources
    assert "hogrel-2001" in rels[("mcardle", "flat-lactate")].sources


@pytest.mark.parametrize(
    ("cid", "key"),
    [
        ("metabolic:mcq:merrf.caused_by.m8344:from", "merrf"),
        ("metabolic:mcq:melas.caused_by.m3243:from", "melas"),
        ("metabolic:mcq:kss.caused_by.sld:from", "kss"),
        ("metabolic:mcq:ahs.caused_by.polg-variants:from", "ahs"),
    ],
)
def test_cause_questions_offer_other_mitochondrial_syndromes(deck, cards, cid, key):
    """S2: "Which disorder is caused by m.8344A>G?" had MERRF as its only mitochondrial
    option. Asked for the most common cause, another syndrome's own usual cause proves it
    wrong ("MELAS is caused by m.3243A>G in about 80%"); CPEO, whose usual cause the deck
    does not state, is never offered."""
    card = cards[cid]
    assert card.prompt.endswith("as its most common cause?"), card.prompt
    offered = {o.entity for o in card.options}
    assert (offered & MITOCHONDRIAL) - {key}, card.options
    assert "cpeo" not in offered
    for o in card.options:
        if not o.correct and o.entity in MITOCHONDRIAL:
            assert o.proof[0].rule == "usual"
            # its own usual cause, and no "is not usually caused by X", which implied that
            # X sometimes is (round 17c, M2)
            assert "usually caused by" in o.explanation or "its most common cause" in o.explanation
            assert "not usually" not in o.explanation
    assert not check_card(deck, card)


def test_a_usual_cause_does_not_disprove_a_plain_cause_question(deck, cards):
    """The checker re-derives the 'usual' proof: asked "Which disorder is caused by X?",
    another usual cause proves nothing (MELAS can have other causes)."""
    card = cards["metabolic:mcq:merrf.caused_by.m8344:from"]
    plain = dataclasses.replace(card, prompt="Which disorder is caused by m.8344A>G in MT-TK?")
    assert any("rule 'usual'" in p for p in check_card(deck, plain))


def test_only_causes_keep_their_plain_question(cards):
    """A cause the deck lists as the only one (CPT2, PYGM, GAA) is asked as before."""
    assert cards["metabolic:mcq:cpt2.caused_by.cpt2-variants:from"].prompt == (
        "Which disorder is caused by biallelic CPT2 variants?"
    )
    # CPEO's causes are each only common: it can be caused by them, no more
    assert cards["metabolic:mcq:cpeo.caused_by.sld:from"].prompt.startswith(
        "Which disorder can be caused by"
    )


def test_no_adult_with_cpeo_is_offered_alpers_huttenlocher_syndrome(deck):
    """Round 17b: AHS (onset usually 2-4, at most 36) was offered to CPEO patients of 46
    and 47, since no other option was proven wrong for a PEO case. A normal acid
    alpha-glucosidase activity now rules out late-onset Pompe disease (ptosis and
    limb-girdle weakness), so AHS is not needed at any age."""
    ages = []
    for card in diagnosis_renders(deck, "bp-cpeo", range(40)):
        ages.append(int(re.match(r"An? (\d+)-year-old", card.prompt).group(1)))
        offered = {o.entity for o in card.options}
        assert "ahs" not in offered and "iopd" not in offered
        lopd = _wrong(card, "lopd")
        assert lopd.proof[0].rule == "necessary"
        assert "acid alpha-glucosidase activity in a dried blood spot is normal" in card.prompt
    assert max(ages) > 46  # the ages the old items offered AHS to are drawn


def test_every_metabolic_card_is_still_proven(deck):
    assert unproven(deck) == []
