"""Which cards an export holds: the chosen decks' generated cards, filtered."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.deck.model import Deck
from quizapp.deck.topics import UnknownTopic, match_topics
from quizapp.export.output import ExportError
from quizapp.generate import Card, LintFinding, generate_deck


@dataclass(frozen=True)
class Selection:
    """Cards to export, in generation order, the decks they came from (by deck id), and
    what generation found wrong with items it could not make fair."""

    cards: tuple[Card, ...]
    decks: dict[str, Deck]
    seed: int
    findings: tuple[LintFinding, ...] = ()

    def deck_of(self, card: Card) -> Deck:
        return self.decks[card.deck]

    def topic_title(self, card: Card) -> str:
        topic = self.deck_of(card).topics.get(card.topic)
        return topic.title if topic else card.topic


def select_cards(
    decks: Iterable[Deck],
    seed: int = 0,
    kinds: Iterable[str] = (),
    topics: Iterable[str] = (),
) -> Selection:
    """Generate every deck with `seed` and keep the cards of the given kinds and topics
    (all when none is given). Unknown topics and empty selections are errors, so a typo
    in a filter never produces an empty file."""
    by_id: dict[str, Deck] = {}
    for deck in decks:
        if deck.id in by_id:
            raise ExportError(
                f"{deck.path}: deck id {deck.id!r} is also the id of {by_id[deck.id].path}; "
                "card ids would clash, so export them separately"
            )
        by_id[deck.id] = deck
    kinds, topics = set(kinds), list(topics)
    try:
        chosen = match_topics(by_id.values(), topics)
    except UnknownTopic as exc:
        raise ExportError(str(exc)) from None
    cards: list[Card] = []
    findings: list[LintFinding] = []
    for deck in by_id.values():
        generated = generate_deck(deck, seed=seed)
        findings += generated.findings
        cards += [
            card
            for card in generated.cards
            if (not kinds or card.kind in kinds)
            and (not topics or (card.deck, card.topic) in chosen)
        ]
    if not cards:
        raise ExportError("no cards match the chosen decks, kinds and topics")
    return Selection(tuple(cards), by_id, seed, tuple(findings))
