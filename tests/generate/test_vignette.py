"""Vignettes: determinism, variation, a provable key, and blueprints that cannot yield one."""

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.deck.loader import load_deck
from quizapp.generate import CardId, VignetteError, generate_deck, render_vignette
from quizapp.generate.index import build_index
from quizapp.generate.kinds.hand import is_hand_item
from quizapp.generate.lint.checklist import lint_card
from quizapp.generate.lint.stem import check_cover, split_prompt
from quizapp.generate.vignettes.case import draw_case
from quizapp.generate.vignettes.ruleout import contradictions
from quizapp.generate.vignettes.vignette import plan_blueprint, render_plan
from tests.generate.helpers import DATA, verdict

SEEDS = st.integers(min_value=0, max_value=2**32)


def _vignette_ids(deck):
    """The generated vignettes (a hand-written one is the case its author wrote, never redrawn)."""
    return [c.id for c in generate_deck(deck).cards if c.kind == "vignette" and not is_hand_item(c)]


def test_same_seed_same_card_and_new_seed_new_case(small):
    cid = "small:vignette:bp-alpha:diagnosis"
    assert render_vignette(small, cid, 7) == render_vignette(small, cid, 7)
    prompts = {render_vignette(small, cid, seed).prompt for seed in range(10)}
    assert len(prompts) > 5
    assert {render_vignette(small, cid, seed).id for seed in range(10)} == {cid}


def test_generate_deck_is_deterministic(iim):
    first, second = generate_deck(iim, seed=3), generate_deck(iim, seed=3)
    assert [c.to_json() for c in first.cards] == [c.to_json() for c in second.cards]
    other = generate_deck(iim, seed=4)
    assert [c.to_json() for c in first.cards] != [c.to_json() for c in other.cards]


def test_stem_is_in_nbme_order(small):
    stem, lead_in = split_prompt(render_vignette(small, "small:vignette:bp-alpha:antibody", 1))
    marks = [
        r"\d+-year-old",
        r"comes to the",
        r"because of",
        r"Physical examination shows",
        r"There is no",
        r"Serum creatine kinase is \d[\d,]* U/L\.",
    ]
    positions = [re.search(m, stem).start() for m in marks]
    assert positions == sorted(positions)
    # sentences, not lists: names in running-text case, joined "a, b and c" / "a or b"
    assert "Physical examination shows alpha sign" in stem
    assert "There is no beta sign, gamma sign, delta sign, epsilon sign or zeta sign." in stem
    assert ":" not in stem and ";" not in stem
    assert lead_in.startswith("Which of the following antibodies")
    assert "Anti-" not in stem  # an antibody question does not list antibodies


def test_pronouns_follow_the_drawn_sex(small):
    for seed in range(30):
        card = render_vignette(small, "small:vignette:bp-beta:diagnosis", seed)
        stem = card.prompt
        if "woman" in stem:
            assert not re.search(r"\b(he|his|him)\b", stem)
        else:
            assert not re.search(r"\b(she|her)\b", stem)


def _check_provable(deck, cid, seed):
    ix = build_index(deck)
    bp = deck.blueprints[CardId.parse(cid).parts[0]]
    plans, _ = plan_blueprint(ix, bp, 5)
    plan = next(p for p in plans if p.card_id == cid)
    card, case = render_plan(ix, plan, seed, 5)
    stem, _ = split_prompt(card)
    keys = [o for o in card.options if o.correct]
    assert len(keys) == 1 and keys[0].entity == plan.key
    facts = draw_case(ix, bp, seed).facts()
    assert contradictions(ix, facts, bp.condition) == []  # the key fits the stem
    assert check_cover(ix, card, plan, case, stem) == []  # every distractor is ruled out
    for option in card.options:
        if option.correct:
            assert option.explanation.startswith("Correct. ")
            assert ix.mid(bp.condition) in option.explanation
            continue
        # one sentence per stated fact, citing it as the stem words it
        assert option.explanation.startswith("Incorrect. ")
        assert option.explanation.endswith(".") and ";" not in option.explanation
        if plan.relation is None:
            assert option.explanation.startswith(f"Incorrect. {option.text} ")
            reasons = contradictions(ix, facts, option.entity)
            assert any(r.stated in stem and r.cited in option.explanation for r in reasons)
    assert [i for i in lint_card(ix, card) if i[0] == "error"] == []


@pytest.fixture(scope="module")
def small_vignettes(small) -> list[str]:
    """The ids once, not per example: generating the deck is most of an example's cost."""
    return _vignette_ids(small)


@pytest.fixture(scope="module")
def iim_vignettes(iim) -> list[str]:
    return _vignette_ids(iim)


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, which=st.integers(min_value=0, max_value=10**6))
def test_small_deck_vignettes_have_one_provable_key(small, small_vignettes, seed, which):
    _check_provable(small, small_vignettes[which % len(small_vignettes)], seed)


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS, which=st.integers(min_value=0, max_value=10**6))
def test_iim_vignettes_have_one_provable_key(iim, iim_vignettes, seed, which):
    _check_provable(iim, iim_vignettes[which % len(iim_vignettes)], seed)


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS)
def test_iim_mcqs_pass_lint_for_any_seed(iim, seed):
    ix = build_index(iim)
    for card in generate_deck(iim, seed=seed).cards:
        if card.kind in ("mcq", "comparison"):
            assert [i for i in lint_card(ix, card) if i[0] == "error"] == [], card.id


def test_a_condition_the_stem_cannot_rule_out_is_never_offered(twins):
    """Gamma Twin has exactly gamma's findings: bp-gamma cannot rule it out, so it is
    never an option, while the four it does rule out make a fair item."""
    generated = generate_deck(twins)
    assert not [f for f in generated.findings if f.severity == "error"]
    for seed in range(10):
        card = render_vignette(twins, "twins:vignette:bp-gamma:diagnosis", seed)
        offered = {o.entity for o in card.options}
        assert "gamma" in offered and "gamma-twin" not in offered
        assert len(offered) == 5
    antibody = next(c for c in generated.cards if c.id == "twins:vignette:bp-gamma:antibody")
    assert "ab-gamma-twin" not in {o.entity for o in antibody.options}


def test_too_few_ruled_out_is_reported_not_emitted(twins):
    bp = twins.blueprints["bp-gamma"]
    narrow = replace(bp, negative=("sign-alpha", "sign-beta"))
    deck = replace(twins, blueprints={**twins.blueprints, "bp-gamma": narrow})
    generated = generate_deck(deck)
    assert "twins:vignette:bp-gamma:diagnosis" not in {c.id for c in generated.cards}
    notes = [f for f in generated.lost if f.card_id == "twins:vignette:bp-gamma:diagnosis"]
    assert len(notes) == 1 and "only 2 options are proven wrong" in notes[0].message
    assert notes[0].loc.path.endswith("twins.yaml") and notes[0].loc.line > 1
    with pytest.raises(VignetteError):
        render_vignette(deck, "twins:vignette:bp-gamma:diagnosis", 0)


def test_too_few_distractors_is_a_note_naming_the_blueprint(small):
    generated = generate_deck(small, options=8)  # six conditions: at most five distractors
    messages = [f.message for f in generated.lost]
    assert any("'bp-alpha', lead-in diagnosis" in m and "7 are needed" in m for m in messages)
    assert not [c for c in generated.cards if c.kind == "vignette"]


def _iim_card(iim, cid, seed):
    ix = build_index(iim)
    bp = iim.blueprints[CardId.parse(cid).parts[0]]
    plans, _ = plan_blueprint(ix, bp, 5)
    return ix, render_plan(ix, next(p for p in plans if p.card_id == cid), seed, 5)


def test_iim_stem_states_each_entity_in_its_section(iim):
    ix, (card, case) = _iim_card(iim, "iim:vignette:bp-dm:diagnosis", 7)
    stem, _ = split_prompt(card)
    sentences = stem.split(". ")
    exam = next(s for s in sentences if s.startswith("Physical examination shows "))
    labs = stem[stem.index("Serum creatine kinase is ") :]
    # symptoms are reported, in the deck's case wording where it gives one (`in_case`)
    assert "He reports no cough or breathlessness on exertion" in stem
    # test results (kind test_result) in the laboratory part, never in the examination
    assert "a myositis panel negative for antisynthetase antibodies" in labs
    assert "no evidence of hypothyroidism on thyroid function tests" in labs
    assert "antibodies" not in exam and "TSH" not in exam
    # eponyms and capitalised tokens keep their capital, other names lose it
    assert "Gottron papules" in exam and "a heliotrope rash" in exam and "a V-sign" in exam
    assert "the erythrocyte sedimentation rate is " in labs
    # no blanket denial of every exposure in the deck (second reading, round 3)
    assert "There is no history of" not in stem
    for finding in case.findings:
        section = "lab" if ix.entity(finding).kind == "test_result" else "exam"
        assert ix.section(finding) == section


def test_iim_history_comes_before_the_course_that_refers_to_it(iim):
    _, (card, _) = _iim_card(iim, "iim:vignette:bp-imnm-hmgcr:diagnosis", 7)
    stem, _ = split_prompt(card)
    history = stem.index("has a history of statin therapy.")
    course = stem.index("notes that the weakness has persisted since the statin was stopped.")
    assert history < course < stem.index("Physical examination shows ")


def test_iim_explanations_are_sentences_citing_the_stem(iim):
    ix, (card, _) = _iim_card(iim, "iim:vignette:bp-dm:diagnosis", 7)
    why = {o.entity: o.explanation for o in card.options}
    assert why["dm"].startswith("Correct. ")
    assert why["dm"].endswith("point to adult dermatomyositis.")
    assert why["hypothyroid-myopathy"] == (
        "Incorrect. Hypothyroid myopathy requires evidence of hypothyroidism on thyroid "
        "function tests, which laboratory studies do not show."
    )
    # a child's disease for an adult is offered only when no other is proven (round 16, S1)
    assert "jdm" not in why
    assert verdict(iim, "bp-dm", "jdm", 7).explanation.startswith(
        "Incorrect. Juvenile dermatomyositis is unlikely because the"
    )
    for o in card.options:
        if not o.correct:  # the explanation cites what the stem states, by the proof's words
            stated = o.proof[0].stated
            assert stated in card.prompt
            assert stated.replace("-year-old", " years old") in o.explanation


def test_iim_antibody_key_names_the_stated_clue_for_that_antibody(iim):
    """CADM: palmar papules point to anti-MDA5, not just to DM (second reading, round 3)."""
    _, (card, _) = _iim_card(iim, "iim:vignette:bp-cadm:antibody", 3)
    key = next(o for o in card.options if o.correct)
    assert key.entity == "anti-mda5"
    assert "painful palmar papules point to anti-MDA5 rather than to the other options." in (
        key.explanation
    )


def test_iim_explanations_cite_ages_and_values(iim):
    ix = build_index(iim)
    seen = {"age": False}
    for cid in _vignette_ids(iim):
        if not cid.endswith(":diagnosis"):
            continue
        for seed in range(5):
            card = render_vignette(iim, cid, seed)
            for o in card.options:
                if m := re.search(
                    r"because the patient is (\d+) years old \(its age at onset", o.explanation
                ):
                    assert f"{m.group(1)}-year-old" in card.prompt
                    seen["age"] = True
    assert seen["age"]
    assert ix.section("statin-use") == "history"


def test_other_lead_ins_are_proven_wrong_for_the_case_condition_itself(iim):
    _, (card, _) = _iim_card(iim, "iim:vignette:bp-pm:biopsy", 7)
    key = next(o for o in card.options if o.correct)
    assert key.explanation.endswith(
        "A muscle biopsy in polymyositis shows endomysial CD8+ fibre invasion."
    )
    for o in card.options:
        if not o.correct:
            # what the option is (a fact of its own, round 15), then why it is wrong
            proof, *said = o.proof
            assert proof.rule in ("absent", "complete")
            assert all(p.rule == "fact" for p in said)
            assert o.explanation.startswith("Incorrect. " + " ".join(p.fact for p in said))
            assert o.explanation.endswith(proof.fact) or proof.rule == "complete"
            assert "polymyositis" in proof.fact


def test_a_value_outside_a_discriminating_range_is_cited_with_the_stated_value(tmp_path):
    """Only `discriminating` ranges rule out (the IIM deck has no lab cut-off left)."""
    text = (DATA / "twins.yaml").read_text(encoding="utf-8")
    deck_file = tmp_path / "twins.yaml"
    # the conditions' CK ranges (not the blueprints' lab ranges) become cut-offs
    text = re.sub(r"ck: \{(min: \d+, max: \d+, source)", r"ck: {discriminating: true, \1", text)
    # bp-gamma states no absent sign: only its CK (1,000-20,000) rules others out
    text = text.replace(
        "negative: [sign-alpha, sign-beta, sign-delta, sign-epsilon, sign-zeta]", "negative: []"
    )
    deck_file.write_text(text)
    deck = load_deck(deck_file)
    cited = 0
    for seed in range(10):
        card = render_vignette(deck, "twins:vignette:bp-gamma:diagnosis", seed, options=4)
        for o in card.options:
            m = re.search(r"of ([\d,.]+ \S+) is (below|above) its defining range", o.explanation)
            if m:
                assert f" is {m.group(1)}" in card.prompt
                assert o.proof[0].rule == "range"
                cited += 1
    assert cited


@pytest.mark.parametrize(
    "cid",
    [
        "bp-alpha",  # no colon at all
        "small:vignette:bp-alpha",  # no lead-in
        "small:mcq:bp-alpha:diagnosis",  # another generator
        "small:vignette:bp-alpha:diagnosis:extra",  # a part too many
        "small:vignette:bp-missing:diagnosis",  # no such blueprint
        "small:vignette:bp-alpha:no-such-lead-in",
    ],
)
def test_an_id_that_names_no_vignette_is_a_vignette_error(small, cid):
    """An id from an old progress file may name anything: render_vignette says so, it
    never fails with an index or value error."""
    assert (
        render_vignette(small, "small:vignette:bp-alpha:diagnosis", 0).id
        == "small:vignette:bp-alpha:diagnosis"
    )
    with pytest.raises(VignetteError):
        render_vignette(small, cid, 0)
