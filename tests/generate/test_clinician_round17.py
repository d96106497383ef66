"""Clinician round 17a (both bundled decks): items that over-claimed or read badly."""

import re

import pytest

from quizapp.generate import generate_deck
from tests.generate.helpers import card_texts, generated_vignettes


@pytest.fixture(scope="module")
def iim_cards(iim):
    return {c.id: c for c in generate_deck(iim).cards}


def test_tif1_in_children_is_not_linked_to_cancer_rather_than_risk_free(iim_cards):
    """M3: the sources speak of no association with cancer in JDM, not of no risk."""
    text = " ".join(card_texts(iim_cards["iim:card:tif1-children"]))
    assert "not linked to cancer" in text
    assert "no cancer risk" not in text


def test_anti_mda5_is_not_taught_as_marking_amyopathic_dm_alone(iim):
    """M4: the table cell said only CADM, though its reverse card (and Mehta 2021) name
    classic DM and JDM too; no comparison item may now ask for "CADM" alone, nor for
    "Classic DM" as if anti-Mi-2 were its only antibody."""
    row = next(r for r in iim.tables["msa-associations"].rows if r.entity == "anti-mda5")
    assert "classic DM and JDM" in row.cells["subtype"].text
    texts = [
        t
        for seed in range(8)
        for c in generate_deck(iim, seed=seed).cards
        if c.kind == "comparison" and ":msa-associations:" in c.id
        for t in card_texts(c)
    ]
    assert texts
    assert not [t for t in texts if "Clinically amyopathic DM" in t and "also classic" not in t]
    prompts = [
        c.prompt
        for c in generate_deck(iim).cards
        if c.kind == "comparison" and ":msa-associations:" in c.id
    ]
    assert prompts
    assert not [p for p in prompts if "Classic DM" in p], prompts


def test_perifascicular_atrophy_is_not_said_to_make_a_biopsy_dermatomyositis(iim, iim_cards):
    """M2: perifascicular changes occur in anti-Jo-1 myositis too (Mozaffar 2000); the PM
    biopsy vignette's rationale said PFA 'would make it dermatomyositis'."""
    renders = generated_vignettes(iim, [iim_cards["iim:vignette:bp-pm:biopsy"]], range(6))
    said = [
        o.explanation
        for v in renders
        for o in v.options
        if not o.correct and o.text.startswith("Perifascicular atrophy")
    ]
    assert said
    for text in said:
        assert "would make it" not in text
        assert "anti-Jo-1" in text


@pytest.mark.parametrize(
    "card_id, question",
    [
        ("iim:attribute:pm:weakness_severity", "How severe is the weakness in polymyositis?"),
        ("iim:attribute:pm:sex_ratio", "What is the female-to-male ratio in polymyositis?"),
        (
            "iim:attribute:ivig:dose",
            "What is the usual dose of intravenous immunoglobulin in myositis?",
        ),
    ],
)
def test_attribute_questions_read_as_an_item_writer_asks_them(iim_cards, card_id, question):
    """L2: "What is the usual dose in myositis of X?", "the severity of weakness of X"."""
    assert iim_cards[card_id].prompt == question


def test_a_list_of_treatments_is_not_called_drugs(iim_cards):
    """L3: photoprotection was listed under "Which drugs are used to treat ...?"."""
    card = iim_cards["iim:reverse:dm-rash:treats_manifestation"]
    assert "Photoprotection" in card.answer
    assert card.prompt.startswith("Which treatments are used for ")
    assert "drug" not in card.prompt


def test_enzyme_replacement_reads_once_with_its_drug(metabolic_cards):
    """L4: "managed with enzyme replacement with alglucosidase alfa"."""
    texts = [t for c in metabolic_cards.values() for t in card_texts(c)]
    assert any("alglucosidase alfa enzyme replacement" in t for t in texts)
    assert not [t for t in texts if "replacement with alglucosidase" in t]


@pytest.mark.parametrize("seed", [17001, 17003])
def test_a_comparison_tells_an_option_apart_by_the_column_that_says_most(iim, seed):
    """M1: "Statin-associated anti-HMGCR myopathy has 'Statin-exposed, usually over 50'
    under 'Patients', not 'Adults'" denied that its patients are adults; the weakness column
    tells it apart without that."""
    cards = {c.id: c for c in generate_deck(iim, seed=seed).cards}
    card = cards["iim:comparison:iim-subtypes:asys:who:weakness"]
    statin = [o for o in card.options if o.text == "Statin-associated anti-HMGCR myopathy"]
    for option in statin:
        assert "under “Weakness”" in option.explanation, option.explanation


def test_a_comparison_never_denies_the_key_cell(iim, metabolic):
    """M1: "Kearns–Sayre syndrome has 'Heart block ...' under 'What to watch for', not
    'Cardiomyopathy and arrhythmia'": heart block is an arrhythmia. Cells without a word in
    common can still overlap, so a wrong option's rationale states its own cell only."""
    for deck in (iim, metabolic):
        for seed in range(3):
            for card in generate_deck(deck, seed=seed).cards:
                if card.kind != "comparison":
                    continue
                for option in card.options:
                    if not option.correct:
                        assert ", not “" not in option.explanation, option.explanation
                        assert option.explanation.endswith("”."), option.explanation


def test_one_finding_named_with_and_takes_a_singular_verb(iim_cards, metabolic_cards):
    """Round 17b L1: the plural rule for names joining several things read one finding as
    two ("Shoulder and hip girdle aching are features of polymyalgia rheumatica"); such
    names now read as one thing, and names of two things keep their plural verb."""
    texts = [
        t for cards in (iim_cards, metabolic_cards) for c in cards.values() for t in card_texts(c)
    ]
    for one in (
        "Aching of the shoulder and hip girdles",
        "Symmetric weakness of the proximal limb and neck muscles",
    ):
        said = [t for t in texts if f"{one} is " in t]
        assert said, one
        assert not [t for t in texts if f"{one} are " in t], one
    assert any("Ptosis and ophthalmoplegia are " in t for t in texts)


def test_no_question_asks_how_severe_an_absent_weakness_is(iim_cards):
    """Round 17b L3 and M1: "How severe is the weakness in polymyalgia rheumatica? - None"
    asked after what is not there; statin myalgia's "Mild" taught weakness where strength
    is usually normal."""
    severity = {i: c.answer for i, c in iim_cards.items() if i.endswith(":weakness_severity")}
    assert severity
    assert "None" not in severity.values()
    assert "iim:attribute:statin-toxic-myopathy:weakness_severity" not in severity


def test_a_qualified_negative_does_not_run_into_the_next():
    """Round 17b L4: "There is no pigmentary retinopathy on fundoscopy or myoclonus"."""
    from quizapp.generate.text.wording import join_after_no

    said = join_after_no(["pigmentary retinopathy on fundoscopy", "myoclonus"])
    assert said == "pigmentary retinopathy on fundoscopy and no myoclonus"
    assert join_after_no(["ptosis", "myoclonus"]) == "ptosis or myoclonus"


def test_an_onset_range_open_below_leads_with_its_usual_ages(metabolic_cards):
    """Round 17b L5: "At most 36 years; most often 2-4 years" put the rare bound first."""
    answer = metabolic_cards["metabolic:attribute:ahs:age_at_onset"].answer
    assert answer == "Most often 2-4 years, up to 36 years"


def test_the_course_names_the_exposure_as_a_clinician_would(iim, iim_cards):
    """Round 17b L2: "the symptoms eased when heavy long-term alcohol use was reduced or
    stopped" repeated the history's words; `in_case.exposure` names it ("drinking")."""
    blueprints = ("bp-alcohol-myopathy", "bp-steroid-myopathy", "bp-statin-toxic-myopathy")
    cards = [
        c
        for i, c in iim_cards.items()
        if i.startswith("iim:vignette:") and i.split(":")[2] in blueprints
    ]
    renders = generated_vignettes(iim, cards, range(4))
    stems = [v.prompt for v in renders]
    said = [s for s in stems if "reduced or stopped" in s]
    assert said
    assert not [
        s for s in said if "when heavy long-term alcohol use" in s or "therapy was reduced" in s
    ]
    assert any("when drinking was reduced or stopped" in s for s in said)


def test_late_onset_pompe_is_a_glycogen_storage_myopathy_with_fixed_weakness(metabolic_cards):
    """Student trial 4: "Which of the glycogen storage myopathies show fixed proximal
    weakness?" answered McArdle disease alone (a quarter of its patients), not the
    textbook answer, late-onset Pompe disease."""
    card = next(
        c
        for c in metabolic_cards.values()
        if c.kind == "reverse" and c.prompt.endswith("show fixed proximal weakness?")
    )
    assert "Late-onset Pompe disease" in card.answer
    assert "McArdle disease" in card.answer


def test_no_comparison_asks_a_cell_that_names_its_answer(iim, metabolic):
    """Student trial 4: "Which diagnosis has 'SRP' under 'Antibodies'?" -> "Anti-SRP
    necrotizing myopathy"; a word of the asked cells that only the key's name carries."""
    from quizapp.generate.text.common import content_words

    for deck in (iim, metabolic):
        cards = [c for c in generate_deck(deck).cards if c.kind == "comparison"]
        assert cards
        for card in cards:
            asked = content_words(card.prompt.split(". ", 1)[1])
            others = [content_words(o.text) for o in card.options if not o.correct]
            own = content_words(card.answer).difference(*others)
            assert not asked & own, (card.prompt, card.answer)


def test_a_complete_list_is_not_said_when_it_only_repeats_the_name(iim_cards):
    """Student trial 4: "Only anti-SRP is a serological marker of anti-SRP necrotizing
    myopathy" told nothing the name does not; the rationale leaves it out."""
    texts = [t for c in iim_cards.values() for t in card_texts(c)]
    assert any("is not a serological marker of anti-SRP necrotizing myopathy" in t for t in texts)
    assert not [t for t in texts if "Only anti-SRP is a serological marker of anti-SRP" in t]
    assert not [t for t in texts if "Only anti-HMGCR is a serological marker of statin" in t]


def test_ibm_ck_is_the_relative_criterion_not_a_fixed_cut_off(iim_cards):
    """Round 17c M1: "What is the creatine kinase of inclusion body myositis? - At most
    4,500 U/L" taught a cut-off the criterion states relative to the upper limit."""
    assert "iim:attribute:ibm:ck" not in iim_cards
    answer = iim_cards["iim:attribute:ibm:ck_level"].answer
    assert "15 times the upper limit of normal" in answer


def test_a_list_question_is_plural_whatever_its_subjects_number(iim_cards):
    """Round 17c L1: "Which adverse effect do glucocorticoids carry?" kept its singular noun
    for two answers (the verb had become "do", which the plural rule did not know)."""
    assert iim_cards["iim:basic:glucocorticoids:adverse_effect"].prompt.startswith(
        "Which adverse effects do "
    )


def test_the_cpt2_case_is_seen_between_attacks(metabolic):
    """Round 17c M3: the forearm exercise test was reported in the emergency department
    during acute rhabdomyolysis (CK in the tens of thousands), where it is never done."""
    cards = [
        c for c in generate_deck(metabolic).cards if c.id.startswith("metabolic:vignette:bp-cpt2:")
    ]
    for v in generated_vignettes(metabolic, cards, range(5)):
        assert "emergency department" not in v.prompt
        assert "forearm exercise test" in v.prompt
        ck = int(re.search(r"creatine kinase is ([\d,]+) U/L", v.prompt)[1].replace(",", ""))
        assert ck < 300, v.prompt


@pytest.mark.parametrize("seed", [0, 17601])
def test_no_generated_text_has_a_double_space(iim, metabolic, seed):
    """Round 17d L1: "... anti-HMGCR myopathy.  In this patient" (an empty list sentence
    left its space behind)."""
    for deck in (iim, metabolic):
        cards = generate_deck(deck, seed=seed).cards
        texts = [t for c in cards for t in card_texts(c)]
        texts += [t for v in generated_vignettes(deck, cards, [seed]) for t in card_texts(v)]
        assert not [t for t in texts if re.search(r"\S  +\S", t)]


def test_tarui_is_brought_on_by_brief_intense_effort_too(metabolic_cards):
    """Round 17d M2: the isometric-exercise trigger named McArdle disease alone, though the
    deck's own table gives Tarui disease the same trigger (Lucia 2021)."""
    card = metabolic_cards["metabolic:reverse:isometric-exercise:triggered_by"]
    assert "Tarui disease" in card.answer and "McArdle disease" in card.answer


def test_ibm_ck_note_says_the_criterion_apart_from_the_usual_level(iim_cards):
    """Round 17d M1: "Normal or mildly raised: no more than 15 times the upper limit" made
    the criterion the definition of "mildly raised"."""
    texts = [t for c in iim_cards.values() for t in card_texts(c)]
    assert not [t for t in texts if "mildly raised: no more than 15 times" in t]


def test_an_acronym_the_key_shares_with_the_question_is_a_cue(iim_cards):
    """Round 17d S2: "Which condition does anti-SRP mark?" was answered by the name, anti-SRP
    necrotizing myopathy: a three-letter acronym now counts as a shared word."""
    from quizapp.generate.text.common import cue_stems

    assert cue_stems("Anti-SRP necrotizing myopathy", "anti-SRP") == {"srp", "anti"}
    assert "iim:mcq:imnm-srp.marked_by.anti-srp:from" not in iim_cards
