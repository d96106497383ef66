"""Every card kind, generated through the real loader from a small deck and the IIM deck."""

import re
from collections import Counter

import pytest

from quizapp.generate import CardId, generate_deck
from quizapp.generate.index import build_index
from quizapp.kinds import KINDS


def test_small_deck_yields_every_kind_with_unique_ids(small):
    cards = generate_deck(small).cards
    kinds = Counter(c.kind for c in cards)
    assert set(kinds) == set(KINDS)
    assert len({c.id for c in cards}) == len(cards)
    assert all(c.id.startswith("small:") and c.deck == "small" for c in cards)


def test_uncertain_facts_are_left_out(small):
    cards = generate_deck(small).cards
    text = " ".join(c.prompt + c.answer + " ".join(o.text for o in c.options) for c in cards)
    assert "Glowing ears" not in text
    assert "Do ears glow?" not in text


def test_basic_and_reverse_come_from_the_relation_templates(small):
    by_id = {c.id: c for c in generate_deck(small).cards}
    basic = by_id["small:basic:alpha:has_finding"]
    # running text; a list answer asks in the plural (student trial 3)
    assert basic.prompt == "Which clinical findings are features of alpha disease?"
    assert basic.answer == "Includes: Alpha sign; Tiredness"  # hallmark first; an open list
    reverse = by_id["small:reverse:ab-alpha:marked_by"]
    assert reverse.prompt == "Which conditions does anti-Ka mark?"
    assert reverse.answer == "Includes: Alpha disease"
    assert by_id["small:basic:alpha:marked_by"].answer == "Anti-Ka"  # a complete list
    attribute = by_id["small:attribute:alpha:ck"]
    assert attribute.answer == "30-200 U/L"


def test_cloze_deletes_only_an_end_the_sentence_determines(small):
    cloze = {c.id: c for c in generate_deck(small).cards if c.kind == "cloze"}
    assert cloze["small:cloze:alpha.marked_by.ab-alpha:to"].prompt == "[...] marks alpha disease."
    # alpha has two findings, so "[...] is a feature of Alpha disease." would be ambiguous
    assert "small:cloze:alpha.has_finding.sign-alpha:to" not in cloze
    assert cloze["small:card:hand-cloze"].prompt == "Alpha disease is [...] for tests."
    assert cloze["small:card:hand-cloze"].answer == "made up"


def test_mcq_distractors_are_homogeneous_and_never_true(small):
    ix = build_index(small)
    mcqs = [c for c in generate_deck(small).cards if c.kind == "mcq"]
    assert mcqs
    for card in mcqs:
        relation = ix.by_id[card.tests[0]]
        forward = CardId.parse(card.id).parts[-1] == "to"
        key_kinds = (
            small.relation_types[relation.type].to_kinds
            if forward
            else small.relation_types[relation.type].from_kinds
        )
        assert [o.correct for o in card.options].count(True) == 1
        for option in card.options:
            assert small.entities[option.entity].kind in key_kinds
            if not option.correct:
                pair = (
                    (relation.source, relation.type, option.entity)
                    if forward
                    else (option.entity, relation.type, relation.target)
                )
                assert not ix.might_hold(*pair), card.id


def test_mnemonic_both_directions_and_repeated_keys(small):
    ids = {c.id for c in generate_deck(small).cards if c.kind == "mnemonic"}
    assert {"small:mnemonic:abc", "small:mnemonic:abc:B:meaning", "small:mnemonic:abc:B:key"} <= ids
    # "what does A stand for?" would have two right answers: only the reverse is asked
    assert {"small:mnemonic:abc:A#2:key", "small:mnemonic:abc:A:key"} <= ids
    assert not {"small:mnemonic:abc:A:meaning", "small:mnemonic:abc:A#2:meaning"} & ids


def test_comparison_key_is_the_only_row_that_fits(small):
    table = small.tables["lab-table"]
    cards = [c for c in generate_deck(small).cards if c.kind == "comparison"]
    assert cards
    for card in cards:
        cols = CardId.parse(card.id).parts[2:]  # table, row, then the columns
        rows = {r.entity: r for r in table.rows}
        table_titles = {c.id: c.title for c in table.columns}
        key = next(o for o in card.options if o.correct)
        for option in card.options:
            same = all(
                rows[option.entity].cells[c].text == rows[key.entity].cells[c].text for c in cols
            )
            assert same == option.correct
            if not option.correct:  # in the question's words: "X has “a” under “T”."
                cell = next(
                    rows[option.entity].cells[c].text
                    for c in cols
                    if f"under “{table_titles[c]}”" in option.explanation
                )
                assert re.fullmatch(
                    r"Incorrect\. .+ ha(s|ve) “.+” under “.+”\.", option.explanation
                ), option.explanation
                assert f"“{cell}”" in option.explanation


def test_options_setting_controls_count(small):
    for n in (4, 6, 8):
        cards = generate_deck(small, options=n).cards
        assert all(len(c.options) == n for c in cards if c.kind == "vignette")
    with pytest.raises(ValueError):
        generate_deck(small, options=3)


def test_iim_deck_yields_every_kind(iim):
    generated = generate_deck(iim)
    assert {c.kind for c in generated.cards} == set(KINDS)
    assert len({c.id for c in generated.cards}) == len(generated.cards)
    diagnosed = {c.id for c in generated.cards if c.id.endswith(":diagnosis")}
    noted = {f.card_id for f in generated.lost if (f.card_id or "").endswith(":diagnosis")}
    # every blueprint either yields its diagnosis vignette or says in lint why not
    assert diagnosed | noted == {f"iim:vignette:{bp}:diagnosis" for bp in iim.blueprints}
    assert len(diagnosed) >= 8


def test_a_subtype_of_a_subgroup_is_never_a_wrong_answer_about_the_group():
    """Anti-SRP myopathy is classed under IMNM, whose parent is IIM: it is an IIM too."""
    from pathlib import Path

    from quizapp.deck.loader import load_deck

    deck = load_deck(Path(__file__).resolve().parents[2] / "decks" / "iim" / "deck.yaml")
    asked = [
        c
        for c in generate_deck(deck).cards
        if c.kind == "mcq" and c.tests[0].endswith(".subtype_of.iim")
    ]
    assert asked
    for card in asked:
        wrong = {o.entity for o in card.options if not o.correct}
        assert not wrong & {"imnm-srp", "imnm-hmgcr"}, card.id
