"""Reverse cards: a relation type's `ask_from` question, from the far end back to its sources."""

from quizapp.generate.card import Card
from quizapp.generate.index import DeckIndex
from quizapp.generate.kinds.basic import grouped_card


def reverse_cards(ix: DeckIndex) -> list[Card]:
    """Entity <- every source the deck relates to it by one relation type."""
    return [
        card
        for (rtype, target), rels in ix.into.items()
        if (card := grouped_card(ix, "reverse", target, rtype, rels)) is not None
    ]
