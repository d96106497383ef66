"""Anki fields built from real generated cards (no Anki needed): cloze text and seeds."""

import pytest

from quizapp.deck.loader import load_deck
from quizapp.export import select_cards
from quizapp.export.anki import BASIC, BEST_ANSWER, CLOZE, cloze_field, note_for
from tests.export.helpers import SMALL, small_data, write_deck


@pytest.fixture(scope="module")
def small():
    return select_cards([load_deck(SMALL)], seed=5)


def test_a_generated_cloze_has_one_c1_deletion_around_its_answer(small):
    card = next(c for c in small.cards if c.id == "small:cloze:alpha.marked_by.ab-alpha:to")
    assert cloze_field(small.deck_of(card), card) == "{{c1::Anti-Ka}} marks alpha disease."
    assert note_for(small, card).model is CLOZE


def test_a_hand_written_cloze_keeps_each_gap_in_place_all_in_c1(small):
    card = next(c for c in small.cards if c.id == "small:card:hand-cloze")
    assert cloze_field(small.deck_of(card), card) == "Alpha disease is {{c1::made up}} for tests."


def test_mcq_records_the_seed_its_distractors_were_drawn_with(small):
    card = next(c for c in small.cards if c.kind == "mcq")
    note = note_for(small, card)
    assert note.model is BEST_ANSWER and note.fields[-1] == "5"


def test_deck_text_holding_the_gap_mark_becomes_a_basic_note_not_a_wrong_cloze(tmp_path):
    data = small_data()
    next(e for e in data["entities"] if e["id"] == "alpha")["name"] = "Alpha [...] disease"
    selection = select_cards([load_deck(write_deck(tmp_path, data))], kinds=["cloze"])
    card = next(c for c in selection.cards if c.id == "small:cloze:alpha.marked_by.ab-alpha:to")
    assert cloze_field(selection.deck_of(card), card) is None
    note = note_for(selection, card)
    assert note.model is BASIC and note.fields[1] == "Anti-Ka"
