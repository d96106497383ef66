"""Hand-written cards from the deck's `cards` section, for facts that fit no structure, and
(format 2) hand-written MCQs and vignettes whose author's rationale proves every option."""

from quizapp.deck.model import HandCard
from quizapp.generate.card import Card, CardId, card_id
from quizapp.generate.evidence import Proof
from quizapp.generate.index import DeckIndex
from quizapp.generate.kinds.cloze import cloze_text
from quizapp.generate.text.common import Choice, labelled, topic_of

GENERATOR = "card"  # the generator part of a hand-written card's id: deck:card:<id>
ITEM_KINDS = ("mcq", "vignette")


def hand_cards(ix: DeckIndex) -> list[Card]:
    """The basic and cloze cards (the MCQs and vignettes are `hand_items`)."""
    deck = ix.deck
    cards: list[Card] = []
    for hand in deck.cards.values():
        if hand.uncertain or hand.kind in ITEM_KINDS:
            continue
        if hand.kind == "cloze" and hand.text:
            prompt, answer = cloze_text(hand.text)
        elif hand.prompt and hand.answer:
            prompt, answer = hand.prompt, hand.answer
        else:
            continue
        cards.append(
            Card(
                id=card_id(deck.id, GENERATOR, hand.id),
                deck=deck.id,
                kind=hand.kind,
                topic=topic_of(hand.topic),
                prompt=prompt,
                answer=answer,
                sources=hand.sources,
                tests=hand.tests,
                loc=hand.loc,
            )
        )
    return cards


def hand_items(ix: DeckIndex) -> list[Card]:
    """The MCQs and vignettes the author wrote (format 2), generated last so the cards of a
    deck that had none keep their order."""
    deck = ix.deck
    return [
        hand_item(deck.id, hand)
        for hand in deck.cards.values()
        if hand.kind in ITEM_KINDS and not hand.uncertain
    ]


def is_hand_item(card: Card) -> bool:
    """A hand-written MCQ or vignette (its options are proven by rationales, not relations)."""
    return card.kind in ITEM_KINDS and CardId.parse(card.id).generator == GENERATOR


def option_ref(hand_id: str, number: int) -> str:
    """What an option's proof is about: the item and the option's place as written (1-based)."""
    return f"{GENERATOR}:{hand_id}:{number}"


def hand_item(deck_id: str, hand: HandCard) -> Card:
    """The item as the generated ones are: options in logical order, each explained by
    "Correct."/"Incorrect." and its rationale, whose place in the deck is its proof."""
    choices = [
        Choice(
            o.text,
            o.correct,
            f"{'Correct' if o.correct else 'Incorrect'}. {o.rationale}",
            None,
            (Proof("rationale", o.rationale, o.rationale_loc, option_ref(hand.id, n)),),
        )
        for n, o in enumerate(hand.options, 1)
    ]
    key = next(o.text for o in hand.options if o.correct)
    cited = [*hand.sources, *(s for o in hand.options for s in o.sources)]
    lead_in = " ".join((hand.lead_in or "").split())  # one line: the prompt's last paragraph
    return Card(
        id=card_id(deck_id, GENERATOR, hand.id),
        deck=deck_id,
        kind=hand.kind,
        topic=topic_of(hand.topic),
        prompt=f"{hand.stem.strip()}\n\n{lead_in}" if hand.stem else lead_in,
        answer=key,
        sources=tuple(dict.fromkeys(cited)),
        tests=hand.tests,
        loc=hand.loc,
        options=labelled(choices),
    )
