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
