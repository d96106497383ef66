"""What reaches learners in the bundled IIM deck (clinician round 10): a condition of a
listed subgroup is listed under the group above it, and no author-facing label, question
inside a rationale or card without a teaching point reaches a card."""

import json

from quizapp.generate import generate_deck


def _texts(card) -> str:
    return json.dumps(card.to_json(), ensure_ascii=False)


def test_imnm_conditions_are_classed_under_iim(iim):
    cards = {c.id: c for c in generate_deck(iim).cards}
    answer = cards["iim:reverse:iim:subtype_of"].answer
    assert "Anti-SRP necrotizing myopathy" in answer
    assert "Statin-associated anti-HMGCR myopathy" in answer
    # round 11: no "Which group is a subgroup of IIM?" card listing IMNM alone (DM, PM, IBM
    # and ASyS are IIM subgroups too, Lundberg 2017)
    assert not [i for i in cards if i.endswith(":subgroup_of")]


def test_no_internal_label_reaches_a_card(iim):
    for card in generate_deck(iim).cards:
        text = _texts(card)
        for label in ("(scored item)", "in this deck", "? Only ", "None in PM"):
            assert label not in text or (label == "? Only " and "marker of" in text), card.id
        assert card.answer != "not scored", card.id


def test_an_answer_shown_alone_starts_with_a_capital():
    """Round 11: "under 18 years; ..." and "usually sporadic" were answers in lower case.
    Every answer shown alone (not a cloze's gap, which sits in its sentence) starts with a
    capital unless its first word is a unit or gene name ("mtDNA", "m.3243A>G")."""
    from quizapp.deck.loader import load_deck
    from tests.support.paths import DECKS

    for name in ("iim", "metabolic"):
        cards = generate_deck(load_deck(DECKS / name / "deck.yaml")).cards
        lower = [
            (c.id, c.answer)
            for c in cards
            if c.kind != "cloze"
            and c.answer.split(" ", 1)[0].isalpha()
            and c.answer.split(" ", 1)[0].islower()
        ]
        assert lower == [], name
    ages = {c.id: c.answer for c in generate_deck(load_deck(DECKS / "iim" / "deck.yaml")).cards}
    assert ages["iim:attribute:jdm:age_at_onset"].startswith("Under 18 years")
    assert ages["iim:attribute:ibm:age_at_onset"].startswith("Over 45 years")
