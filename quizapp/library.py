"""The decks a learner studies, turned into cards and kept in step with the progress file.

This is where the layers meet (deck -> generate -> store), so that the TUI and
the command line load, generate and sync the same way.
"""

import hashlib
import sqlite3
from collections.abc import Iterator
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

    def topic_title(self, deck_id: str, topic_id: str) -> str:
        """A topic's title as its deck names it (cards and scores carry only ids; a topic id
        is the deck's own, so two decks may both have a `treatment`)."""
        deck = self.decks.get(deck_id)
        topic = deck.topics.get(topic_id) if deck is not None else None
        if topic is not None:
            return topic.title
        return topic_id or "(no topic)"  # a deck no longer in the folder: its id is all we have

    def topic_label(self, deck_id: str, topic_id: str) -> str:
        """The topic's title, with its deck's title when another deck has a topic of the
        same title (so the two never read as one)."""
        title = self.topic_title(deck_id, topic_id)
        clash = any(
            other_id != deck_id and any(t.title == title for t in other.topics.values())
            for other_id, other in self.decks.items()
        )
        deck = self.decks.get(deck_id)
        return f"{title} ({deck.title})" if clash and deck is not None else title

    def cards_of(self, deck_id: str) -> list[Card]:
        return [c for c in self.cards.values() if c.deck == deck_id]


def _checked_decks(decks_dir: Path, problems: list[Problem]) -> Iterator[tuple[Path, Deck]]:
    """Every deck under `decks_dir` that loads, with its folder; the others' errors go to
    `problems`, and a deck id seen before is a problem, not a second deck."""
    seen: set[str] = set()
    for root in find_decks([decks_dir]) if decks_dir.is_dir() else []:
        result = check_deck(root)
        problems.extend(p for p in result.problems if p.severity == "error")
        if result.deck is None:
            continue
        if result.deck.id in seen:
            problems.append(
                Problem(result.deck.loc, "error", f"deck id {result.deck.id!r} is used twice")
            )
            continue
        seen.add(result.deck.id)
        yield root, result.deck


def load_library(decks_dir: Path) -> Library:
    """Load every deck under `decks_dir`; a broken deck is reported, the others still load."""
    library = Library()
    for root, deck in _checked_decks(decks_dir, library.problems):
        try:
            cards = generate_deck(deck).cards
        except Exception as exc:  # one deck's failure never takes the others (or the app) down
            library.problems.append(internal_problem(root, "generating cards from", exc))
            continue
        library.decks[deck.id] = deck
        for card in cards:
            library.cards[card.id] = card
    return library


def load_titles(decks_dir: Path) -> Library:
    """The decks under `decks_dir` without their cards: enough to name decks and topics
    (for the command line, which shows titles, never ids), and quicker than generating."""
    library = Library()
    library.decks = {deck.id: deck for _, deck in _checked_decks(decks_dir, library.problems)}
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


def sync_library(conn: sqlite3.Connection, library: Library) -> dict[str, SyncResult]:
    """Insert new cards, update changed ones, retire removed ones: deck by deck."""
    results = {}
    for deck_id, deck in library.decks.items():
        info = DeckInfo(deck_id, deck.title, deck.version)
        records = [card_record(c) for c in study_order(library.cards_of(deck_id))]
        results[deck_id] = sync_deck(conn, info, records)
    return results
