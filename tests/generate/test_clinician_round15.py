"""Clinician round 15 (both bundled decks): items that misled or read badly."""

import re

import pytest

from quizapp.generate import generate_deck
from quizapp.generate.evidence import disproof, fact_statement, statement
from quizapp.generate.index import build_index
from quizapp.generate.kinds.mcq import said_twice
from quizapp.generate.text.wording import noun_plural, plural_question
from tests.generate.helpers import card_texts, cards_by_id, generated_vignettes


def test_cpeo_is_never_wrong_for_a_group_it_belongs_to(metabolic, metabolic_cards):
    """N-M3: CPEO's closed classification named only the mitochondrial myopathies, so the
    deck denied that it is a single-deletion syndrome or a POLG disorder (GeneReviews
    places it in both)."""
    ix = build_index(metabolic)
    for group in ("slsmds", "polg-disorders", "mito-myopathy"):
        assert disproof(ix, "cpeo", "subtype_of", group) is None, group
    groups = metabolic_cards["metabolic:basic:cpeo:subtype_of"].answer
    assert "Single large-scale mtDNA deletion syndromes" in groups
    assert "POLG-related disorders" in groups
    for card in metabolic_cards.values():
        for o in card.options:
            if o.text == "CPEO" and not o.correct:
                assert "classed" not in o.explanation, (card.id, o.explanation)


def test_a_cause_that_is_not_the_only_one_says_how_often(metabolic, metabolic_cards):
    """N-M4: "CPEO is caused by POLG variants." beside "... is caused only by biallelic GAA
    variants." read as the cause: a cause outside a complete list with a frequency or a
    percent is said with it, in every card and rationale."""
    ix = build_index(metabolic)
    hedged = [
        r
        for r in metabolic.relations
        if r.type == "caused_by"
        and "caused_by" not in metabolic.entities[r.source].complete
        and (r.frequency or r.percent)
    ]
    assert {(r.source, r.target) for r in hedged} >= {("cpeo", "polg-variants"), ("melas", "m3243")}
    texts = [t for c in metabolic_cards.values() for t in card_texts(c)]
    for r in hedged:
        bare = statement(ix, r.type, r.source, r.target)
        assert not [t for t in texts if bare in t], bare
    said = {fact_statement(ix, r) for r in hedged}
    assert "CPEO can be caused by POLG variants." in said
    assert "Kearns–Sayre syndrome is usually caused by a single large-scale mtDNA deletion." in said
    assert "MELAS is caused by m.3243A>G in MT-TL1 (in about 80% of patients)." in said
    # the only cause stays plain
    assert any("Pompe disease is caused only by biallelic GAA variants." in t for t in texts)
    key = metabolic_cards["metabolic:mcq:cpeo.caused_by.polg-variants:from"]
    assert next(o for o in key.options if o.correct).explanation == (
        "Correct. CPEO can be caused by POLG variants."
    )


def _wrong_facts(cards):
    """(card, option, the fact that says what the option is) of every wrong MCQ option."""
    return [
        (c, o, o.proof[1])
        for c in cards.values()
        if c.kind == "mcq"
        for o in c.options
        if not o.correct and len(o.proof) > 1
    ]


def test_an_exposure_is_not_told_as_a_wrong_options_feature(iim):
    """N-L1: "Statin therapy is a feature of statin-associated anti-HMGCR myopathy." made a
    drug a clinical feature: an exposure (a `history` finding) is never the fact picked."""
    cards = cards_by_id(iim)
    facts = _wrong_facts(cards)
    assert facts
    for card, o, fact in facts:
        rel = iim_relation(iim, fact.ref)
        other = rel.target if rel.source == o.entity else rel.source
        assert iim.entities[other].finding_class != "history", (card.id, fact.fact)
        assert "therapy is a feature" not in o.explanation, (card.id, o.explanation)


def test_the_fact_told_of_a_wrong_option_tells_it_apart_from_the_key(iim):
    """N-S1: "Symmetric proximal weakness is a feature of polymyositis." beside a
    dermatomyositis key: a fact the key shares is told only when the option has no other."""
    ix = build_index(iim)
    cards = cards_by_id(iim)
    card = cards["iim:mcq:dm.has_finding.gottron-papules:from"]
    for o in card.options:
        assert "Symmetric proximal weakness" not in o.explanation, o.explanation
    for card, o, fact in _wrong_facts(cards):
        key = next(k.entity for k in card.options if k.correct)
        rel = iim_relation(iim, fact.ref)
        if rel.source == o.entity and ix.might_hold(key, rel.type, rel.target):
            own = [
                x
                for (src, _), rels in ix.out.items()
                if src == o.entity
                for x in rels
                if not ix.might_hold(key, x.type, x.target)
                and x.frequency not in ("occasional", "rare", "absent")
                and iim.entities[x.target].finding_class != "history"
            ]
            assert not own, (card.id, o.text, fact.fact, [x.id for x in own])


def iim_relation(deck, relation_id):
    return next(r for r in deck.relations if r.id == relation_id)


@pytest.mark.parametrize(
    "group",
    [
        "endocrine myopathies",
        "fatty acid oxidation disorders",
        "single large-scale mtDNA deletion syndromes",
        "POLG-related disorders",
    ],
)
def test_a_question_names_no_group_without_a_choice_in_it(iim, metabolic_cards, group):
    """N-S3: "Which of the endocrine myopathies shows myoedema?" named a group whose only
    other member was none (or one): the question names a broader group, or none."""
    cards = [*cards_by_id(iim).values(), *metabolic_cards.values()]
    assert not [c.prompt for c in cards if c.prompt.startswith(f"Which of the {group} ")]


def test_a_small_group_gives_way_to_the_next_one_up(metabolic_cards):
    kss = metabolic_cards["metabolic:reverse:pigmentary-retinopathy:has_finding"]
    assert kss.prompt == "Which of the mitochondrial myopathies show pigmentary retinopathy?"


def test_the_acute_steroid_form_does_not_promise_myoglobinuria(iim):
    """N-M2: "most patients have a raised CK with myoglobinuria" — the common acute form
    has a variable CK; myoglobinuria belongs to its necrotizing form."""
    answer = cards_by_id(iim)["iim:card:steroid-acute-form"].answer
    assert "most patients" not in answer
    assert "myoglobinuria occurs in its necrotizing form" in answer
    assert {"lacomis-2002", "ramsay-1993"} <= set(iim.cards["steroid-acute-form"].sources)


def test_list_questions_agree_with_their_answers(iim, metabolic_cards):
    """N-L2: "Which conditions call for serum creatine kinase in its work-up?", "calls for
    forearm exercise test", "managed with cardiac pacemaker", and a singular verb over an
    "Includes:" answer, which told the learner there was one."""
    cards = [*cards_by_id(iim).values(), *metabolic_cards.values()]
    for c in cards:
        if c.kind in ("basic", "reverse") and c.prompt.startswith("Which"):
            assert not re.search(r"\b(call|are|show|point)\b.* its\b", c.prompt), c.prompt
            verb = re.match(r"Which of the .+? (shows|show|is|are|calls|call) ", c.prompt)
            if c.answer.startswith("Includes:") and verb:
                assert verb.group(1) in ("show", "are", "call"), c.prompt
    prompts = {c.id: c.prompt for c in cards}
    assert prompts["iim:reverse:ck-test:work_up"] == (
        "Which conditions call for serum creatine kinase in their work-up?"
    )
    assert "forearm exercise testing" in prompts["metabolic:reverse:forearm-test:work_up"]
    assert "pacemaker implantation" in prompts["metabolic:reverse:pacemaker:treated_with"]


def test_a_noun_with_a_qualifier_is_made_plural_at_its_head():
    assert noun_plural("manifestation of myositis") == "manifestations of myositis"
    assert noun_plural("drug or substance") == "drugs or substances"


def test_a_list_leaves_out_a_group_named_after_its_question_beside_its_members(metabolic_cards):
    """N-S6: "Which of the mitochondrial myopathies are caused by POLG variants? Includes:
    CPEO; Alpers–Huttenlocher syndrome; POLG-related disorders"."""
    card = metabolic_cards["metabolic:reverse:polg-variants:caused_by"]
    assert card.answer == "Includes: CPEO; Alpers–Huttenlocher syndrome"


def test_a_duration_never_hangs_on_the_second_part_of_a_complaint(iim, metabolic):
    """N-L3: "because of knees giving way, with several falls for the past 4 years"; "a
    severe headache with vomiting, then loss of vision to one side for the past day"."""
    renders = [
        *generated_vignettes(iim, [*cards_by_id(iim).values()], range(12)),
        *generated_vignettes(metabolic, generate_deck(metabolic).cards, range(12)),
    ]
    assert len(renders) > 300
    for card in renders:
        complaint = re.search(r"because of (.*?)(?: for the past [^.]*)?\.", card.prompt)
        assert complaint, card.prompt
        if "for the past" in card.prompt.split(".")[0]:
            assert not re.search(r",|\b(?:then|with)\b", complaint.group(1)), card.prompt


def test_a_stem_names_the_symptoms_not_the_diagnosis_they_point_to(iim):
    """N-S4: "She also reports symptoms of hypothyroidism" named the answer's category."""
    cards = cards_by_id(iim)
    assert "hypothyroidism" not in cards["iim:basic:hypothyroid-myopathy:has_finding"].answer
    renders = generated_vignettes(
        iim, [cards["iim:vignette:bp-hypothyroid-myopathy:diagnosis"]], range(20)
    )
    assert not [c.prompt for c in renders if "symptoms of hypothyroidism" in c.prompt]
    assert any("cold intolerance, weight gain and constipation" in c.prompt for c in renders)


def test_no_card_asks_the_weakness_of_amyopathic_dermatomyositis(iim):
    """N-S5: "What is the severity of weakness of clinically amyopathic dermatomyositis?
    None"; the weakness pattern card (what hypomyopathic means) stays."""
    cards = cards_by_id(iim)
    assert "iim:attribute:cadm:weakness_severity" not in cards
    assert "hypomyopathic" in cards["iim:attribute:cadm:weakness_pattern"].answer


def test_a_vignettes_wrong_antibodies_say_what_they_mark_and_the_list_is_said_once(iim):
    """N-S2: "Each of anti-EJ, ... and no other antibody is." closed all four wrong options
    of the antisynthetase vignette, and CADM's wrong options said only what they are not."""
    cards = cards_by_id(iim)
    for cid in ("iim:vignette:bp-asys:antibody", "iim:vignette:bp-cadm:antibody"):
        for card in generated_vignettes(iim, [cards[cid]], range(8)):
            wrong = [o for o in card.options if not o.correct]
            assert not [o for o in wrong if "Each of " in o.explanation], card.id
            assert sum(len(o.proof) > 1 for o in wrong) >= 3, [o.explanation for o in wrong]
            key = next(o for o in card.options if o.correct)
            if cid.endswith("bp-asys:antibody"):
                assert "Each of anti-EJ, anti-Ha, anti-Jo-1" in key.explanation
    hmgcr = next(
        o for o in cards["iim:vignette:bp-asys:antibody"].options if o.text == "Anti-HMGCR"
    )
    assert hmgcr.explanation == (
        "Incorrect. Anti-HMGCR is a serological marker of statin-associated anti-HMGCR "
        "myopathy. Anti-HMGCR is not a serological marker of antisynthetase syndrome."
    )


def test_no_question_offers_a_composite_beside_its_own_part(iim, metabolic_cards):
    """D-S2 (carried into round 15): "Gottron papules", "Gottron sign" and "Heliotrope rash
    or Gottron papules/sign" offered together in one MCQ."""
    assert said_twice("Heliotrope rash or Gottron papules/sign", "Gottron sign")
    assert not said_twice("Gottron papules", "Gottron sign")
    cards = [*cards_by_id(iim).values(), *metabolic_cards.values()]
    for seed in range(5):
        cards += generate_deck(iim, seed=seed).cards
    for card in cards:
        if card.kind != "mcq":
            continue
        names = [o.text for o in card.options]
        twice = [(a, b) for a in names for b in names if a != b and said_twice(a, b)]
        assert twice == [], card.id


def test_a_gene_option_is_told_by_its_hallmark_disorder(metabolic_cards):
    """N-M4: "POLG variants: CPEO is caused by POLG variants." named a minority cause;
    the disorder it always causes is told first."""
    told = [
        o.explanation
        for c in metabolic_cards.values()
        if c.kind == "mcq" and c.prompt.startswith("What is the genetic cause")
        for o in c.options
        if o.text == "POLG variants" and not o.correct
    ]
    assert told
    for text in told:
        assert text.startswith("Incorrect. Alpers–Huttenlocher syndrome is caused by POLG"), text


def test_an_adverb_before_the_verb_is_not_made_plural():
    """Found while fixing N-L2: "Which condition typically shows X?" became "Which
    condition typicallies show X?"."""
    assert plural_question("Which condition typically shows X?") == (
        "Which conditions typically show X?"
    )
