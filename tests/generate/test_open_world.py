"""Open world: what a deck does not state is unknown, so no option is offered as wrong
without a deck fact that proves it, and every item carries that proof."""

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.deck.loader import load_deck
from quizapp.generate import CardId, generate_deck
from quizapp.generate.index import build_index
from quizapp.generate.lint.proof_check import check_card
from quizapp.generate.text.common import cue_stems
from tests.generate.helpers import DATA

EVIDENCE = re.compile(r",? ?(necessary: true|complete: each_from),?")


def _deck_from(tmp_path: Path, text: str):
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return load_deck(path)


def positive_only(tmp_path: Path):
    """The small deck with every piece of negative evidence taken out."""
    text = (DATA / "small.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if "frequency: absent" not in line)
    return _deck_from(
        tmp_path, EVIDENCE.sub(lambda m: "," if m.group().endswith(",") else "", text)
    )


def test_a_deck_of_positive_facts_yields_no_option_offered_as_wrong(tmp_path):
    deck = positive_only(tmp_path)
    generated = generate_deck(deck, seed=3)
    asked = [c for c in generated.cards if c.kind in ("mcq", "vignette")]
    assert asked == []
    assert not [c for c in generated.cards if c.kind == "cloze" and ":cloze:" in c.id]
    assert len(generated.lost) >= 48  # every MCQ and vignette of the full deck, reported
    # comparison items prove their options with table cells, which state each row's value
    assert all(not check_card(deck, c) for c in generated.cards)


def test_the_full_small_deck_asks_what_its_evidence_proves(small):
    kinds = {c.kind for c in generate_deck(small).cards}
    assert {"mcq", "vignette", "cloze", "comparison"} <= kinds


def test_a_finding_question_without_negative_facts_is_a_lint_note_saying_what_to_add(small):
    generated = generate_deck(small)
    ids = {c.id for c in generated.cards}
    assert "small:mcq:alpha.has_finding.fatigue:from" not in ids  # only beta is disproved
    note = next(
        f for f in generated.lost if f.card_id == "small:mcq:alpha.has_finding.fatigue:from"
    )
    assert note.severity == "note"
    assert "1 of 4 wrong options proven" in note.message
    assert "`frequency: absent`" in note.message and "complete" in note.message
    assert str(note.loc).startswith(str(DATA / "small.yaml"))


def deck_relations(deck):
    return {r.id: r for r in deck.relations}


def test_absent_facts_make_a_question_and_its_explanations_cite_them(tmp_path):
    text = (DATA / "small.yaml").read_text(encoding="utf-8")
    extra = "".join(
        f"  - {{from: {c}, type: has_finding, to: fatigue, frequency: absent, source: s1}}\n"
        for c in ("gamma", "delta", "epsilon")
    )
    text = text.replace("tables:\n", extra + "tables:\n", 1)
    deck = _deck_from(tmp_path, text)
    card = next(
        c for c in generate_deck(deck).cards if c.id == "small:mcq:alpha.has_finding.fatigue:from"
    )
    for option in card.options:
        proof, *what_it_is = option.proof
        if option.correct:
            assert proof.rule == "fact" and proof.ref == "alpha.has_finding.fatigue"
            continue
        assert proof.rule == "absent"
        assert proof.ref == f"{option.entity}.has_finding.fatigue"
        # student trial 3: what the option is (a fact of its own, proven), then why it is wrong
        said = " ".join(p.fact for p in what_it_is)
        assert option.explanation == " ".join(
            x
            for x in ("Incorrect.", said, f"Tiredness is not a feature of {option.text.lower()}.")
            if x
        )
        for p in what_it_is:
            fact = deck_relations(deck)[p.ref]
            assert p.rule == "fact" and option.entity == fact.source
        line = text.splitlines()[proof.loc.line - 1]
        assert f"from: {option.entity}, type: has_finding, to: fatigue" in line
    assert check_card(deck, card) == []


def test_complete_lists_prove_distractors_and_json_shows_the_proof(small):
    card = next(
        c for c in generate_deck(small).cards if c.id == "small:mcq:alpha.marked_by.ab-alpha:to"
    )
    data = card.to_json()
    for option in data["options"]:
        assert option["proof"], option
        assert re.match(r".+small\.yaml:\d+:\d+$", option["proof"][0]["loc"])
        if not option["correct"]:
            assert option["proof"][0]["rule"] == "complete"
            assert "anti-Ka" in option["explanation"]


def test_the_checker_catches_an_option_whose_proof_is_swapped(small):
    card = next(c for c in generate_deck(small).cards if c.kind == "mcq")
    key = next(o for o in card.options if o.correct)
    wrong = next(o for o in card.options if not o.correct)
    forged = dataclasses.replace(wrong, proof=key.proof)
    options = tuple(forged if o is wrong else o for o in card.options)
    assert check_card(small, dataclasses.replace(card, options=options))
    unproven = dataclasses.replace(wrong, proof=())
    options = tuple(unproven if o is wrong else o for o in card.options)
    assert check_card(small, dataclasses.replace(card, options=options))


def test_table_cells_that_share_a_number_are_never_both_keys(tmp_path):
    text = (DATA / "small.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "cells: {ck: {text: Normal, source: s1}, course: {text: Relapsing",
        "cells: {ck: {text: '0.7', source: s1}, course: {text: Relapsing",
    )
    text = text.replace(
        "cells: {ck: {text: Raised, source: s1}, course: {text: Progressive",
        "cells: {ck: {text: '0.70 (weight)', source: s1}, course: {text: Progressive",
    )
    deck = _deck_from(tmp_path, text)
    cards = generate_deck(deck).cards
    ids = {c.id for c in cards if c.kind == "comparison"}
    # alpha's 0.7 and epsilon's 0.70 are one value: neither row is asked by its CK alone
    assert "small:comparison:lab-table:gamma:ck" in ids
    assert (
        not {"small:comparison:lab-table:alpha:ck", "small:comparison:lab-table:epsilon:ck"} & ids
    )
    for card in cards:
        assert check_card(deck, card) == [], card.id


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), options=st.integers(4, 6))
def test_every_proof_follows_from_the_deck_for_any_seed(small, seed, options):
    for card in generate_deck(small, seed=seed, options=options).cards:
        assert check_card(small, card) == [], card.id


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_every_iim_proof_follows_from_the_deck_for_any_seed(seed):
    deck = _iim()
    cards = generate_deck(deck, seed=seed).cards
    for card in cards:
        assert check_card(deck, card) == [], card.id
        for option in card.options:
            assert option.proof and all(p.loc.line > 0 for p in option.proof), card.id


_IIM = []


def _iim():
    if not _IIM:
        _IIM.append(load_deck(Path(__file__).resolve().parents[2] / "decks" / "iim" / "deck.yaml"))
    return _IIM[0]


def test_no_recall_item_is_answered_by_repeating_the_question_s_words(iim):
    """'Which drug causes chronic alcoholic myopathy? Alcohol' tests nothing (second
    reading, round 3): the key may share a word stem with the name the question shows
    only when a distractor shares it too; a cloze never."""
    generated = generate_deck(iim)
    ix = build_index(iim)
    checked = 0
    for card in generated.cards:
        if card.kind not in ("mcq", "cloze") or not card.tests or card.tests[0] not in ix.by_id:
            continue
        r = ix.by_id[card.tests[0]]
        anchor, key = (
            (r.source, r.target)
            if CardId.parse(card.id).parts[-1] == "to"
            else (r.target, r.source)
        )
        cue = cue_stems(ix.name(key), ix.name(anchor))
        if card.kind == "cloze":
            assert not cue, card.id
        else:
            others = [o.text for o in card.options if not o.correct]
            assert not cue or any(cue <= cue_stems(t, ix.name(anchor)) for t in others), card.id
        checked += 1
    assert checked > 50
    ids = {c.id for c in generated.cards}
    assert "iim:mcq:alcohol-myopathy.caused_by.ethanol:to" not in ids


def test_a_complete_list_is_explained_as_a_sentence_not_a_question(iim):
    """Round 10: "Which antibody ...? Only anti-cN1A." read as internal text; the rationale
    says the complete list in the relation's own sentence."""
    cards = {c.id: c for c in generate_deck(iim).cards}
    # said once, in the key's rationale (clinician round 15, N-S2)
    key = next(o for o in cards["iim:vignette:bp-ibm:antibody"].options if o.correct)
    assert key.explanation.endswith(
        "Only anti-cN1A is a serological marker of inclusion body myositis."
    )
    wrong = next(o for o in cards["iim:mcq:dm.subtype_of.iim:from"].options if not o.correct)
    assert "?" not in wrong.explanation
    assert wrong.explanation.endswith(" is classed only under drug- and toxin-induced myopathies.")
    assert "complete list" not in wrong.explanation


def test_an_empty_complete_list_claims_nothing(iim):
    """'Which disease group includes PMR? None is known.' was false (fourth reading): a
    list with no entry proves the option wrong, but says nothing more."""
    for card in generate_deck(iim).cards:
        for o in card.options:
            assert not re.search(r"\?(?! Only )", o.explanation), (card.id, o.explanation)
            assert "None is known" not in o.explanation


@pytest.mark.parametrize(
    ("statement", "slot", "expected"),
    [
        ("{from} is caused by {to}.", "{to}", "{from} is caused only by {to}."),
        ("{from} is classed under {to}.", "{from}", "only {from} is classed under {to}."),
        ("{from} is classed under {to}.", "{to}", "{from} is classed only under {to}."),
        ("{from} is an item of the {to}.", "{to}", "{from} is an item only of the {to}."),
        (
            "A muscle biopsy in {from} shows {to}.",
            "{to}",
            "A muscle biopsy in {from} shows only {to}.",
        ),
        ("{from} is used to treat {to}.", "{to}", "{from} is used to treat only {to}."),
    ],
)
def test_only_goes_before_the_preposition_that_leads_to_the_list(statement, slot, expected):
    """Clinician round 11: "caused by only" and "classed under only" read wrong."""
    from quizapp.generate.evidence import only_before

    assert only_before(statement, slot) == expected
