"""An Anki history written into the progress file, in one transaction.

A matched card the progress file does not have yet (the student studied its deck only in
Anki) needs its row first: its deck is synced from the library, as the app does when it
starts, inside the same transaction as the answers. A failure part-way (a full disk, a
kill) leaves the file as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from quizapp.importing.anki import AnkiHistory
from quizapp.library import Library, deck_records
from quizapp.srs.config import load_config
from quizapp.srs.history import add_answers, count_new
from quizapp.store.sync import sync_deck_in
from quizapp.store.transaction import transaction


@dataclass(frozen=True)
class ImportResult:
    """What an import changed (or, for a dry run, would change)."""

    added: int  # answers added to the review log
    present: int  # answers the log already had
    cards: int  # cards whose schedule was replayed
    decks: tuple[str, ...]  # decks first synced into the file for their cards


def card_rowids(conn: sqlite3.Connection | None, card_ids: Iterable[str]) -> dict[str, int]:
    """The internal ids of those cards the file has."""
    found: dict[str, int] = {}
    if conn is None:
        return found
    wanted = list(card_ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = conn.execute(f"SELECT card_id, id FROM cards WHERE card_id IN ({marks})", chunk)
        found.update(rows)
    return found


def _decks_to_sync(library: Library, history: AnkiHistory, rowids: dict[str, int]) -> list[str]:
    """Decks whose matched cards the file lacks (a card known only from the file has a row)."""
    return sorted({library.cards[c].deck for c in history.answers if c not in rowids})


def preview(
    conn: sqlite3.Connection | None, library: Library, history: AnkiHistory
) -> ImportResult:
    """What `import_history` would do; `conn` is None when there is no progress file yet."""
    rowids = card_rowids(conn, history.answers)
    counted = count_new(conn, [(rowids.get(c), a) for c, a in history.answers.items()])
    return ImportResult(
        counted.added,
        counted.present,
        counted.cards,
        tuple(_decks_to_sync(library, history, rowids)),
    )


def import_history(
    conn: sqlite3.Connection,
    library: Library,
    history: AnkiHistory,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Add the history's answers to the file and replay the cards they touch."""
    config = load_config(conn)
    with transaction(conn):
        rowids = card_rowids(conn, history.answers)
        decks = _decks_to_sync(library, history, rowids)
        if decks:
            for deck_id in decks:
                sync_deck_in(
                    conn, *deck_records(library, deck_id), source=library.sources.get(deck_id)
                )
            rowids = card_rowids(conn, history.answers)
        answers = {rowids[c]: given for c, given in history.answers.items()}
        result = add_answers(conn, config, answers, progress)
    return ImportResult(result.added, result.present, result.cards, tuple(decks))
