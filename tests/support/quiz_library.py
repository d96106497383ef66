"""A small hand-made library for quiz engine tests: fast, and every key and topic is known."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from quizapp.deck.errors import Location
from quizapp.generate.card import Card, Option
from quizapp.library import Library, card_record
from quizapp.store.sync import DeckInfo, sync_deck

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TOPICS = ("antibodies", "biopsy", "treatment")
LABELS = "ABCDE"


def make_card(i: int, *, deck: str = "iim", kind: str = "mcq", seed: int | None = None) -> Card:
    """Question i: key at label i % 5, topic i % 3; a vignette's text shows its seed."""
    key = i % 5
    suffix = f" (case {seed})" if kind == "vignette" else ""
    return Card(
        id=f"{deck}:{kind}:{i:03d}",
        deck=deck,
        kind=kind,
        topic=TOPICS[i % 3],
        prompt=f"Question {i}{suffix}: which is it?",
        answer=f"answer {i}",
        sources=(),
        tests=(f"t{i}",),
        loc=Location("deck.yaml", i + 1, 1),
        options=tuple(
            Option(
                label,
                f"option {label} of {i}{suffix}",
                j == key,
                f"{'Right' if j == key else 'Wrong'}: because {label}.",
            )
            for j, label in enumerate(LABELS)
        ),
        seed=seed if kind == "vignette" else None,
    )


class FakeLibrary(Library):
    """A Library whose vignettes re-render by putting the seed into their text."""

    def render(self, card_id: str, seed: int) -> Card | None:
        card = self.cards.get(card_id)
        if card is None or card.kind != "vignette":
            return card
        return make_card(int(card_id.rsplit(":", 1)[1]), deck=card.deck, kind="vignette", seed=seed)


def make_library(n_mcq: int = 30, n_vignette: int = 6, deck: str = "iim") -> FakeLibrary:
    library = FakeLibrary()
    cards = [make_card(i, deck=deck) for i in range(n_mcq)]
    cards += [make_card(100 + i, deck=deck, kind="vignette", seed=0) for i in range(n_vignette)]
    basic = Card(
        f"{deck}:basic:1", deck, "basic", "antibodies", "Q?", "A", (), ("x",), Location("d", 1, 1)
    )
    library.cards = {c.id: c for c in [*cards, basic]}
    return library


def sync(conn: sqlite3.Connection, library: Library) -> None:
    decks = sorted({c.deck for c in library.cards.values()})
    for deck in decks:
        records = [card_record(c) for c in library.cards.values() if c.deck == deck]
        sync_deck(conn, DeckInfo(deck, deck.upper(), "1"), records, START)
