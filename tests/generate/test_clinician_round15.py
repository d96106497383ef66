"""Clinician round 15 (both bundled decks): items that misled or read badly."""

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck
from quizapp.generate.evidence import disproof, fact_statement, statement
from quizapp.generate.index import build_index
from tests.generate.helpers import card_texts
from tests.support.paths import DECKS


@pytest.fixture(scope="module")
def metabolic():
    return load_deck(DECKS / "metabolic" / "deck.yaml")


@pytest.fixture(scope="module")
def metabolic_cards(metabolic):
    return {c.id: c for c in generate_deck(metabolic).cards}


def test_cpeo_is_never_wrong_for_a_group_it_belongs_to(metabolic, metabolic_cards):
    """N-M3: CPEO's closed classification named only the mitochondrial myopathies, so the
    deck denied that it is a single-deletion syndrome or a POLG disorder (GeneReviews
    places it in both)."""
    ix = build_index(metabolic)
    for group in ("slsmds", "polg-disorders", "mito-myopathy"):
        assert disproof(ix, "cpeo", "subtype_of", group) is None, group
    groups = metabolic_cards["metabolic:basic:cpeo:subtype_of"].answer
    assert "Single large-scale mtDNA deletion syndromes" in groups
    assert "POLG-related disorders" in groups
    for card in metabolic_cards.values():
        for o in card.options:
            if o.text == "CPEO" and not o.correct:
                assert "classed" not in o.explanation, (card.id, o.explanation)


def test_a_cause_that_is_not_the_only_one_says_how_often(metabolic, metabolic_cards):
    """N-M4: "CPEO is caused by POLG variants." beside "... is caused only by biallelic GAA
    variants." read as the cause: a cause outside a complete list with a frequency or a
    percent is said with it, in every card and rationale."""
    ix = build_index(metabolic)
    hedged = [
        r
        for r in metabolic.relations
        if r.type == "caused_by"
        and "caused_by" not in metabolic.entities[r.source].complete
        and (r.frequency or r.percent)
    ]
    assert {(r.source, r.target) for r in hedged} >= {("cpeo", "polg-variants"), ("melas", "m3243")}
    texts = [t for c in metabolic_cards.values() for t in card_texts(c)]
    for r in hedged:
        bare = statement(ix, r.type, r.source, r.target)
        assert not [t for t in texts if bare in t], bare
    said = {fact_statement(ix, r) for r in hedged}
    assert "CPEO can be caused by POLG variants." in said
    assert "Kearns–Sayre syndrome is usually caused by a single large-scale mtDNA deletion." in said
    assert "MELAS is caused by m.3243A>G in MT-TL1 (in about 80% of patients)." in said
    # the only cause stays plain
    assert any("Pompe disease is caused only by biallelic GAA variants." in t for t in texts)
    key = metabolic_cards["metabolic:mcq:cpeo.caused_by.polg-variants:from"]
    assert next(o for o in key.options if o.correct).explanation == (
        "Correct. CPEO can be caused by POLG variants."
    )
