"""A blueprint's age unit is honoured everywhere: the stem, the setting, what the age rules out
and how an explanation cites it (a 2-6 month infant was once rendered as "A 3-year-old")."""

import re

import pytest

from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck, render_vignette
from quizapp.generate.index import build_index
from quizapp.generate.lint.stem import check_slots, split_prompt
from quizapp.generate.vignettes.case import blueprint_facts, draw_case
from quizapp.generate.vignettes.ruleout import Facts, contradictions, excluded
from tests.generate.helpers import DATA

ALPHA_AGE = "    age: {min: 30, max: 70}\n"
BETA_ONSET = "age_at_onset: {min: 20, max: 80, source: s1}, sex_ratio: {female: 2"


@pytest.fixture(scope="module")
def infant(tmp_path_factory):
    """The small deck with an infant blueprint; Beta starts at 2-10 years and Gamma in the
    first year of life (both defining ranges, in years)."""
    text = (DATA / "small.yaml").read_text(encoding="utf-8")
    assert text.count(ALPHA_AGE) >= 1 and BETA_ONSET in text
    text = text.replace(ALPHA_AGE, "    age: {min: 2, max: 6, unit: months}\n", 1)
    text = text.replace(
        BETA_ONSET,
        "age_at_onset: {min: 2, max: 10, discriminating: true, source: s1}, sex_ratio: {female: 2",
        1,
    )
    gamma = 'name: Gamma disease, topic: dx, source: s1,\n     summary: "A made-up condition for tests.",\n     attributes: {age_at_onset: {min: 20, max: 80, source: s1}'
    assert gamma in text
    text = text.replace(
        gamma,
        gamma.replace(
            "{min: 20, max: 80, source: s1}", "{min: 0, max: 1, discriminating: true, source: s1}"
        ),
    )
    path = tmp_path_factory.mktemp("infant") / "infant.yaml"
    path.write_text(text, encoding="utf-8")
    return load_deck(path)


def test_stem_states_the_age_in_months(infant):
    cid = "small:vignette:bp-alpha:diagnosis"
    for seed in range(30):
        stem, _ = split_prompt(render_vignette(infant, cid, seed))
        m = re.match(r"An? (\d+)-month-old (boy|girl) is brought to the ", stem)
        assert m, stem
        assert 2 <= int(m.group(1)) <= 6
        assert "year-old" not in stem and check_slots(stem) == []


def test_months_are_compared_as_months_not_years(infant):
    ix = build_index(infant)
    facts = blueprint_facts(ix, infant.blueprints["bp-alpha"])
    assert facts.age == (2, 6) and facts.age_unit == "months"
    gone = excluded(ix, Facts(age=facts.age, age_unit=facts.age_unit))  # the age alone
    # 2-6 months is under 1 year: Beta (2-10 years) is out, Gamma (first year) is not.
    assert "beta" in gone and "gamma" not in gone


def test_explanation_cites_the_age_in_its_unit(infant):
    ix = build_index(infant)
    case = draw_case(ix, infant.blueprints["bp-alpha"], 3)
    reasons = [r for r in contradictions(ix, case.facts(), "beta") if r.proof.rule == "range"]
    assert len(reasons) == 1
    unit = "month" if case.age == 1 else "months"
    assert reasons[0].stated == f"{case.age}-month-old"
    assert reasons[0].cited == f"{case.age} {unit} old"
    assert "its age at onset is 2-10 years" in reasons[0].text


def test_every_vignette_of_the_infant_deck_cites_what_its_stem_says(infant):
    for card in generate_deck(infant).cards:
        if card.kind != "vignette" or "bp-alpha" not in card.id:
            continue
        stem, _ = split_prompt(card)
        assert "-month-old" in stem
        for option in card.options:
            assert "years old" not in option.explanation, option.explanation


def test_an_age_without_unit_stays_in_years(small):
    ix = build_index(small)
    case = draw_case(ix, small.blueprints["bp-alpha"], 0)
    assert case.age_unit == "years"
    stem, _ = split_prompt(render_vignette(small, "small:vignette:bp-alpha:diagnosis", 0))
    assert re.match(rf"An? {case.age}-year-old (man|woman) comes to the ", stem), stem


def test_a_one_week_history_reads_for_the_past_week(small):
    import random
    from dataclasses import replace

    from quizapp.generate.vignettes.stem import stem_text

    ix = build_index(small)
    case = replace(draw_case(ix, small.blueprints["bp-alpha"], 0), duration=1)
    case = replace(case, duration_unit="weeks")
    stems = {stem_text(ix, case, random.Random(seed)) for seed in range(20)}
    assert any("for the past week." in s for s in stems)
    assert any("because of a 1-week history of" in s for s in stems)
    assert not any("past 1 week" in s for s in stems)
    assert all(check_slots(s) == [] for s in stems)
