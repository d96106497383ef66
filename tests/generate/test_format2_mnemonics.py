"""Format 2 mnemonics whose letters repeat: each repeated item asks its own `prompt`, and a
repeated key without one never gets the ambiguous "what does S stand for?" card."""

from quizapp.deck.loader import load_deck
from tests.generate.helpers import FORMAT2, UPGRADE_HINT, cards_by_id, problems_at

MNEMONICS = FORMAT2 / "mnemonics.yaml"


def test_a_repeated_letter_asks_its_own_prompt():
    cards = cards_by_id(load_deck(MNEMONICS))
    head = "MAMAS – the signs of alpha disease"  # `about` as a phrase (new-author trial)
    first, second = (
        cards["mnemonics:mnemonic:mama:M:meaning"],
        cards["mnemonics:mnemonic:mama:M#2:meaning"],
    )
    assert (first.prompt, first.answer) == (
        f"{head}: What does the first M stand for?",
        "Muscle pain",
    )
    assert (second.prompt, second.answer) == (
        f"{head}: What does the second M stand for?",
        "Morning stiffness",
    )
    assert cards["mnemonics:mnemonic:mama:A:meaning"].prompt == f"{head}: what does A stand for?"


def test_no_card_asks_what_a_repeated_letter_without_a_prompt_stands_for():
    cards = cards_by_id(load_deck(MNEMONICS))
    assert not [
        c.prompt for c in cards.values() if "what does S" in c.prompt or "what does s" in c.prompt
    ]
    assert cards["mnemonics:mnemonic:mama:s:key"].answer == "s"  # the reverse is one answer


def test_only_the_letters_without_prompts_are_warned_about():
    assert problems_at(MNEMONICS) == [
        (
            16,
            15,
            "key 's' repeats (first at line 15, for 'Swelling'): a card asking what 's' stands "
            'for has two right answers; give each of them a `prompt` ("What does the second s '
            'stand for?"), or make the keys tell the items apart',
        )
    ]


def test_format_1_decks_get_located_errors(variant):
    problems = problems_at(variant("mnemonics.yaml", {"format: 2": "format: 1"}))
    assert [p for p in problems if "needs format" in p[2]] == [
        (12, 40, f"'prompt' in mnemonic item needs format 2; {UPGRADE_HINT}"),
        (14, 46, f"'prompt' in mnemonic item needs format 2; {UPGRADE_HINT}"),
    ]
