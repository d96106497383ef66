"""Student trials 3 and 4: a quiz block never asks one fact twice, repeats a stem or an
answer."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.library import load_library
from quizapp.quiz.builder import distinct_sample, quiz_cards
from tests.support.paths import DECKS

IIM = [c for c in quiz_cards(load_library(DECKS), ("iim",))]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), size=st.integers(1, 100))
def test_a_block_holds_no_siblings_and_no_repeated_stem(seed, size):
    block = distinct_sample(random.Random(seed), IIM, size)
    assert len({c.sibling_key for c in block}) == len(block)
    assert len({c.prompt.casefold() for c in block}) == len(block)
    # no answer gives another away (student trial 4)
    assert len({(c.category, c.answer.casefold()) for c in block}) == len(block)
    assert len(block) == size or len(block) >= 20  # a block of up to 20 is always full
    ids = {c.id for c in block}
    # "marker of JDM?" (anti-NXP2) and "what does anti-NXP2 mark?" (JDM) are one fact
    assert not {"iim:mcq:jdm.marked_by.anti-nxp2:to", "iim:mcq:jdm.marked_by.anti-nxp2:from"} <= ids
