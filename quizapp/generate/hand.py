"""Hand-written cards from the deck's `cards` section, for facts that fit no structure."""

from quizapp.generate.card import Card, card_id
from quizapp.generate.cloze import cloze_text
from quizapp.generate.index import DeckIndex
from quizapp.generate.text import topic_of


def hand_cards(ix: DeckIndex) -> list[Card]:
    deck = ix.deck
    cards: list[Card] = []
    for hand in deck.cards.values():
        if hand.uncertain:
            continue
        if hand.kind == "cloze" and hand.text:
            prompt, answer = cloze_text(hand.text)
        elif hand.prompt and hand.answer:
            prompt, answer = hand.prompt, hand.answer
        else:
            continue
        cards.append(
            Card(
                id=card_id(deck.id, "card", hand.id),
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
