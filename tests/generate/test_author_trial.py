"""The wording defects the new-author trial (issue 13) found, on the deck the author wrote.

data/trial-mg is the myasthenia gravis deck a clinician wrote from decks/README.md alone.
Each test renders its cards (vignettes at several seeds) and looks for one class of
defect the trial reported, so it stays fixed for every deck, not just this one.
"""

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.deck.loader import load_deck
from quizapp.deck.model import Range
from quizapp.deck.units import convert
from quizapp.generate import generate_deck
from quizapp.generate.card import Card
from quizapp.generate.index import build_index
from quizapp.generate.lint.checklist import lint_deck
from quizapp.generate.lint.stem import check_slots
from quizapp.generate.vignettes.case import draw_case
from quizapp.generate.vignettes.ruleout import Facts, contradictions
from tests.generate.helpers import card_texts, generated_vignettes

TRIAL = Path(__file__).parent / "data" / "trial-mg" / "deck.yaml"
SEEDS = range(12)


@pytest.fixture(scope="module")
def deck():
    return load_deck(TRIAL)


@pytest.fixture(scope="module")
def cards(deck) -> list[Card]:
    return generate_deck(deck).cards


@pytest.fixture(scope="module")
def vignettes(deck, cards) -> list[Card]:
    """Every vignette of the deck at each of SEEDS."""
    return generated_vignettes(deck, cards, SEEDS)


def test_hyphenated_eponyms_keep_their_capitals(cards, vignettes):
    for card in cards + vignettes:
        for text in card_texts(card):
            assert not re.search(r"\b(lambert-Eaton|guillain-Barre)", text), (card.id, text)


def test_every_sentence_of_an_explanation_starts_with_a_capital(cards, vignettes):
    for card in cards + vignettes:
        for o in card.options:
            for sentence in re.split(r"(?<=[.?!]) ", o.explanation):
                assert not sentence[:1].islower(), (card.id, o.explanation)


def _male(card: Card) -> bool:
    return bool(re.match(r"An? [\w-]+ (man|boy|male newborn)\b", card.prompt))


def test_pronouns_fit_the_patient_in_every_text_a_case_states(vignettes):
    male = [v for v in vignettes if _male(v)]
    female = [v for v in vignettes if not _male(v)]
    assert male and female
    # the cholinergic-crisis history is written "with her pyridostigmine dose doubled"
    assert any("with his pyridostigmine dose" in v.prompt for v in male)
    for card in male:
        for text in [card.prompt] + [o.explanation for o in card.options]:
            assert not re.search(r"\b(she|her|hers|herself)\b", text, re.I), (card.id, text)
    for card in female:
        assert not re.search(r"\b(he|him|his|himself)\b", card.prompt, re.I), card.id


def _days(n: str, unit: str) -> float:
    return convert(int(n), unit if unit.endswith("s") else unit + "s", "days")


def test_no_complaint_has_lasted_longer_than_the_patient_has_lived(vignettes):
    newborns = 0
    for card in vignettes:
        n, unit = re.match(r"An? (\d+)-(\w+)-old", card.prompt).groups()
        lasted = re.search(
            r"(\d+)-(day|week|month|year) history|past (\d+ )?(day|week|month|year)s?", card.prompt
        )
        span = _days(lasted[1], lasted[2]) if lasted[1] else _days(lasted[3] or "1", lasted[4])
        assert span <= _days(n, unit), card.prompt.split(".")[0]
        newborns += unit == "day"
    assert newborns  # the transient neonatal MG blueprint draws 1- to 5-day-olds


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    age=st.tuples(st.integers(0, 40), st.integers(0, 40)),
    age_unit=st.sampled_from(["days", "weeks", "months", "years"]),
    lasted=st.tuples(st.integers(1, 60), st.integers(1, 60)),
    lasted_unit=st.sampled_from(["days", "weeks", "months", "years"]),
    seed=st.integers(0, 1000),
)
def test_a_drawn_duration_never_exceeds_the_drawn_age(
    deck, age, age_unit, lasted, lasted_unit, seed
):
    ix = build_index(deck)
    bp = replace(
        deck.blueprints["bp-tnmg"],
        age=Range(min(age) or 1, max(age) or 1, age_unit),
        duration=Range(min(lasted), max(lasted), lasted_unit),
    )
    case = draw_case(ix, bp, seed)
    assert case.duration >= 1
    assert _days(str(case.duration), case.duration_unit) <= _days(str(case.age), case.age_unit)


def _first_sentences(card: Card) -> str:
    return card.prompt.split("\n\n")[0]


def test_young_children_do_not_report_their_parents_do(vignettes):
    infants = [v for v in vignettes if re.match(r"An? \d+-(day|month)-old", v.prompt)]
    assert infants
    for card in infants:
        stem = _first_sentences(card)
        assert not re.search(r"\b(He|She) (also )?(reports|notes|does not note)\b", stem), stem
    assert any(re.search(r"\b(His|Her) parents also report\b", v.prompt) for v in infants)
    adults = [v for v in vignettes if v not in infants]
    assert any(re.search(r"\b(He|She) also reports\b", v.prompt) for v in adults)


@pytest.mark.parametrize(
    ("age", "unit", "parents"),
    [(3, "days", True), (11, "months", True), (4, "years", True), (5, "years", False)],
)
def test_explanations_cite_what_the_parents_report(deck, age, unit, parents):
    ix = build_index(deck)
    # dry mouth (a symptom) rules out cholinergic crisis; a denied maternal MG (history),
    # transient neonatal MG
    seen = Facts(present=("dry-mouth",), age=(age, age), age_unit=unit)
    denied = Facts(absent=("mother-mg",), age=(age, age), age_unit=unit)
    shown = contradictions(ix, seen, "cholinergic-crisis")[0]
    lacking = contradictions(ix, denied, "tnmg")[0]  # then its age range
    if parents:
        assert shown.text.endswith("is unlikely because the parents report dry mouth")
        assert lacking.text.endswith(", which the parents deny")
    else:
        assert "the patient reports dry mouth" in shown.text
        assert lacking.text.endswith(", which this patient denies")


def test_lists_whose_items_have_their_own_and_read_unambiguously(vignettes):
    # before: "weakness that increases with repeated effort and recovers after rest and ptosis"
    for card in vignettes:
        assert not re.search(r"recovers after rest and \w", card.prompt), card.prompt
        assert "breathing difficulty or profuse sweating" not in card.prompt, card.prompt


def _trial_copy(tmp_path: Path, changes: dict[str, list[tuple[str, str]]]) -> Path:
    """A copy of the trial deck with each (old, new) of `changes[file]` applied once."""
    for f in TRIAL.parent.iterdir():
        text = f.read_text(encoding="utf-8")
        for old, new in changes.get(f.name, []):
            assert old in text, old
            text = text.replace(old, new, 1)
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    return tmp_path / "deck.yaml"


def test_a_mnemonics_about_reads_as_a_phrase(tmp_path):
    # the author's first `about` was a sentence with its own brackets
    about = "The muscarinic signs of cholinergic excess (cholinergic crisis)."
    root = _trial_copy(
        tmp_path, {"study.yaml": [("the muscarinic signs of cholinergic excess", about)]}
    )
    prompts = [c.prompt for c in generate_deck(load_deck(root)).cards if c.kind == "mnemonic"]
    assert len(prompts) == 17
    for prompt in prompts:
        assert prompt.startswith(
            "DUMBELS – the muscarinic signs of cholinergic excess (cholinergic crisis): "
        ), prompt
        assert ".)" not in prompt and "((" not in prompt and "))" not in prompt
    assert (
        "DUMBELS – the muscarinic signs of cholinergic excess (cholinergic crisis): which "
        "letter or word stands for bradycardia?" in prompts
    )


def test_a_note_shown_with_a_card_follows_its_fact(cards):
    (card,) = [c for c in cards if c.id == "mg-nmj:basic:fluoroquinolones:worsens"]
    assert card.extra == (
        "Fluoroquinolones can unmask or worsen generalized myasthenia gravis. "
        "Carries a regulatory warning in MG."
    )
    for c in cards:  # never a note labelled with one end, as if it were about that end
        assert not re.match(r"[^.:]+: Carries", c.extra or ""), c.extra


def test_a_name_whose_head_is_singular_takes_a_singular_verb(tmp_path):
    # the author's first name for the finding, before renaming it to dodge "are"
    renamed = "name: Weakness beyond the eye muscles"
    root = _trial_copy(
        tmp_path, {"findings.yaml": [("name: Limb, neck or bulbar weakness", renamed)]}
    )
    texts = [t for c in generate_deck(load_deck(root)).cards for t in card_texts(c)]
    assert any("Weakness beyond the eye muscles is a feature of" in t for t in texts)
    assert not any("eye muscles are" in t for t in texts)


def test_a_blueprint_without_labs_needs_no_padded_lab_value(tmp_path):
    # the author padded 8 blueprints with a normal CK only to pass `vignette-slots`
    for f in TRIAL.parent.iterdir():
        text = f.read_text(encoding="utf-8")
        if f.name == "blueprints.yaml":
            assert text.count("    labs:\n      ck: {min: 40, max: 180}\n") == 8
            text = text.replace("    labs:\n      ck: {min: 40, max: 180}\n", "")
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    deck = load_deck(tmp_path / "deck.yaml")
    findings = lint_deck(deck, seeds=5)
    assert [f for f in findings if f.check == "vignette-slots"] == []
    stems = [c.prompt for c in generate_deck(deck).cards if c.kind == "vignette"]
    assert len(stems) >= 9 and not any("creatine kinase" in s for s in stems)
    # a stem whose case has lab values still needs them
    (crisis,) = [
        c for c in generate_deck(deck).cards if c.id.endswith("bp-myasthenic-crisis:diagnosis")
    ]
    stem = crisis.prompt.split("\n\n")[0]
    assert "The forced vital capacity is " in stem
    assert check_slots(stem.split(" The forced vital capacity")[0], labs=True)
    assert not check_slots(stem.split(" The forced vital capacity")[0], labs=False)


EXPOSURE_KIND = """  - {id: exposure, label: risk factor or exposure, plural: risk factors and exposures}
"""
RISK_FACTOR = """  - id: has_risk_factor
    label: has risk factor
    from: [condition]
    to: [exposure]
    statement: "{to} is a risk factor for {from}."
    deny: "{to} is not a risk factor for {from}."
    ask_to: "Which exposure is a risk factor for {from}?"
    ask_from: "Which condition is {to} a risk factor for?"
"""


def test_the_guides_recipe_for_history_items_reads_as_risk_factors(tmp_path):
    """decks/README.md, *History, exposures and risk factors*: an exposure kind and a
    has_risk_factor type keep 'Home-canned food is a feature of foodborne botulism' out,
    and the vignette that states it in the history still rules its distractors out."""
    kinds = "  - {id: test_result, label: test result, plural: test results}\n"
    types = "relation_types:\n"
    canned = "  - id: canned-food\n    kind: "
    root = _trial_copy(
        tmp_path,
        {
            "schema.yaml": [(kinds, kinds + EXPOSURE_KIND), (types, types + RISK_FACTOR)],
            "findings.yaml": [(canned + "finding", canned + "exposure")],
            "relations.yaml": [
                ("has_finding, to: canned-food", "has_risk_factor, to: canned-food")
            ],
        },
    )
    cards = generate_deck(load_deck(root)).cards
    texts = [t for c in cards for t in card_texts(c)]
    asked = {c.prompt: c.answer for c in cards}
    assert asked["Which exposures are risk factors for foodborne botulism?"] == (
        "Includes: Home-canned food"
    )
    assert not any("Home-canned food is a feature" in t for t in texts)
    assert not any("Home-canned food is not a feature" in t for t in texts)
    (vignette,) = [c for c in cards if c.id == "mg-nmj:vignette:bp-botulism:diagnosis"]
    assert "has a history of eating home-canned vegetables" in vignette.prompt
