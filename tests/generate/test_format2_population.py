"""Format 2 population figures (`population: true`): taught on cards, never a patient's value
in a vignette, never evidence for or against a diagnosis."""

import json

from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck
from quizapp.generate.vignettes.vignette import render_vignette
from tests.generate.helpers import FORMAT2, UPGRADE_HINT, problems_at

POPULATION = FORMAT2 / "population.yaml"
FIGURES = ("prevalence", "incidence", "100,000", "thymoma", "%", "ratio")
SEEDS = range(40)


def _vignettes(root):
    deck = load_deck(root)
    return [render_vignette(deck, "population:vignette:bp-theta:diagnosis", s) for s in SEEDS]


def test_population_figures_are_taught_on_cards():
    cards = {c.id: c for c in generate_deck(load_deck(POPULATION)).cards}
    asked = {
        "prevalence": ("What is the prevalence of theta disease?", "15-25 per 100,000"),
        "incidence": (
            "What is the annual incidence of theta disease?",
            "0.3-3 per 100,000 per year",
        ),
        "tumour_share": ("What share of patients with theta disease have a thymoma?", "10-15%"),
        "sex_ratio": ("What is the female to male ratio of theta disease?", "Female 3 : male 2"),
    }
    for attr, (prompt, answer) in asked.items():
        card = cards[f"population:attribute:theta:{attr}"]
        assert (card.kind, card.prompt, card.answer) == ("basic", prompt, answer)


def test_a_vignette_never_prints_a_population_figure_as_the_patients_value():
    for card in _vignettes(POPULATION):
        stem = card.prompt.lower()
        assert "serum creatine kinase is" in stem  # the patient's own result is stated
        assert not [word for word in FIGURES if word in stem], card.prompt


def test_without_population_the_same_figures_would_be_printed(variant):
    """The check above can fail: as a plain range attribute the prevalence is drawn as a
    result and stated in the stem."""
    root = variant(
        "population.yaml",
        {'unit: "per 100,000", population: true}': 'unit: "per 100,000"}'},
    )
    assert any("per 100,000" in card.prompt for card in _vignettes(root))


def test_population_figures_never_rule_a_diagnosis_in_or_out():
    for card in _vignettes(POPULATION):
        used = json.dumps([o.to_json() for o in card.options]).lower()
        assert not [word for word in FIGURES if word in used]
        assert card.options[[o.correct for o in card.options].index(True)].proof


def test_a_population_figure_cannot_be_discriminating(variant):
    root = variant(
        "population.yaml",
        {"prevalence: {min: 15, max: 25, source: s1}": (
            "prevalence: {min: 15, max: 25, discriminating: true, source: s1}"
        )},
    )  # fmt: skip
    assert problems_at(root) == [
        (
            21,
            54,
            "'prevalence' is a population figure (`population: true`): it never rules a "
            "diagnosis in or out, so it cannot be `discriminating`",
        )
    ]


def test_a_population_figure_cannot_be_a_blueprint_lab(variant):
    root = variant(
        "population.yaml",
        {"    age: {min: 20, max: 40}\n": (
            "    age: {min: 20, max: 40}\n    labs: {prevalence: {min: 15, max: 25}}\n"
        )},
    )  # fmt: skip
    assert problems_at(root) == [
        (
            35,
            12,
            "'prevalence' is a population figure (`population: true`), not a patient's "
            "result: a vignette never states it as this patient's value",
        )
    ]


def test_format_1_decks_get_a_located_error_for_population_fields(variant):
    root = variant("population.yaml", {"format: 2": "format: 1"})
    hint = UPGRADE_HINT
    assert problems_at(root) == [
        (9, 60, f"'per 100,000' needs format 2; {hint}"),
        (9, 75, f"'population' in attribute needs format 2; {hint}"),
        (10, 65, f"'per 100,000 per year' needs format 2; {hint}"),
        (10, 89, f"'population' in attribute needs format 2; {hint}"),
        (11, 77, f"'population' in attribute needs format 2; {hint}"),
        (12, 6, f"'ask' in attribute needs format 2; {hint}"),
        (13, 63, f"'population' in attribute needs format 2; {hint}"),
    ]


def test_an_attribute_question_must_name_the_entity_and_ask(variant):
    cases = {
        '"What share of patients have a thymoma?"': "ask must contain {entity}",
        '"What share of {entity} have a {tumour}?"': "ask may only use the placeholder {entity}",
        '"Share of {entity} with a thymoma."': "ask must be a question ending in '?'",
    }
    for wording, message in cases.items():
        root = variant(
            "population.yaml",
            {'"What share of patients with {entity} have a thymoma?"': wording},
        )
        assert problems_at(root) == [(12, 11, message)]
