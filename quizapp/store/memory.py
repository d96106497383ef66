"""The queries behind recomputing memory states: the review log card by card, and writes.

The caller holds one write transaction around all of it (`quizapp.srs.recompute`).
"""

import sqlite3
from collections.abc import Iterator
from itertools import groupby


def answered_cards(conn: sqlite3.Connection) -> int:
    """How many cards have at least one logged answer (the progress bar's total)."""
    return conn.execute("SELECT count(DISTINCT card) FROM review_log").fetchone()[0]


def answers_by_card(
    conn: sqlite3.Connection,
) -> Iterator[tuple[int, list[tuple[int, int, int | None]]]]:
    """(card id, [(reviewed_at, rating, duration_ms), ...]) in answer order, card by card.

    One pass over the `review_log_card` index, streamed: a 800,000-answer log is never
    held in memory at once.
    """
    rows = conn.execute(
        "SELECT card, reviewed_at, rating, duration_ms FROM review_log "
        "ORDER BY card, reviewed_at, id"
    )
    for card, answers in groupby(rows, key=lambda row: row[0]):
        yield card, [(at, rating, duration) for _, at, rating, duration in answers]


def card_answers(conn: sqlite3.Connection, card: int) -> list[tuple[int, int, int | None]]:
    """One card's (reviewed_at, rating, duration_ms) in answer order, as `answers_by_card`
    gives them."""
    return conn.execute(
        "SELECT reviewed_at, rating, duration_ms FROM review_log WHERE card = ? "
        "ORDER BY reviewed_at, id",
        (card,),
    ).fetchall()


def stored_memory(conn: sqlite3.Connection, card: int) -> tuple[str | None, int]:
    """The card's fsrs JSON and due time as stored."""
    return conn.execute("SELECT fsrs, due FROM cards WHERE id = ?", (card,)).fetchone()


def write_memory(
    conn: sqlite3.Connection,
    card: int,
    *,
    fsrs: str,
    stability: float | None,
    difficulty: float | None,
    due: int,
) -> None:
    """Store a recomputed memory state (and due time) for one card."""
    conn.execute(
        "UPDATE cards SET fsrs = ?, stability = ?, difficulty = ?, due = ? WHERE id = ?",
        (fsrs, stability, difficulty, due, card),
    )
