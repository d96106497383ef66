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
        "Incorrect. Anti-Ku points to overlap with systemic sclerosis, lupus or mixed "
        "connective tissue disease. "
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


def test_no_card_names_its_own_answer_or_teaches_variable(iim):
    """ "Which condition shows long-term zidovudine therapy?" -> "Zidovudine myopathy",
    "Which test result is expected in statin-associated anti-HMGCR myopathy?" -> "Anti-HMGCR
    antibodies detected" and "severity of weakness" -> "Variable" are no longer made."""
    cards = _cards(iim)
    for gone in (
        "iim:reverse:zidovudine-use:has_finding",
        "iim:basic:imnm-hmgcr:has_result",
        "iim:reverse:anti-srp:marked_by",
        "iim:attribute:jdm:weakness_severity",
    ):
        assert gone not in cards
    assert all(c.answer != "Variable" for c in cards.values())
    # an exposure is not listed among its own condition's clinical findings
    assert "zidovudine" not in cards["iim:basic:zidovudine-myopathy:has_finding"].answer.lower()
    # a shared word that leaves a choice gives nothing away: two statin myopathies
    off_statin = cards["iim:reverse:persists-after-statin-stop:has_finding"]
    assert off_statin.answer.endswith("Statin-associated anti-HMGCR myopathy")


def test_a_list_question_is_plural_and_names_its_group(iim):
    cards = _cards(iim)
    toxic = cards["iim:reverse:drug-toxic-myopathy:subtype_of"]
    assert toxic.prompt == "Which conditions are classed under drug- and toxin-induced myopathies?"
    arthritis = cards["iim:reverse:arthritis:has_finding"]
    assert arthritis.prompt == (
        "Which of the idiopathic inflammatory myopathies show inflammatory arthritis?"
    )
    one = cards["iim:reverse:holster-sign:has_finding"]
    # an open list ("Includes:") is asked in the plural even with one answer (round 15)
    assert one.prompt.startswith("Which of the idiopathic inflammatory myopathies show ")
    assert cards["iim:reverse:anti-nxp2:marked_by"].prompt.endswith("does anti-NXP2 mark?")


def test_a_composite_finding_is_not_listed_beside_its_parts(iim):
    answer = _cards(iim)["iim:basic:dm:has_finding"].answer
    assert "Heliotrope rash or Gottron papules/sign" not in answer
    assert "Heliotrope rash" in answer and "Gottron papules" in answer
