"""The queries behind the workload forecast: the cards' memory now, and how the learner answers."""

import sqlite3
from dataclasses import dataclass

from quizapp.store.stats import live_cards


def forecast_cards(
    conn: sqlite3.Connection, deck_id: str | None = None
) -> tuple[list[tuple[int, float, float, int, int, str]], int]:
    """([(state, stability, difficulty, last answer, due, deck), ...] of answered cards,
    new cards).

    Live, unsuspended cards only; times in UTC microseconds.
    """
    live = live_cards(deck_id)
    rows = conn.execute(
        f"""
        SELECT c.state, c.stability, c.difficulty, c.last_review, c.due, c.deck_id FROM cards c
        WHERE {live} AND c.suspended = 0 AND c.state != 0 AND c.stability IS NOT NULL
        """,
        {"deck": deck_id},
    ).fetchall()
    return rows, new_cards(conn, deck_id)


def new_cards_by_deck(conn: sqlite3.Connection, deck_id: str | None = None) -> dict[str, int]:
    """`new_cards` of each deck, in the order study takes them (a new card's due is its
    place in the queue)."""
    rows = conn.execute(
        f"SELECT c.deck_id, count(*) FROM cards c WHERE {live_cards(deck_id)} "
        "AND c.suspended = 0 AND c.state = 0 GROUP BY c.deck_id ORDER BY min(c.due)",
        {"deck": deck_id},
    )
    return dict(rows.fetchall())


def new_cards(conn: sqlite3.Connection, deck_id: str | None = None) -> int:
    """Live, unsuspended cards never answered (buried ones included: they wait a day)."""
    count: int = conn.execute(
        f"SELECT count(*) FROM cards c WHERE {live_cards(deck_id)} AND c.suspended = 0 "
        "AND c.state = 0",
        {"deck": deck_id},
    ).fetchone()[0]
    return count


@dataclass(frozen=True)
class AnswerCounts:
    """Ratings by count, and mean seconds an answer, from the whole log."""

    first: dict[int, int]  # rating -> answers to new cards
    review: dict[int, int]  # rating -> answers to review cards
    review_seconds: float | None  # mean over answers to review cards
    learning_seconds: float | None  # mean over the other answers


def answer_counts(conn: sqlite3.Connection) -> AnswerCounts:
    """How the learner has answered so far (one pass over the log's day index)."""
    first: dict[int, int] = {}
    review: dict[int, int] = {}
    time = {True: [0, 0], False: [0, 0]}  # is a review answer -> [milliseconds, answers]
    rows = conn.execute(
        "SELECT state_before, rating, count(*), sum(duration_ms), count(duration_ms) "
        "FROM review_log GROUP BY state_before, rating"
    )
    for state, rating, count, milliseconds, timed in rows:
        if state == 0:
            first[rating] = count
        elif state == 2:
            review[rating] = count
        time[state == 2][0] += milliseconds or 0
        time[state == 2][1] += timed

    def mean(key: bool) -> float | None:
        milliseconds, timed = time[key]
        return milliseconds / timed / 1000 if timed else None

    return AnswerCounts(first, review, mean(True), mean(False))
