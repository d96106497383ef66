"""Helpers for scheduling tests: cards synced into a real file, and when the tests start."""

import sqlite3
from datetime import UTC, datetime

from quizapp.store.sync import CardRecord, DeckInfo, sync_deck

START = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # 11:00 in Berlin, mid study day


def add_cards(
    conn: sqlite3.Connection, n: int, *, deck: str = "iim", per_sibling: int = 1
) -> list[str]:
    """`n` cards in one deck; `per_sibling` cards share each sibling key."""
    records = [
        CardRecord(
            f"{deck}:{i:04d}", deck, "basic", f"topic{i % 3}", f"h{i}", f"e{i // per_sibling}"
        )
        for i in range(n)
    ]
    sync_deck(conn, DeckInfo(deck, deck.upper(), "1"), records, START)
    return [r.card_id for r in records]
