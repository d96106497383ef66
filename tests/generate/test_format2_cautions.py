"""Format 2 drug cautions: a relation's `caution` (contraindicated, boxed warning, use with
caution, probably safe) and its safe `alternatives`, as cards."""

from quizapp.deck.loader import load_deck
from tests.generate.helpers import FORMAT2, UPGRADE_HINT, cards_by_id, problems_at

CAUTIONS = FORMAT2 / "cautions.yaml"


def test_which_drug_is_contraindicated_and_its_safe_alternative():
    cards = cards_by_id(load_deck(CAUTIONS))
    card = cards["cautions:caution:alpha:contraindicated"]
    assert (card.prompt, card.answer) == (
        "Which drug is contraindicated in alpha disease?",
        "Includes: Suxamethonium; Valproate",
    )
    careful = cards["cautions:caution:alpha:use-with-caution"]
    assert careful.prompt == "Which drug should be used with caution in alpha disease?"
    alternative = cards["cautions:alternative:alpha.caution_in.suxamethonium"]
    assert (alternative.prompt, alternative.answer, alternative.extra) == (
        "Suxamethonium is contraindicated in alpha disease. Which drug is a safe alternative?",
        "Rocuronium",
        "Risk of hyperkalaemia.",  # the prompt states the fact the note is about
    )
    assert "cautions:alternative:alpha.caution_in.statin" not in cards  # none given


def test_a_caution_note_follows_its_fact(variant):
    """ "Valproate: Valproate can precipitate ..." read the name twice (clinician round 11):
    a note follows the caution as a sentence, with the verb agreeing with the drug."""
    root = variant(
        "cautions.yaml",
        {
            "to: valproate, caution: contraindicated,": "to: valproate, caution: "
            "contraindicated, note: Valproate can precipitate liver failure.,",
            "name: Simvastatin,": "name: Statins,",
        },
    )
    cards = cards_by_id(load_deck(root))
    assert cards["cautions:caution:alpha:contraindicated"].extra == (
        "Valproate is contraindicated in alpha disease. Valproate can precipitate liver "
        "failure.\nSuxamethonium is contraindicated in alpha disease. Risk of hyperkalaemia."
    )
    root.write_text(
        root.read_text().replace(
            "caution: use with caution, source", "caution: boxed warning, note: Deaths., source"
        )
    )
    boxed = cards_by_id(load_deck(root))["cautions:caution:alpha:boxed-warning"]
    assert boxed.prompt == "Which drug carries a boxed warning for patients with alpha disease?"
    assert boxed.extra == "Statins carry a boxed warning for patients with alpha disease. Deaths."


def test_a_caution_for_carriers_says_so(variant):
    """A variant is carried, not a disorder ("Which drug is contraindicated in m.1555A>G?",
    clinician round 11): the caution cards take the words before `{from}` in the relation
    type's statement."""
    root = variant(
        "cautions.yaml",
        {
            'statement: "{to} needs care in {from}."': 'statement: "{to} needs care in '
            'carriers of {from}."',
        },
    )
    cards = cards_by_id(load_deck(root))
    assert cards["cautions:caution:alpha:contraindicated"].prompt == (
        "Which drug is contraindicated in carriers of alpha disease?"
    )
    alternative = cards["cautions:alternative:alpha.caution_in.suxamethonium"]
    assert alternative.prompt == (
        "Suxamethonium is contraindicated in carriers of alpha disease. "
        "Which drug is a safe alternative?"
    )


def test_the_list_card_shows_each_caution():
    card = cards_by_id(load_deck(CAUTIONS))["cautions:basic:alpha:caution_in"]
    assert "Simvastatin (use with caution)" in card.answer
    assert "Valproate (contraindicated)" in card.answer


def test_an_alternative_of_another_kind_is_an_error_where_written(variant):
    root = variant("cautions.yaml", {"alternatives: [levetiracetam]": "alternatives: [alpha]"})
    assert problems_at(root) == [
        (
            21,
            21,
            "an alternative to 'valproate' must be a drug, like the relation's 'to'; 'alpha' "
            "is a condition",
        )
    ]


def test_alternatives_without_a_caution_are_an_error(variant):
    root = variant("cautions.yaml", {"caution: use with caution, ": ""})
    root.write_text(
        root.read_text().replace(
            "to: statin, source", "to: statin, alternatives: [rocuronium], source"
        )
    )
    assert problems_at(root) == [(24, 63, "`alternatives` go with a `caution`")]


def test_format_1_decks_get_located_errors(variant):
    problems = problems_at(variant("cautions.yaml", {"format: 2": "format: 1"}))
    assert [p[:2] + (p[2].split(";")[0],) for p in problems] == [
        (20, 52, "'caution' in relation needs format 2"),
        (21, 6, "'alternatives' in relation needs format 2"),
        (22, 56, "'caution' in relation needs format 2"),
        (23, 6, "'alternatives' in relation needs format 2"),
        (24, 49, "'caution' in relation needs format 2"),
    ]
    assert all(p[2].endswith(UPGRADE_HINT) for p in problems)


def test_a_condition_with_one_caution_gets_one_card_not_two(variant):
    """Author trial 2: the list card "Which drug needs care in beta disease?" and the
    caution card "Which drug should be used with caution in beta disease?" asked the same;
    only the caution card is made. A list mixing strengths keeps its list card."""
    root = variant(
        "cautions.yaml",
        {
            "  - {from: alpha, type: caution_in, to: statin,": "  - {from: beta, type: caution_in, "
            "to: statin, caution: use with caution, source: s1}\n"
            "  - {from: alpha, type: caution_in, to: statin,"
        },
    )
    cards = cards_by_id(load_deck(root))
    assert "cautions:basic:beta:caution_in" not in cards
    card = cards["cautions:caution:beta:use-with-caution"]
    assert (card.prompt, card.answer) == (
        "Which drug should be used with caution in beta disease?",
        "Includes: Simvastatin",
    )
    assert "cautions:basic:alpha:caution_in" in cards


def test_a_condition_in_a_drugs_list_names_the_drug_its_caution_is_about():
    """Clinician round 14 (D-L7): "m.1555A>G in MT-RNR1 (contraindicated)" and "Alpers-
    Huttenlocher syndrome (contraindicated)" hung the caution on the variant or disorder."""
    cards = cards_by_id(load_deck(CAUTIONS))
    assert (
        "Alpha disease (valproate is contraindicated)"
        in cards["cautions:reverse:valproate:caution_in"].answer
    )
    statin = cards["cautions:reverse:statin:caution_in"].answer
    assert "Alpha disease (simvastatin should be used with caution)" in statin
    assert "(contraindicated)" not in statin and "(use with caution)" not in statin
