"""Clinician round 15 (both bundled decks): items that misled or read badly."""

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck
from quizapp.generate.evidence import disproof
from quizapp.generate.index import build_index
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
