"""Format 2 hand-written MCQs and vignettes (`kind: mcq` / `vignette` in `cards`): located
errors for each broken rule, the author's rationale as each option's explanation and proof,
and the item-writing lint at the item."""

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.deck.loader import load_deck
from quizapp.generate import generate_deck
from quizapp.generate.lint.checklist import lint_deck
from quizapp.generate.lint.proof_check import ProofChecker
from quizapp.generate.text.common import sort_key
from tests.generate.helpers import FORMAT2, UPGRADE_HINT, problems_at

HAND = FORMAT2 / "hand.yaml"
ONE_KEY = "a single-best-answer item has exactly one key"


def _card(deck, hand_id: str):
    return next(c for c in generate_deck(deck).cards if c.id == f"hand:card:{hand_id}")


def test_the_test_deck_is_clean():
    assert problems_at(HAND) == []
    assert [
        str(f) for f in lint_deck(load_deck(HAND), seeds=1) if f.card_id and ":card:" in f.card_id
    ] == []


def test_a_hand_vignette_is_a_card_with_every_option_explained_by_its_rationale():
    deck = load_deck(HAND)
    card = _card(deck, "alpha-case")
    assert card.kind == "vignette" and card.topic == "dx" and card.tests == ("alpha",)
    assert card.prompt.startswith("A 45-year-old woman comes to the office")
    assert card.prompt.endswith("signs.\n\nWhich of the following is the most likely diagnosis?")
    # alphabetical, as generated options are, whatever order the author wrote them in
    assert [o.text for o in card.options] == [
        "Alpha disease", "Beta disease", "Delta disease", "Epsilon disease", "Gamma disease",
    ]  # fmt: skip
    assert [o.label for o in card.options] == list("ABCDE")
    assert card.answer == "Alpha disease"
    written = {o.text: o for o in deck.cards["alpha-case"].options}
    for option in card.options:
        verdict = "Correct" if option.correct else "Incorrect"
        assert option.explanation == f"{verdict}. {written[option.text].rationale}"
        (proof,) = option.proof
        assert proof.rule == "rationale" and proof.fact == written[option.text].rationale
    key = next(o for o in card.options if o.correct)
    assert (key.proof[0].loc.line, key.proof[0].loc.col) == (43, 20)  # its rationale
    assert ProofChecker(deck).check(card) == []
    assert card.sources == ("s1", "s2")


def test_an_options_own_source_is_cited_with_the_mcq():
    deck = load_deck(HAND)
    card = _card(deck, "alpha-sign")
    assert card.kind == "mcq" and card.sources == ("s1", "s2")
    assert card.prompt == (
        "A man has the disease named after the first letter of the Greek alphabet.\n\n"
        "Which clinical finding is required for his diagnosis?"
    )
    assert ProofChecker(deck).check(card) == []


def test_the_proof_check_catches_an_item_that_strays_from_what_the_author_wrote():
    deck = load_deck(HAND)
    card = _card(deck, "alpha-case")
    checker = ProofChecker(deck)
    wrong = card.options[1]
    flipped = replace(card, options=(replace(wrong, correct=True), *card.options[2:]))
    assert checker.check(flipped) == [
        "option 'Beta disease': the deck writes it as a distractor",
        "option 'Alpha disease' of the deck is not offered",
    ]
    unexplained = replace(wrong, explanation="Incorrect.")
    swapped = replace(card, options=(card.options[0], unexplained, *card.options[2:]))
    assert checker.check(swapped) == [
        "option 'Beta disease': its explanation leaves out its rationale"
    ]


MCQ_OPTIONS = """      - text: Delta sign
        rationale: The delta sign belongs to delta disease.
"""


def test_each_broken_rule_is_an_error_where_it_is_written(variant):
    cases = {
        "Which clinical finding is required for his diagnosis?": (
            {"Which clinical finding is required for his diagnosis?": "Name his sign."},
            [(14, 14, "a lead-in must be a question ending in '?'")],
        ),
        "three options": (
            {MCQ_OPTIONS: ""},
            [(16, 7, "list needs at least 4 options; it has 3")],
        ),
        "nine options": (
            {
                "      - text: Beta disease\n": "".join(
                    f"      - text: Zeta {n}\n        rationale: Not the case.\n" for n in range(4)
                )
                + "      - text: Beta disease\n"
            },
            [(37, 7, "list takes at most 8 options; it has 9")],
        ),
        "no key": (
            {
                "        correct: true\n        rationale: Alpha disease, his": "        rationale: "
                "Alpha disease, his"
            },  # fmt: skip
            [(16, 7, f"no option is marked `correct: true`: {ONE_KEY}")],
        ),
        "two keys": (
            {"      - text: Beta sign\n": "      - text: Beta sign\n        correct: true\n"},
            [(20, 18, f"a second option is marked correct (the first at line 16): {ONE_KEY}")],
        ),
        "no rationale": (
            {"        rationale: The beta sign belongs to beta disease.\n": ""},
            [
                (
                    19,
                    9,
                    "option 'Beta sign' has no `rationale`: say why it is wrong (learners "
                    "read it as the option's explanation)",
                )
            ],  # fmt: skip
        ),
        "repeated text": (
            {"text: Delta sign": "text: beta  Sign"},
            [(24, 15, "option 'beta  Sign' repeats the option at line 19")],
        ),
        "unknown source": (
            {"        source: s2\n      - text: Delta": "        source: s9\n      - text: Delta"},
            [(23, 17, "unknown source 's9'")],
        ),
        "vignette without a stem": (
            {
                "    stem: >-\n      A 45-year-old woman comes to the office because of trouble "
                "lifting her arms for the\n      past 3 months. Physical examination shows the "
                "alpha sign and none of the beta, gamma,\n      delta or epsilon signs.\n": ""
            },
            [(28, 5, "a hand-written vignette needs 'stem'")],
        ),
        "a basic card's field": (
            {"    lead_in: Which clinical": "    prompt: What?\n    lead_in: Which clinical"},
            [(14, 5, "'prompt' does not belong to an mcq card")],
        ),
    }
    for name, (changes, expected) in cases.items():
        found = problems_at(variant("hand.yaml", changes))
        assert [(line, col, msg.split("; did you mean")[0]) for line, col, msg in found] == (
            expected
        ), name


def test_format_1_decks_get_a_located_error(variant):
    found = problems_at(variant("hand.yaml", {"format: 2": "format: 1"}))
    assert (11, 11, f"'mcq' needs format 2; {UPGRADE_HINT}") in found
    assert (14, 5, f"'lead_in' in card needs format 2; {UPGRADE_HINT}") in found
    assert (15, 5, f"'options' in card needs format 2; {UPGRADE_HINT}") in found
    assert (29, 11, f"'vignette' needs format 2; {UPGRADE_HINT}") in found
    assert all(p[2].endswith(UPGRADE_HINT) for p in found), found


def test_lint_flags_a_bad_hand_item_at_the_item(variant):
    root = variant(
        "hand.yaml",
        {
            "text: Delta sign": "text: All of the above",
            "Which clinical finding is required for his diagnosis?": "Which clinical finding "
            "is not required for his diagnosis?",
        },
    )
    findings = [
        f for f in lint_deck(load_deck(root), seeds=1) if f.card_id == "hand:card:alpha-sign"
    ]
    got = {(f.loc.line, f.loc.col, f.severity, f.check) for f in findings}
    assert (10, 5, "error", "banned-form") in got
    assert (10, 5, "error", "negative-lead-in") in got
    banned = next(f for f in findings if f.check == "banned-form")
    assert "'All of the above'" in banned.message


def test_a_hand_vignette_stem_without_the_nbme_slots_is_a_warning(variant):
    root = variant("hand.yaml", {"comes to the office because of": "has had"})
    findings = [
        f for f in lint_deck(load_deck(root), seeds=1) if f.card_id == "hand:card:alpha-case"
    ]
    assert [(f.severity, f.check) for f in findings] == [("warning", "vignette-slots")]
    assert "setting" in findings[0].message


def test_an_uncertain_item_is_not_generated(variant):
    root = variant("hand.yaml", {"    tests: [alpha]\n    source: s1": "    uncertain: true\n"
                                 "    tests: [alpha]\n    source: s1"})  # fmt: skip
    ids = {c.id for c in generate_deck(load_deck(root)).cards}
    assert "hand:card:alpha-sign" not in ids and "hand:card:alpha-case" in ids


_WORDS = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=30, deadline=None)
@given(
    texts=st.lists(_WORDS, min_size=4, max_size=8, unique_by=lambda t: " ".join(t.split())),
    data=st.data(),
)
def test_any_written_item_keeps_its_key_and_explains_every_option(texts, data):
    """Whatever the options and wherever the key is written: one card, the same key, options
    in logical order, each explained by its own rationale, and a proof the checker accepts."""
    key = data.draw(st.integers(0, len(texts) - 1))
    lines = [
        "format: 2",
        "deck: {id: prop, title: P, version: '1', authors: [T]}",
        "sources: [{id: s1, citation: C}]",
        "cards:",
        "  - id: item",
        "    kind: mcq",
        "    lead_in: Which option is the key?",
        "    options:",
    ]
    for n, text in enumerate(texts):
        lines += [f"      - text: '{text}'", f"        rationale: 'Reason {n}.'"]
        lines += ["        correct: true"] if n == key else []
    lines.append("    source: s1")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "deck.yaml"
        root.write_text("\n".join(lines) + "\n", encoding="utf-8")
        deck = load_deck(root)
    (card,) = generate_deck(deck).cards
    assert card.answer == texts[key] and [o.text for o in card.options if o.correct] == [texts[key]]
    assert [o.text for o in card.options] == sorted(texts, key=sort_key)
    for option in card.options:
        n = texts.index(option.text)
        assert option.explanation.endswith(f". Reason {n}.")
        assert option.explanation.startswith("Correct" if n == key else "Incorrect")
    assert ProofChecker(deck).check(card) == []
