"""The queries behind recomputing memory states: the review log card by card, and writes.

The caller holds one write transaction around all of it (`quizapp.srs.recompute`).
"""

import sqlite3
from collections.abc import Iterator
from itertools import groupby

# Answers given since the card's last reset (Anki's "Reset"/"Forget"): the ones before are
# history, not the memory of the card as it is now.
_SINCE_RESET = (
    "FROM review_log r JOIN cards c ON c.id = r.card "
    "WHERE c.reset_at IS NULL OR r.reviewed_at > c.reset_at"
)


def answered_cards(conn: sqlite3.Connection) -> int:
    """How many cards have an answer since their last reset (the progress bar's total)."""
    count: int = conn.execute(f"SELECT count(DISTINCT r.card) {_SINCE_RESET}").fetchone()[0]
    return count


def answers_by_card(
    conn: sqlite3.Connection,
) -> Iterator[tuple[int, list[tuple[int, int, int | None]]]]:
    """(card id, [(reviewed_at, rating, duration_ms), ...]) in answer order, card by card,
    answers before a card's last reset left out.

    One pass over the `review_log_card` index, streamed: a 800,000-answer log is never
    held in memory at once.
    """
    rows = conn.execute(
        f"SELECT r.card, r.reviewed_at, r.rating, r.duration_ms {_SINCE_RESET} "
        "ORDER BY r.card, r.reviewed_at, r.id"
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


def stored_memory(conn: sqlite3.Connection, card: int) -> tuple[str | None, int, str]:
    """The card's fsrs JSON and due time as stored, and its deck."""
    row: tuple[str | None, int, str] = conn.execute(
        "SELECT fsrs, due, deck_id FROM cards WHERE id = ?", (card,)
    ).fetchone()
    return row


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


def days_and_ratings_by_card(
    conn: sqlite3.Connection,
) -> Iterator[tuple[int, list[tuple[int, int, int]]]]:
    """(card id, [(reviewed_at, study day, rating), ...]) in answer order, card by card.

    The study day is the one logged with the answer (the learner's day then), so a later
    change of time zone or day start cannot move old answers. Answers before a card's last
    reset are left out, as Anki leaves them out of fitting: the card started again.
    """
    rows = conn.execute(
        f"SELECT r.card, r.reviewed_at, r.day, r.rating {_SINCE_RESET} "
        "ORDER BY r.card, r.reviewed_at, r.id"
    )
    for card, answers in groupby(rows, key=lambda row: row[0]):
        yield card, [(at, day, rating) for _, at, day, rating in answers]


def review_answers(conn: sqlite3.Connection) -> int:
    """How many logged answers were to cards in the Review state (fsrs's long-term reviews)."""
    count: int = conn.execute("SELECT count(*) FROM review_log WHERE state_before = 2").fetchone()[
        0
    ]
    return count
