"""Clinician round 17a (both bundled decks): items that over-claimed or read badly."""

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck
from tests.generate.helpers import card_texts, generated_vignettes
from tests.support.paths import DECKS


@pytest.fixture(scope="module")
def iim():
    return load_deck(DECKS / "iim" / "deck.yaml")


@pytest.fixture(scope="module")
def iim_cards(iim):
    return {c.id: c for c in generate_deck(iim).cards}


@pytest.fixture(scope="module")
def metabolic_cards():
    return {c.id: c for c in generate_deck(load_deck(DECKS / "metabolic" / "deck.yaml")).cards}


def test_tif1_in_children_is_not_linked_to_cancer_rather_than_risk_free(iim_cards):
    """M3: the sources speak of no association with cancer in JDM, not of no risk."""
    text = " ".join(card_texts(iim_cards["iim:card:tif1-children"]))
    assert "not linked to cancer" in text
    assert "no cancer risk" not in text


def test_anti_mda5_is_not_taught_as_marking_amyopathic_dm_alone(iim):
    """M4: the table cell said only CADM, though its reverse card (and Mehta 2021) name
    classic DM and JDM too; no comparison item may now ask for "CADM" alone, nor for
    "Classic DM" as if anti-Mi-2 were its only antibody."""
    row = next(r for r in iim.tables["msa-associations"].rows if r.entity == "anti-mda5")
    assert "classic DM and JDM" in row.cells["subtype"].text
    texts = [
        t
        for seed in range(8)
        for c in generate_deck(iim, seed=seed).cards
        if c.kind == "comparison" and ":msa-associations:" in c.id
        for t in card_texts(c)
    ]
    assert texts
    assert not [t for t in texts if "Clinically amyopathic DM" in t and "also classic" not in t]
    prompts = [
        c.prompt
        for c in generate_deck(iim).cards
        if c.kind == "comparison" and ":msa-associations:" in c.id
    ]
    assert prompts
    assert not [p for p in prompts if "Classic DM" in p], prompts


def test_perifascicular_atrophy_is_not_said_to_make_a_biopsy_dermatomyositis(iim, iim_cards):
    """M2: perifascicular changes occur in anti-Jo-1 myositis too (Mozaffar 2000); the PM
    biopsy vignette's rationale said PFA 'would make it dermatomyositis'."""
    renders = generated_vignettes(iim, [iim_cards["iim:vignette:bp-pm:biopsy"]], range(6))
    said = [
        o.explanation
        for v in renders
        for o in v.options
        if not o.correct and o.text.startswith("Perifascicular atrophy")
    ]
    assert said
    for text in said:
        assert "would make it" not in text
        assert "anti-Jo-1" in text


@pytest.mark.parametrize(
    "card_id, question",
    [
        ("iim:attribute:pm:weakness_severity", "How severe is the weakness in polymyositis?"),
        ("iim:attribute:pm:sex_ratio", "What is the female-to-male ratio in polymyositis?"),
        (
            "iim:attribute:ivig:dose",
            "What is the usual dose of intravenous immunoglobulin in myositis?",
        ),
    ],
)
def test_attribute_questions_read_as_an_item_writer_asks_them(iim_cards, card_id, question):
    """L2: "What is the usual dose in myositis of X?", "the severity of weakness of X"."""
    assert iim_cards[card_id].prompt == question


def test_a_list_of_treatments_is_not_called_drugs(iim_cards):
    """L3: photoprotection was listed under "Which drugs are used to treat ...?"."""
    card = iim_cards["iim:reverse:dm-rash:treats_manifestation"]
    assert "Photoprotection" in card.answer
    assert card.prompt.startswith("Which treatments are used for ")
    assert "drug" not in card.prompt


def test_enzyme_replacement_reads_once_with_its_drug(metabolic_cards):
    """L4: "managed with enzyme replacement with alglucosidase alfa"."""
    texts = [t for c in metabolic_cards.values() for t in card_texts(c)]
    assert any("alglucosidase alfa enzyme replacement" in t for t in texts)
    assert not [t for t in texts if "replacement with alglucosidase" in t]
