"""Student trial 3 (IIM deck): generated items that taught nothing or gave themselves away."""

from quizapp.generate import generate_deck


def _cards(deck):
    return {c.id: c for c in generate_deck(deck).cards}


def test_a_wrong_option_says_what_it_is_with_its_proof(iim):
    """ "Incorrect. Anti-Ku is not a serological marker of juvenile dermatomyositis." said
    nothing of anti-Ku: the rationale now states a fact of the option first, and that fact
    is among the option's proofs."""
    card = _cards(iim)["iim:mcq:jdm.marked_by.anti-nxp2:to"]
    ku = next(o for o in card.options if o.text == "Anti-Ku")
    assert ku.explanation == (
        "Incorrect. Anti-Ku points to other connective tissue disease. "
        "Anti-Ku is not a serological marker of juvenile dermatomyositis."
    )
    assert [p.rule for p in ku.proof] == ["absent", "fact"]
    assert ku.proof[1].ref == "anti-ku.antibody_feature.ctd-overlap"
    told = [
        len(o.proof) > 1 or o.proof[0].rule == "complete"
        for c in _cards(iim).values()
        if c.kind == "mcq"
        for o in c.options
        if not o.correct
    ]
    assert sum(told) / len(told) > 0.9  # nearly every wrong option says what it is


def test_no_rationale_repeats_a_question(iim):
    """ "... Which antibody is a serological marker of antisynthetase syndrome? Only anti-EJ,
    ..." was in each of 4 options' explanations: a complete list is one sentence."""
    cards = _cards(iim).values()
    for card in cards:
        for o in card.options:
            assert "?" not in o.explanation, (card.id, o.explanation)
    card = _cards(iim)["iim:mcq:cadm.marked_by.anti-mda5:from"]
    asys = next(o for o in card.options if o.text == "Antisynthetase syndrome")
    assert asys.explanation.endswith(
        "Each of anti-EJ, anti-Ha, anti-Jo-1, anti-KS, anti-OJ, anti-PL-12, anti-PL-7 and "
        "anti-Zo is a serological marker of antisynthetase syndrome, and no other antibody is."
    )
