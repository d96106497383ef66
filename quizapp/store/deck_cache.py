"""What the progress file remembers of each deck's last sync, so an unchanged deck is not
loaded, generated or synced again: the files it came from with their hash, a header for
screens (title, topics, sources), and each card as generated (its payload).

The store keeps these as opaque text; the library decides what they mean.
"""

import json
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class DeckSource:
    """Where a deck's rows were last synced from."""

    deck_id: str
    root: str  # the deck's root file, resolved
    files: tuple[str, ...]  # its files, root first, then those of the decks it refers to
    source_hash: str
    header: str  # JSON, written and read by the library


def read_sources(conn: sqlite3.Connection) -> dict[str, DeckSource]:
    """Every deck's source, by root file; an unreadable entry is left out (a cache miss)."""
    sources = {}
    rows = conn.execute("SELECT deck_id, root, files, source_hash, header FROM deck_sources")
    for deck_id, root, files, source_hash, header in rows:
        try:
            paths = json.loads(files)
        except (TypeError, ValueError):
            continue
        if isinstance(paths, list) and paths and all(isinstance(p, str) for p in paths):
            sources[root] = DeckSource(deck_id, root, tuple(paths), source_hash, header)
    return sources


def write_source(conn: sqlite3.Connection, source: DeckSource) -> None:
    """Record a deck's source; call inside the transaction that synced its cards."""
    conn.execute(
        "INSERT OR REPLACE INTO deck_sources(deck_id, root, files, source_hash, header) "
        "VALUES (?, ?, ?, ?, ?)",
        (source.deck_id, source.root, json.dumps(source.files), source.source_hash, source.header),
    )


def forget_source(conn: sqlite3.Connection, deck_id: str) -> None:
    """Make the next start load the deck in full (its cached cards turned out damaged)."""
    conn.execute("DELETE FROM deck_sources WHERE deck_id = ?", (deck_id,))


def read_payload(conn: sqlite3.Connection, card_id: str) -> tuple[str, str] | None:
    """(deck id, payload) of one card as generated at its last sync, or None."""
    row: tuple[str, str] | None = conn.execute(
        "SELECT c.deck_id, p.payload FROM cards c JOIN card_payloads p ON p.id = c.id "
        "WHERE c.card_id = ? AND c.retired = 0",
        (card_id,),
    ).fetchone()
    return row


def read_payloads(conn: sqlite3.Connection, deck_id: str) -> list[str]:
    """The payloads of a deck's live cards, in the order they were added."""
    rows = conn.execute(
        "SELECT p.payload FROM cards c JOIN card_payloads p ON p.id = c.id "
        "WHERE c.deck_id = ? AND c.retired = 0 ORDER BY c.id",
        (deck_id,),
    )
    return [payload for (payload,) in rows]
