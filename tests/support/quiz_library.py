"""The quiz tests' library: the real small deck (tests/generate/data/small.yaml: 48 MCQs
and 30 vignettes in topics `dx` and `tx`), generated once and handed to each test as its
own copy, since a test may reword its cards."""

from __future__ import annotations

import functools
import sqlite3
from datetime import UTC, datetime

from quizapp.generate.card import Card
from quizapp.library import Library, card_record, load_library
from quizapp.store.sync import DeckInfo, sync_deck
from tests.support.decks import SMALL_ONLY

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@functools.cache
def _generated() -> Library:
    return load_library(SMALL_ONLY)


def small_library() -> Library:
    """A copy of the small deck's library: the same deck model, its own card dict."""
    library = _generated()
    return Library(decks=dict(library.decks), cards=dict(library.cards))


def questions(library: Library, topic: str | None = None) -> list[Card]:
    """The cards a quiz draws from (MCQs and vignettes), of one topic if given."""
    return [
        c
        for c in library.cards.values()
        if c.kind in ("mcq", "vignette") and topic in (None, c.topic)
    ]


def sync(conn: sqlite3.Connection, library: Library) -> None:
    """Every deck's cards into the progress file, stamped START."""
    for deck_id, deck in library.decks.items():
        records = [card_record(c) for c in library.cards.values() if c.deck == deck_id]
        sync_deck(conn, DeckInfo(deck_id, deck.title, deck.version), records, START)
