"""Deck sync: make the file's cards match what the generator produced for one deck.

New ids are inserted, changed ones updated (metadata only: scheduling stays, since an id
means "the same fact"), missing ones retired, returning ones unretired. Nothing is
deleted, so review history always has its card.
"""

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from quizapp.store.deck_cache import DeckSource, forget_source, write_source
from quizapp.store.timeutil import to_micros
from quizapp.store.transaction import transaction

T = TypeVar("T")


@dataclass(frozen=True)
class DeckInfo:
    """What the file keeps about a deck."""

    deck_id: str
    title: str
    version: str


@dataclass(frozen=True)
class CardRecord:
    """One generated card as the store sees it.

    `sibling_key` names the entity or relation the card tests; cards that share it are
    siblings and are buried for the day once one of them is answered.
    """

    card_id: str
    deck_id: str
    kind: str
    topic: str
    content_hash: str
    sibling_key: str
    payload: str | None = None  # the card as generated, shown without generating it again


@dataclass(frozen=True)
class SyncResult:
    """How many cards each kind of change touched."""

    added: int
    updated: int
    retired: int
    unretired: int


_FIELDS = ("deck_id", "kind", "topic", "content_hash", "sibling_key")


def spread_by_kind(rows: list[T], key: Callable[[T], str]) -> list[T]:
    """`rows` reordered so that each kind is spread evenly through them, each kind's own
    order kept. Generation lists the kinds one after another, every vignette last: in
    that order a learner taking 20 new cards a day would meet no case for weeks."""
    by_kind: dict[str, list[T]] = {}
    for row in rows:
        by_kind.setdefault(key(row), []).append(row)
    placed = [
        ((index + 0.5) / len(group), rank, index)
        for rank, group in enumerate(by_kind.values())
        for index in range(len(group))
    ]
    groups = list(by_kind.values())
    return [groups[rank][index] for _, rank, index in sorted(placed)]


def sync_deck(
    conn: sqlite3.Connection,
    deck: DeckInfo,
    records: Iterable[CardRecord],
    now: datetime | None = None,
    source: DeckSource | None = None,
) -> SyncResult:
    """Apply one deck's generated cards to the file in a single transaction.

    Only rows that change are written. `now` stamps the rows (default: the current
    time); tests pass a fixed one. `source`, recorded in the same transaction, lets the
    next start skip an unchanged deck; without one, the next start loads the deck.
    """
    with transaction(conn):
        return sync_deck_in(conn, deck, records, now, source)


def sync_deck_in(
    conn: sqlite3.Connection,
    deck: DeckInfo,
    records: Iterable[CardRecord],
    now: datetime | None = None,
    source: DeckSource | None = None,
) -> SyncResult:
    """`sync_deck` inside the caller's transaction (an import adds a deck's cards and
    their answers in one)."""
    records = list(records)
    wanted = {record.card_id: record for record in records}
    if len(wanted) != len(records):
        raise ValueError(f"deck {deck.deck_id}: duplicate card ids in the generated cards")
    stamp = to_micros(now if now is not None else datetime.now(UTC))
    conn.execute(
        "INSERT INTO decks(deck_id, title, version, synced_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(deck_id) DO UPDATE SET title = excluded.title, "
        "version = excluded.version, synced_at = excluded.synced_at",
        (deck.deck_id, deck.title, deck.version, stamp),
    )
    existing = _existing(conn, deck.deck_id, list(wanted))
    added, changed, unretired, payloads = [], [], [], []
    for card_id, record in wanted.items():
        row = existing.get(card_id)
        values = tuple(getattr(record, name) for name in _FIELDS)
        if record.payload is not None and (row is None or row[-1] != record.payload):
            payloads.append((record.payload, card_id))
        if row is None:
            added.append((card_id, *values, stamp, stamp))
            continue
        fields, retired_now = row[:-2], row[-2]
        if fields != values or retired_now:
            changed.append((*values, stamp, card_id))
        if retired_now:
            unretired.append(card_id)
    retired = [
        (stamp, stamp, card_id)
        for card_id, row in existing.items()
        if card_id not in wanted and not row[-2]
    ]
    last_id = conn.execute("SELECT coalesce(max(id), 0) FROM cards").fetchone()[0]
    kind_at = 1 + _FIELDS.index("kind")  # after the card id
    new_rows: list[tuple[Any, ...]] = spread_by_kind(added, key=lambda row: str(row[kind_at]))
    conn.executemany(
        "INSERT INTO cards(card_id, deck_id, kind, topic, content_hash, sibling_key, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        new_rows,
    )
    # New cards queue in the order they were inserted: their position is their id.
    conn.execute("UPDATE cards SET due = id WHERE id > ? AND state = 0", (last_id,))
    conn.executemany(
        "INSERT OR REPLACE INTO card_payloads(id, payload) "
        "SELECT id, ? FROM cards WHERE card_id = ?",
        payloads,
    )
    conn.executemany(
        "UPDATE cards SET deck_id = ?, kind = ?, topic = ?, content_hash = ?, "
        "sibling_key = ?, updated_at = ?, retired = 0, retired_at = NULL "
        "WHERE card_id = ?",
        changed,
    )
    conn.executemany(
        "UPDATE cards SET retired = 1, retired_at = ?, updated_at = ? WHERE card_id = ?",
        retired,
    )
    if source is not None:
        write_source(conn, source)
    else:  # an older source no longer says what the rows hold: load the deck in full next
        forget_source(conn, deck.deck_id)
    return SyncResult(
        added=len(added),
        updated=len(changed) - len(unretired),
        retired=len(retired),
        unretired=len(unretired),
    )


def _existing(
    conn: sqlite3.Connection, deck_id: str, card_ids: list[str]
) -> dict[str, tuple[Any, ...]]:
    """The deck's cards, plus any wanted id filed under another deck (a moved card):
    their metadata, whether retired, and their payload."""
    columns = ", ".join(f"c.{name}" for name in _FIELDS)
    select = (
        f"SELECT c.card_id, {columns}, c.retired, p.payload FROM cards c "
        "LEFT JOIN card_payloads p ON p.id = c.id"
    )
    rows = {row[0]: row[1:] for row in conn.execute(f"{select} WHERE c.deck_id = ?", (deck_id,))}
    elsewhere = [card_id for card_id in card_ids if card_id not in rows]
    for start in range(0, len(elsewhere), 500):
        chunk = elsewhere[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in conn.execute(f"{select} WHERE c.card_id IN ({marks})", chunk):
            rows[row[0]] = row[1:]
    return rows


def list_decks(conn: sqlite3.Connection) -> list[DeckInfo]:
    """The decks ever synced into the file, by id."""
    rows = conn.execute("SELECT deck_id, title, version FROM decks ORDER BY deck_id")
    return [DeckInfo(*row) for row in rows]
