"""Running-text wording: names mid-sentence, lists, articles, relation sentences."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.deck.pronouns import OBJECT_FOLLOWERS, OBJECT_VERBS, ambiguous_her
from quizapp.generate.text.wording import (
    NAME_PREFIXES,
    article,
    fill_sentence,
    is_lab_kind,
    is_plural,
    join,
    mid_sentence,
    phrase,
    proper_words,
    sentence_start,
    with_pronouns,
)
from tests.generate.helpers import FORMAT2, problems_at

PROPER = frozenset({"Gottron", "Raynaud"})


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Heliotrope rash", "heliotrope rash"),
        ("Symmetric proximal weakness", "symmetric proximal weakness"),
        ("Statin therapy", "statin therapy"),
        ("Mechanic's hands", "mechanic's hands"),
        ("Long-term zidovudine therapy", "long-term zidovudine therapy"),
        ("Anti-SRP antibodies not detected", "anti-SRP antibodies not detected"),
        ("Raised TSH with low free T4", "raised TSH with low free T4"),
        ("Gottron papules", "Gottron papules"),  # eponym
        ("Gottron's sign", "Gottron's sign"),
        ("Raynaud phenomenon", "Raynaud phenomenon"),
        ("V-sign", "V-sign"),  # a lone capital
        ("A second wind after a short rest", "a second wind after a short rest"),  # article
        ("TSH raised", "TSH raised"),  # acronym
        ("COX-negative fibres", "COX-negative fibres"),
        ("HMGCR antibodies", "HMGCR antibodies"),
        ("T4 low", "T4 low"),
        ("p62/TDP-43 protein aggregates", "p62/TDP-43 protein aggregates"),
        ("", ""),
    ],
)
def test_mid_sentence(name, said):
    assert mid_sentence(name, PROPER) == said


def test_mid_sentence_without_proper_words_lowers_eponyms_it_cannot_know():
    assert mid_sentence("Gottron papules") == "gottron papules"


def test_proper_words_are_capitals_the_deck_writes_mid_sentence():
    texts = [
        "Heliotrope rash",
        "Myositis with a rash (heliotrope rash, Gottron papules).",
        "inverse Gottron papules",
        "Cold fingers. Raynaud phenomenon is common",  # after a full stop: not evidence
        "rash, Anti-Jo-1 positive",  # a prefix, not a word
        "abstinence. (The acute form is separate.)",  # a sentence in brackets
        "(Not in children)",
    ]
    assert proper_words(texts) == frozenset({"Gottron"})


def test_a_hyphenated_eponym_written_mid_sentence_keeps_its_capitals():
    proper = proper_words(["Unlike in Lambert-Eaton myasthenic syndrome", "and Guillain-Barre"])
    assert {"Lambert-Eaton", "Guillain-Barre"} <= proper
    assert mid_sentence("Lambert-Eaton myasthenic syndrome", proper) == (
        "Lambert-Eaton myasthenic syndrome"
    )
    assert mid_sentence("Guillain-Barre syndrome", proper) == "Guillain-Barre syndrome"
    # a word the deck never writes capitalised mid-sentence still loses its capital
    assert mid_sentence("Anti-SRP antibodies", proper) == "anti-SRP antibodies"


@pytest.mark.parametrize(
    ("items", "last", "joined"),
    [
        ([], "and", ""),
        (["a"], "and", "a"),
        (["a", "b"], "and", "a and b"),
        (["a", "b", "c"], "and", "a, b and c"),
        (["a", "b", "c", "d"], "or", "a, b, c or d"),
        # an item with its own link: where items end must stay clear
        (
            ["ptosis", "weakness that grows and recovers"],
            "and",
            "ptosis, as well as weakness that grows and recovers",
        ),
        (
            ["sweating or bronchorrhoea", "sensory loss"],
            "or",
            "sweating or bronchorrhoea, or sensory loss",
        ),
        (["a", "slurred, nasal speech", "c"], "and", "a; slurred, nasal speech; and c"),
        (["a", "b or c", "d"], "or", "a; b or c; or d"),
        # a thousands separator or a bracketed aside is no link
        (["a CK of 4,210 U/L", "b"], "and", "a CK of 4,210 U/L and b"),
        (
            ["the course (eased when reduced or stopped)", "b", "c"],
            "and",
            "the course (eased when reduced or stopped), b and c",
        ),
    ],
)
def test_join(items, last, joined):
    assert join(items, last) == joined


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("heliotrope rash", "Heliotrope rash"),
        ("mechanic's hands", "Mechanic's hands"),
        ("the absence of X", "The absence of X"),
        ("p62 aggregates", "p62 aggregates"),
        ("Gottron papules", "Gottron papules"),
        (
            "ptosis, double vision and the absence of X",
            "Ptosis, double vision and the absence of X",
        ),
        ("ptosis. Then", "Ptosis. Then"),
        ("", ""),
    ],
)
def test_sentence_start(text, start):
    assert sentence_start(text) == start


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "The everyday tasks that weakness makes hard.",
            "the everyday tasks that weakness makes hard",
        ),
        ("the muscarinic signs ", "the muscarinic signs"),
        ("Gottron signs to look for.", "Gottron signs to look for"),
        ("TSH and T4.", "TSH and T4"),
    ],
)
def test_phrase_is_deck_text_used_inside_a_sentence(text, said):
    assert phrase(text, PROPER) == said


@pytest.mark.parametrize(
    ("text", "a"),
    [
        ("45-year-old man", "a"),
        ("8-year-old girl", "an"),
        ("11-year-old boy", "an"),
        ("18-year-old woman", "an"),
        ("80-year-old man", "an"),
        ("110-year-old man", "a"),
        ("creatine kinase", "a"),
        ("erythrocyte sedimentation rate", "an"),
        ("MRI", "an"),
        ("CK", "a"),
    ],
)
def test_article(text, a):
    assert article(text) == a


def test_fill_sentence_keeps_a_capital_only_at_the_start():
    template = "{from} is treated with {to}."
    assert fill_sentence(template, "Dermatomyositis", "Glucocorticoids", PROPER) == (
        "Dermatomyositis is treated with glucocorticoids."
    )
    biopsy = "A muscle biopsy in {from} shows {to}."
    assert fill_sentence(biopsy, "Inclusion body myositis", "COX-negative fibres", PROPER) == (
        "A muscle biopsy in inclusion body myositis shows COX-negative fibres."
    )
    assert fill_sentence("{to}: seen in {from}.", "Alpha {to}", "p62 bodies", PROPER) == (
        "p62 bodies: seen in alpha {to}."  # braces in names stay text
    )


def test_lab_kinds_are_result_or_test_kinds():
    assert is_lab_kind("test_result") and is_lab_kind("lab_test") and is_lab_kind("results")
    assert not is_lab_kind("finding") and not is_lab_kind("drug")


@pytest.mark.parametrize(
    ("name", "plural"),
    [
        ("Gottron papules", True),
        ("Statins", True),
        ("Symptoms of hypothyroidism", True),  # the head noun, not the qualifier
        ("Morning stiffness over 45 minutes", False),
        ("Onset age 18 to under 40 years", False),
        ("Quadriceps weakness with falls", False),
        ("Calcinosis cutis", False),
        ("Polymyositis", False),
        ("Heliotrope rash or Gottron papules/sign", False),
        ("Weakness beyond the eye muscles", False),  # the head, not the plural after it
        ("Pain that wakes the patient at night", False),
        ("Ragged-red fibres beyond the age of 50", True),
        # round 11: "Onset within hours to days are not a feature ..."
        ("Onset within hours to days", False),
        ("Weakness of the hips and shoulders", False),
        ("Weakness persisting off the statin", False),
        ("Improvement after the drug or toxin is cut back or stopped", False),
        ("Ragged-red fibres", True),
        ("Rimmed vacuoles", True),
        ("Rimmed vacuoles within muscle fibres", True),
        ("Cramps during exercise", True),
        ("Pain on walking", False),
        ("Neck flexors weaker than extensors", True),  # round 14: "... extensors has"
        ("Proximal leg weaker than distal leg", False),
    ],
)
def test_is_plural_reads_the_head_noun(name, plural):
    assert is_plural(name) is plural


def test_pronouns_change_in_every_word_of_a_complaint():
    complaint = "pain at the front of her neck that spreads to her jaw"
    assert (
        with_pronouns(complaint, "male") == "pain at the front of his neck that spreads to his jaw"
    )
    assert with_pronouns("her daughter helped her.", "male") == "his daughter helped him."
    assert with_pronouns("he says his legs fail him", "female") == "she says her legs fail her"
    # only pronouns change: acronyms and other words stay exactly as written
    assert with_pronouns("a raised TSH; His bundle", "female") == "a raised TSH; Her bundle"
    assert with_pronouns("a raised TSH, Her dose", "male") == "a raised TSH, His dose"


def test_a_negated_list_keeps_an_item_with_its_own_or_apart():
    from quizapp.generate.text.wording import join_after_no

    assert join_after_no(["muscle pain", "skin rash"]) == "muscle pain or skin rash"
    assert join_after_no(["muscle pain", "cough or breathlessness on exertion"]) == (
        "muscle pain and no cough or breathlessness on exertion"
    )
    assert join_after_no(["a", "b or c", "d"]) == "a, no b or c and no d"


def test_a_rare_feature_is_marked_rare_where_a_list_teaches_it(iim):
    """A rare relation listed as a plain feature, followed by its note "Usually painless.",
    taught a contradiction (clinician round 7)."""
    from quizapp.generate import generate_deck

    cards = {c.id: c for c in generate_deck(iim).cards}
    card = cards["iim:basic:steroid-myopathy:has_finding"]
    assert "Muscle pain (rare)" in card.answer
    assert (
        "Muscle pain is a feature of glucocorticoid myopathy (found in few patients with it)."
        in card.extra
    )
    reverse = cards["iim:reverse:myalgia:has_finding"].answer
    assert "Glucocorticoid myopathy (muscle pain is found in few patients with it)" in reverse
    # the frequency counts the condition's patients: a rare antibody still marks it
    # (clinician round 8: "Antisynthetase syndrome (rare)" read as "rarely marks"; round 11:
    # "(in few patients)" read as a weak marker, when the antibody is rare but specific)
    marker = cards["iim:reverse:anti-oj:marked_by"].answer
    assert "(rare)" not in marker and "(in few patients" not in marker
    # round 13: "(found in few of its patients)" let "its" be the antibody's: the condition
    # names what is found in few of its patients
    assert "Antisynthetase syndrome (anti-OJ is found in few patients with it)" in marker
    assert "its patients" not in marker
    assert "Anti-OJ (rare)" in cards["iim:basic:asys:marked_by"].answer
    # a treatment's patients are those given it: "Intravenous immunoglobulin (found in few of
    # its patients)" (round 12) and "Intravenous immunoglobulin (rare)" (read as rarely
    # given, round 14) become the effect in few patients given it
    ivig = cards["iim:reverse:thromboembolism:adverse_effect"]
    assert ivig.answer == (
        "Includes: Intravenous immunoglobulin (thromboembolism occurs in few patients given it)"
    )
    assert "(rare)" not in ivig.answer and "its patients" not in ivig.answer
    assert "Thromboembolism (rare)" in cards["iim:basic:ivig:adverse_effect"].answer


_CAPITALISED = st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True)
_LOWER = st.from_regex(r"[a-z]{2,10}", fullmatch=True)


@given(
    first=st.one_of(st.sampled_from(sorted(NAME_PREFIXES)), _CAPITALISED),
    more=st.lists(_CAPITALISED, min_size=1, max_size=2),
    rest=st.lists(_LOWER, min_size=0, max_size=3),
)
def test_a_hyphenated_eponym_keeps_its_capitals_without_the_deck_writing_it(first, more, rest):
    """ "Andersen-Tawil syndrome" mid-sentence, though no deck text writes it there; a
    prefix and a name ("Anti-Ku antibodies", "Non-Hodgkin lymphoma") lose the first one."""
    name = " ".join(["-".join([first, *more]), *rest])
    said = mid_sentence(name)
    if first in NAME_PREFIXES:
        assert said == name[0].lower() + name[1:]
    else:
        assert said == name


@given(first=_CAPITALISED, rest=st.lists(_LOWER, min_size=1, max_size=3))
def test_a_one_word_heading_loses_its_capital_unless_it_is_a_proper_word(first, rest):
    name = " ".join([first, *rest])
    assert mid_sentence(name) == name[0].lower() + name[1:]
    assert mid_sentence(name, frozenset({first})) == name


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Andersen-Tawil syndrome", "Andersen-Tawil syndrome"),
        ("Charcot-Marie-Tooth disease", "Charcot-Marie-Tooth disease"),
        ("Anti-Ku antibodies", "anti-Ku antibodies"),
        ("Non-Hodgkin lymphoma", "non-Hodgkin lymphoma"),
        ("Anti-Jo-1 antibodies", "anti-Jo-1 antibodies"),
        ("Long-term zidovudine therapy", "long-term zidovudine therapy"),
    ],
)
def test_hyphenated_names_mid_sentence(name, said):
    assert mid_sentence(name) == said


HEADS = {"onset": False, "weakness": False, "rash": False, "fibres": True, "vacuoles": True}
QUALIFIERS = [
    "within hours to days",
    "of the hips and shoulders",
    "over 45 minutes",
    "with falls",
    "into the legs",
    "after exercise",
    "in 80% of patients",
    "by days",
]


@given(st.sampled_from(sorted(HEADS)), st.sampled_from(QUALIFIERS), st.booleans())
def test_a_qualifier_never_changes_the_head_nouns_number(head, qualifier, qualified):
    """Whatever plural noun a qualifier ends in ("days", "shoulders", "legs"), the name's
    number is its head noun's."""
    name = f"{head.capitalize()} {qualifier}" if qualified else head.capitalize()
    assert is_plural(name) is HEADS[head]
    verb = fill_sentence("{from} is a feature of {to}.", name, "IBM", PROPER).split()[
        len(name.split())
    ]
    assert verb == ("are" if HEADS[head] else "is")


@pytest.mark.parametrize(
    ("female", "male"),
    [
        # round 14 (D-L6): every "her" + word was read as possessive, so "gave his a dose"
        ("her arms and her legs ache", "his arms and his legs ache"),
        ("her daughter gave her a dose", "his daughter gave him a dose"),
        (
            "a nurse helped her up and walked her to the chair",
            "a nurse helped him up and walked him to the chair",
        ),
        ("it wakes her at night", "it wakes him at night"),
        ("it tires her, so she rests", "it tires him, so he rests"),
        ("told her that her CK was high", "told him that his CK was high"),
        ("Her own dose", "His own dose"),
    ],
)
def test_an_object_her_before_a_word_becomes_him(female, male):
    assert with_pronouns(female, "male") == male
    assert with_pronouns(male, "female") == female


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("pain that passes after a short rest, letting her carry on", "letting her carry"),
        ("it makes her legs ache", "makes her legs"),
        ("keeps her awake", "keeps her awake"),
        ("pain in her arms that wakes her at night", None),
        ("letting him carry on", None),
        ("gave her a dose", None),
    ],
)
def test_a_her_that_words_cannot_settle_is_found(text, words):
    assert ambiguous_her(text) == words


_POSSESSED = st.sampled_from(["arms", "legs", "dose", "urine", "CK", "own", "first"])
_VERBS = st.sampled_from(sorted(OBJECT_VERBS))
_OTHER_VERBS = st.sampled_from(["tires", "wakes", "hurts", "walked", "weakens", "examined"])
_FOLLOWERS = st.sampled_from(sorted(OBJECT_FOLLOWERS) + [".", ",", ";", ""])
_OPEN = st.sampled_from(["carry", "rest", "walk", "awake", "weak", "legs", "tired"])


@st.composite
def _male_phrase(draw) -> str:
    """A male patient's phrase: 'his' + a noun, or a verb, 'him' and what may follow it
    (a closed-class word or an open one after a verb that takes an object and a verb)."""
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return (
            f"{draw(st.sampled_from(['in', 'of', 'with', 'and', 'that']))} his {draw(_POSSESSED)}"
        )
    if choice == 1:
        follower = draw(_FOLLOWERS)
        verb = draw(st.one_of(_VERBS, _OTHER_VERBS))
        return f"{verb} him{follower}" if follower in ".,;" else f"{verb} him {follower}"
    return f"{draw(_VERBS)} him {draw(_OPEN)}"


@given(st.lists(_male_phrase(), min_size=1, max_size=5))
def test_male_text_comes_back_from_the_female_form_or_the_check_asks_for_it(phrases):
    """Text written male turns female without doubt; back to male, each "her" is read
    right, unless `ambiguous_her` flags it (the deck check then asks for the male form).
    Phrases are joined as clauses: run together, a bare "him" met the next phrase's verb
    ("tires her allow her a"), which no English sentence has."""
    male = ", ".join(phrases)
    female = with_pronouns(male, "female")
    assert not re.search(r"\b(he|him|his|himself)\b", female)
    assert with_pronouns(female, "male") == male or ambiguous_her(female) is not None


def test_the_deck_check_warns_where_her_may_be_either(tmp_path):
    deck = tmp_path / "settings.yaml"
    text = (FORMAT2 / "settings.yaml").read_text()
    deck.write_text(text.replace("tiring easily when she plays", "pain letting her rest"))
    line = text[: text.index("tiring easily")].count("\n") + 1
    found = [(ln, m) for ln, _, m in problems_at(deck) if "'her'" in m]
    assert found == [(line, found[0][1])] and "'letting her rest'" in found[0][1]
    assert "write the male form" in found[0][1]


@pytest.mark.parametrize(
    ("template", "name", "said"),
    [
        # round 14 (D-L4): "Which adverse effect does glucocorticoids (prednisone) carry?"
        (
            "Which adverse effect does {from} carry?",
            "Glucocorticoids (prednisone)",
            "Which adverse effect do glucocorticoids (prednisone) carry?",
        ),
        (
            "Which adverse effect does {from} carry?",
            "Methotrexate",
            "Which adverse effect does methotrexate carry?",
        ),
        ("Does {from} carry it?", "Statins", "Do statins carry it?"),
        # "has" here is the question's own verb, not an auxiliary of the name
        (
            "Which condition has {from} as a complication?",
            "Falls",
            "Which condition has falls as a complication?",
        ),
    ],
)
def test_does_before_a_plural_name_agrees_with_it(template, name, said):
    assert fill_sentence(template, name, name, frozenset()) == said
