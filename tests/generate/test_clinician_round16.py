"""Clinician round 16 (/work/review-round16.md): items that misled or read badly."""

import re

from quizapp.generate.evidence import disproof
from quizapp.generate.index import build_index
from quizapp.generate.text.wording import fill_sentence, is_compound
from tests.generate.helpers import card_texts


def test_a_question_on_a_cause_that_is_not_the_usual_one_asks_what_it_can_cause(
    metabolic, metabolic_cards
):
    """M2: "Which disorder is caused by POLG variants?" was keyed to CPEO, which only "can
    be caused by" them: the stem claimed more than the key. Each wrong option is still
    disproved for "can be caused by" (a complete list of its causes leaves the cause out)."""
    ix = build_index(metabolic)
    for cause in ("polg-variants", "sld"):
        card = metabolic_cards[f"metabolic:mcq:cpeo.caused_by.{cause}:from"]
        assert card.prompt == f"Which disorder can be caused by {ix.mid(cause)}?"
        for option in card.options:
            if option.correct:
                continue
            proof = disproof(ix, option.entity, "caused_by", cause)
            assert proof is not None and proof.rule in ("absent", "complete"), option.text
            assert " only " in proof.fact or proof.rule == "absent", proof.fact
    reverse = metabolic_cards["metabolic:reverse:polg-variants:caused_by"]
    assert reverse.prompt.endswith("can be caused by POLG variants?"), reverse.prompt
    # a cause that is the usual or the only one keeps the plain question
    assert metabolic_cards["metabolic:mcq:cpt2.caused_by.cpt2-variants:from"].prompt == (
        "Which disorder is caused by biallelic CPT2 variants?"
    )
    assert "can be" in metabolic_cards["metabolic:reverse:sld:caused_by"].prompt  # CPEO's
    assert "can be" not in metabolic_cards["metabolic:reverse:m3243:caused_by"].prompt


def test_several_findings_named_together_take_a_plural_verb_and_noun(metabolic, metabolic_cards):
    """L1: "Ptosis and ophthalmoplegia is a feature of MERRF." Every template that says
    "{to} is a feature of {from}" (and its denial, and any "is a <noun> of") agrees with a
    name that joins several things, while one finding with a plural noun keeps its
    article ("Gottron papules are a feature of ...") and a qualifier's "and" is no list."""
    assert fill_sentence(
        "{to} is a feature of {from}.", "MERRF", "Ptosis and ophthalmoplegia", frozenset()
    ) == ("Ptosis and ophthalmoplegia are features of MERRF.")
    assert (
        fill_sentence(
            "{to} is not a feature of {from}.",
            "X",
            "Cold intolerance, weight gain and constipation",
            frozenset(),
        )
        == "Cold intolerance, weight gain and constipation are not features of X."
    )
    said = fill_sentence(
        "{to} is an early clue to {from}.", "X", "Dysphagia and dysphonia", frozenset()
    )
    assert said == "Dysphagia and dysphonia are early clues to X."
    one = "Weakness that increases with effort and recovers after rest"
    assert fill_sentence("{to} is a feature of {from}.", "X", one, frozenset()) == (
        f"{one} is a feature of X."
    )
    assert not is_compound("Drug- and toxin-induced myopathies")
    texts = [t for c in metabolic_cards.values() for t in card_texts(c)]
    assert any("Ptosis and ophthalmoplegia are features of MERRF." in t for t in texts)
    for e in metabolic.entities.values():
        if is_compound(e.name):
            bad = [t for t in texts if re.search(rf"{re.escape(e.name)} is (?:not )?an? ", t)]
            assert not bad, bad


def test_merrf_ptosis_is_not_said_more_strongly_than_its_source(metabolic, metabolic_cards):
    """L1: the deck said "Ptosis is common" on the finding "Ptosis and ophthalmoplegia",
    `common`; GeneReviews counts ophthalmoparesis among MERRF's less frequent features."""
    (fact,) = [r for r in metabolic.relations if r.id == "merrf.has_finding.peo"]
    assert fact.frequency == "occasional"
    assert "less frequent" in (fact.note or "")
    key_of = [c for c in metabolic_cards.values() if c.kind == "mcq" and c.tests == (fact.id,)]
    assert not key_of  # a minor association keys no single-best-answer question
