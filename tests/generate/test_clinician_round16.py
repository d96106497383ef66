"""Clinician round 16 (/work/review-round16.md): items that misled or read badly."""

import re

from hypothesis import given
from hypothesis import strategies as st

from quizapp.generate import generate_deck
from quizapp.generate.evidence import disproof
from quizapp.generate.index import build_index
from quizapp.generate.text.wording import fill_sentence, in_text, is_compound
from quizapp.generate.vignettes.case import draw_case, spoken_duration
from quizapp.generate.vignettes.ruleout import Facts, implausible_by_age
from quizapp.generate.vignettes.vignette import (
    index_for,
    plan_blueprint,
    render_vignette,
    ruled_out,
)
from tests.generate.helpers import card_texts, generated_vignettes


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


@given(st.integers(1, 240), st.integers(0, 240), st.integers(0, 240))
def test_a_duration_in_months_is_said_as_a_reader_would(n, a, b):
    """L2: "a 22-month history": under a year as drawn; then the half year up to two years
    (an 18-month history), then whole years; never outside the drawn range, and less than
    a step (half a year, then a year) from the drawn value."""
    low, high = min(n, a, b), max(n, a, b)
    said, unit = spoken_duration(n, "months", low, high)
    months = said * 12 if unit == "years" else said
    assert low <= months <= high
    if n < 12:
        assert (said, unit) == (n, "months")
    elif (said, unit) != (n, "months"):  # the drawn value, when no rounded one is in range
        assert unit == "years" or said == 18
        assert abs(months - n) < (6 if n < 24 else 12)  # half a step when both are in range
    assert unit == "months" or months % 12 == 0
    assert spoken_duration(n, "weeks", low, high) == (n, "weeks")


def test_no_vignette_tells_a_history_in_months_past_a_year(metabolic, iim):
    """L2 in the rendered stems of both decks (durations drawn in months reach 24)."""
    seen = []
    for deck in (metabolic, iim):
        cards = generate_deck(deck).cards
        for v in generated_vignettes(deck, cards, range(12)):
            for n in re.findall(r"\b(\d+)-month history|for the past (\d+) months", v.prompt):
                months = int(next(x for x in n if x))
                seen.append(months)
                assert months < 12 or months == 18, v.prompt
    assert seen


def _offered_against_age(deck, seeds):
    """(card id, seed, the age-implausible distractors offered, how many plausible ones were
    left out) for every diagnosis vignette of `deck`."""
    ix = index_for(deck)
    found = []
    for bp in deck.blueprints.values():
        plans, _ = plan_blueprint(ix, bp, 5)
        for plan in (p for p in plans if p.relation is None):
            for seed in seeds:
                facts = draw_case(ix, bp, seed).facts()
                pool = ruled_out(ix, plan, facts)
                odd = {o for o in pool if implausible_by_age(ix, o, facts)}
                card = render_vignette(deck, plan.card_id, seed)
                offered = {o.entity for o in card.options if not o.correct}
                left = (set(pool) - odd) - offered
                found.append((plan.card_id, seed, offered & odd, left))
    return found


def test_a_diagnosis_the_age_gives_away_is_offered_only_when_no_other_is_proven(metabolic, iim):
    """S1: Alpers–Huttenlocher syndrome (onset 1 month to 36 years, GeneReviews) was offered
    to a 61-year-old with CPEO, adult dermatomyositis to an 8-year-old with juvenile DM. A
    distractor the deck's age at onset puts clearly out of reach comes after every plausible
    one; a defining cut-off the item teaches (Kearns–Sayre syndrome, onset before 20) does
    not count."""
    ix = index_for(metabolic)
    adult = Facts(age=(61, 61))
    assert implausible_by_age(ix, "ahs", adult)
    assert implausible_by_age(ix, "iopd", adult)
    assert not implausible_by_age(ix, "kss", adult)  # discriminating, and spans 18
    assert not implausible_by_age(ix, "ahs", Facts(age=(30, 30)))
    assert implausible_by_age(index_for(iim), "dm", Facts(age=(8, 8)))
    assert implausible_by_age(index_for(iim), "jdm", Facts(age=(40, 40)))
    found = _offered_against_age(metabolic, range(8)) + _offered_against_age(iim, range(8))
    assert found
    for cid, seed, odd, left in found:
        assert not (odd and left), (cid, seed, odd, left)
    cpeo = [x for x in found if x[0] == "metabolic:vignette:bp-cpeo:diagnosis"]
    assert cpeo and all(len(odd) <= 1 for _, _, odd, _ in cpeo)  # MERRF takes a place
    jdm = [x for x in found if x[0] == "iim:vignette:bp-jdm:diagnosis"]
    assert jdm and not any(odd for _, _, odd, _ in jdm)


def test_the_course_names_the_drug_or_substance_the_history_states(iim):
    """S2: "He has a history of long-term glucocorticoid therapy. He notes that the symptoms
    eased when the exposure was reduced or stopped." named no drug; the course now says which,
    in the stem and in every explanation that cites it."""
    ix = index_for(iim)
    cards = generate_deck(iim).cards
    vignettes = generated_vignettes(iim, cards, range(6))
    eased = [v for v in vignettes if "symptoms eased when" in v.prompt]
    assert len({v.id for v in eased}) >= 3
    for v in eased:
        texts = [v.prompt, *(o.explanation for o in v.options)]
        assert not any("the exposure" in t or "{exposure}" in t for t in texts), v.id
        history = re.search(r"has a history of ([^.]+)\.", v.prompt).group(1)
        exposure = next(
            e.id
            for e in iim.entities.values()
            if e.finding_class == "history" and ix.mid(e.id) == history
        )
        said = ix.exposure([exposure])  # its `in_case.exposure` ("the statin"), round 17b
        assert f"eased when {said} was reduced or stopped" in v.prompt, v.prompt
        assert any(said in o.explanation for o in v.options if not o.correct)
    assert not any("{exposure}" in t for c in cards for t in card_texts(c))
    assert ix.exposure(()) == "the drug or toxin"


def test_no_reverse_card_asks_an_exposure_back_from_an_antibody(iim, metabolic_cards):
    """Carried from round 15: "Which antibody points to statin therapy?" asked a drug as an
    antibody's clinical feature. A condition's history is still asked back ("Which of the
    mitochondrial myopathies show seizures?")."""
    ix = index_for(iim)
    cards = {c.id: c for c in generate_deck(iim).cards}
    assert "iim:reverse:statin-use:antibody_feature" not in cards
    for c in cards.values():
        anchor = c.id.split(":")[2]
        if c.kind == "reverse" and anchor in iim.entities:
            assert ix.entity(anchor).finding_class != "history" or "antibod" not in c.prompt
    assert "metabolic:reverse:seizures:has_finding" in metabolic_cards


def test_a_counted_test_takes_its_article_in_running_text(metabolic_cards):
    """Carried: "calls for 12-minute cycle test", "electrocardiogram and Holter monitoring"
    in running text lacked "a"/"an"; a test named as a process ("electromyography",
    "forearm exercise testing") takes none, and a heading list keeps the bare names."""
    texts = [t for c in metabolic_cards.values() for t in card_texts(c)]
    prompts = [c.prompt for c in metabolic_cards.values()]
    assert any("call for a 12-minute cycle test in their work-up" in p for p in prompts)
    assert not any(re.search(r"(?<!a )12-minute cycle test (?:in|is)", t) for t in texts)
    assert any("call for an electrocardiogram and Holter monitoring in" in p for p in prompts)
    said = fill_sentence(
        "{to} is part of the work-up of {from}.",
        "KSS",
        "Electrocardiogram and Holter monitoring",
        frozenset(),
    )
    assert said == "An electrocardiogram and Holter monitoring are part of the work-up of KSS."
    assert not any(re.search(r"(?<!an )\belectrocardiogram and Holter", t) for t in texts)
    assert any("call for forearm exercise testing in their work-up" in p for p in prompts)
    answers = [c.answer for c in metabolic_cards.values()]
    assert any("; 12-minute cycle test" in a or ": 12-minute cycle test" in a for a in answers)
    assert in_text("Muscle biopsy") == "a muscle biopsy"
    assert in_text("ECG and echocardiography") == "an ECG and echocardiography"
    assert in_text("Lung function tests with DLCO") == "lung function tests with DLCO"
