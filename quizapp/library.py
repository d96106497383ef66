"""The decks a learner studies, turned into cards and kept in step with the progress file.

This is where the layers meet (deck -> generate -> store), so that the TUI and
the command line load, generate and sync the same way.
"""

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.deck.errors import Problem
from quizapp.deck.files import find_decks
from quizapp.deck.loader import check_deck, internal_problem
from quizapp.deck.model import Deck
from quizapp.generate import generate_deck, render_vignette
from quizapp.generate.card import Card
from quizapp.store.sync import CardRecord, DeckInfo, SyncResult, sync_deck


@dataclass
class Library:
    """Every loadable deck in a folder, its generated cards by id, and what failed to load."""

    decks: dict[str, Deck] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def card(self, card_id: str) -> Card | None:
        return self.cards.get(card_id)

    def render(self, card_id: str, seed: int) -> Card | None:
        """The card as shown now: a vignette is rendered afresh with `seed`, others as they are."""
        card = self.cards.get(card_id)
        if card is None or card.kind != "vignette":
            return card
        return render_vignette(self.decks[card.deck], card, seed)

    def topic_title(self, topic_id: str) -> str:
        """A topic's title as its deck names it (cards and scores carry only the id)."""
        for deck in self.decks.values():
            if topic_id in deck.topics:
                return deck.topics[topic_id].title
        return topic_id or "(no topic)"

    def cards_of(self, deck_id: str) -> list[Card]:
        return [c for c in self.cards.values() if c.deck == deck_id]


def load_library(decks_dir: Path) -> Library:
    """Load every deck under `decks_dir`; a broken deck is reported, the others still load."""
    library = Library()
    for root in find_decks([decks_dir]) if decks_dir.is_dir() else []:
        result = check_deck(root)
        library.problems.extend(p for p in result.problems if p.severity == "error")
        if result.deck is None:
            continue
        if result.deck.id in library.decks:
            library.problems.append(
                Problem(result.deck.loc, "error", f"deck id {result.deck.id!r} is used twice")
            )
            continue
        try:
            cards = generate_deck(result.deck).cards
        except Exception as exc:  # one deck's failure never takes the others (or the app) down
            library.problems.append(internal_problem(root, "generating cards from", exc))
            continue
        library.decks[result.deck.id] = result.deck
        for card in cards:
            library.cards[card.id] = card
    return library


def card_record(card: Card) -> CardRecord:
    """What the progress file keeps of a card: ids and metadata, not its text."""
    return CardRecord(
        card.id, card.deck, card.kind, card.topic, card.content_hash(), card.sibling_key
    )


def study_order(cards: list[Card]) -> list[Card]:
    """New cards are introduced in this order: mixed across kinds and topics, yet stable.

    Generators emit cards grouped by kind, so deck order would open with twenty
    cards of one kind; ordering by a hash of the stable id mixes them the same
    way on every machine and every sync.
    """
    return sorted(cards, key=lambda c: hashlib.sha1(c.id.encode()).digest())


def deck_records(library: Library, deck_id: str) -> tuple[DeckInfo, list[CardRecord]]:
    """What syncing one deck writes: its info and its cards in study order."""
    deck = library.decks[deck_id]
    info = DeckInfo(deck_id, deck.title, deck.version)
    return info, [card_record(c) for c in study_order(library.cards_of(deck_id))]


def sync_library(conn: sqlite3.Connection, library: Library) -> dict[str, SyncResult]:
    """Insert new cards, update changed ones, retire removed ones: deck by deck."""
    return {deck_id: sync_deck(conn, *deck_records(library, deck_id)) for deck_id in library.decks}
