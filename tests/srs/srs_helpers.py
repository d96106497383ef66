"""Helpers for scheduling tests: a clock we move, and cards synced into a real file."""

import sqlite3
from datetime import UTC, datetime, timedelta

from quizapp.store.sync import CardRecord, DeckInfo, sync_deck

START = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # 11:00 in Berlin, mid study day


class Clock:
    """A settable clock for StudySession."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


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
