"""The queries behind the study queue, built once per set of decks.

Each "first card" query walks the partial index `cards_queue (state, due, buried_day)` in
order (a new card's `due` is its position, so new cards come in deck order) and
stops at the first match, so it stays fast however many cards are due. The WHERE clauses
repeat the index's condition (`retired = 0 AND suspended = 0`) so SQLite can use it.
"""

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.store.cards import CARD_COLUMNS, CardRow

_SHOWABLE = "retired = 0 AND suspended = 0"


@dataclass(frozen=True)
class StudyScope:
    """Custom study: only these topics ((deck id, topic id) pairs), kinds, or flagged cards;
    an empty field does not restrict."""

    topics: tuple[tuple[str, str], ...] = ()
    kinds: tuple[str, ...] = ()
    flagged: bool = False

    def sql(self) -> tuple[str, tuple[str, ...]]:
        """The WHERE clause (starting with AND, or empty) and its parameters."""
        clauses, params = [], []
        if self.topics:
            clauses.append(
                f"(deck_id, topic) IN (VALUES {', '.join(['(?, ?)'] * len(self.topics))})"
            )
            params += [part for pair in self.topics for part in pair]
        if self.kinds:
            clauses.append(f"kind IN ({', '.join('?' * len(self.kinds))})")
            params += self.kinds
        if self.flagged:
            clauses.append("flagged = 1")
        return "".join(f" AND {clause}" for clause in clauses), tuple(params)


class QueueQueries:
    """Prepared SQL for one selection of decks (None: every deck), within a custom study
    scope if given. The daily limits count every answer in the decks, scope or not."""

    def __init__(self, deck_ids: Sequence[str] | None, scope: StudyScope | None = None) -> None:
        self._log_params: tuple[str, ...] = tuple(deck_ids) if deck_ids is not None else ()
        if deck_ids is None:
            decks = ""
        else:
            marks = ", ".join("?" * len(self._log_params)) or "NULL"
            decks = f" AND deck_id IN ({marks})"
        # Answers per deck on a day, from the day's few rows of `topic_days`.
        self._done = (
            "SELECT deck_id, sum(new_answers), sum(review_answers) FROM topic_days "
            f"WHERE day = ?{decks} GROUP BY deck_id"
        )
        scoped, scope_params = (scope or StudyScope()).sql()
        decks += scoped
        self._deck_params = self._log_params + scope_params
        select = f"SELECT {', '.join(CARD_COLUMNS)} FROM cards WHERE {_SHOWABLE}{decks}"
        count = f"SELECT count(*) FROM (SELECT 1 FROM cards WHERE {_SHOWABLE}{decks}"
        # Two index ranges (learning, relearning), each in due order: SQLite merges them and
        # stops at the first card, where `state IN (1, 3)` would sort every due card first.
        self._learning = (
            " UNION ALL ".join(
                f"{select} AND state = {state} AND due <= ? AND buried_day < ?" for state in (1, 3)
            )
            + " ORDER BY due LIMIT 1"
        )
        self._review = f"{select} AND state = 2 AND due < ? AND buried_day < ? ORDER BY due LIMIT 1"
        self._new = f"{select} AND state = 0 AND buried_day < ? ORDER BY due LIMIT 1"
        self._count_learning = f"{count} AND state IN (1, 3) AND due < ? AND buried_day < ?)"
        self._count_review = f"{count} AND state = 2 AND due < ? AND buried_day < ? LIMIT ?)"
        self._count_new = f"{count} AND state = 0 AND buried_day < ? LIMIT ?)"

    def first_learning(self, conn: sqlite3.Connection, due_by: int, today: int) -> CardRow | None:
        """The learning or relearning card due soonest, if due by `due_by`, not buried today."""
        params = (*self._deck_params, due_by, today) * 2
        return _one(conn.execute(self._learning, params).fetchone())

    def first_review(
        self, conn: sqlite3.Connection, due_before: int, today: int, skip: Sequence[str] = ()
    ) -> CardRow | None:
        """The most overdue review card due before `due_before`, not buried today, of a
        deck not in `skip` (decks whose own daily limit is reached)."""
        params = (*self._deck_params, *skip, due_before, today)
        return _one(conn.execute(_skipping(self._review, skip), params).fetchone())

    def first_new(
        self, conn: sqlite3.Connection, today: int, skip: Sequence[str] = ()
    ) -> CardRow | None:
        """The next new card in deck order (insertion order), not buried today, of a deck
        not in `skip`."""
        params = (*self._deck_params, *skip, today)
        return _one(conn.execute(_skipping(self._new, skip), params).fetchone())

    def count_learning(self, conn: sqlite3.Connection, due_before: int, today: int) -> int:
        """Learning and relearning cards due before `due_before`, not buried today."""
        params = (*self._deck_params, due_before, today)
        count: int = conn.execute(self._count_learning, params).fetchone()[0]
        return count

    def count_review(
        self,
        conn: sqlite3.Connection,
        due_before: int,
        today: int,
        cap: int,
        skip: Sequence[str] = (),
    ) -> int:
        """Review cards due, counted up to `cap` (the day's limit) so the count stays cheap;
        decks in `skip` left out."""
        params = (*self._deck_params, *skip, due_before, today, cap)
        count: int = conn.execute(_skipping(self._count_review, skip), params).fetchone()[0]
        return count

    def count_new(
        self, conn: sqlite3.Connection, today: int, cap: int, skip: Sequence[str] = ()
    ) -> int:
        """New cards available, counted up to `cap`; decks in `skip` left out."""
        params = (*self._deck_params, *skip, today, cap)
        count: int = conn.execute(_skipping(self._count_new, skip), params).fetchone()[0]
        return count

    def done_today(self, conn: sqlite3.Connection, day: int) -> tuple[int, int]:
        """Answers given on `day` to (new cards, review cards): what the daily limits count."""
        by_deck = self.done_today_by_deck(conn, day).values()
        return sum(new for new, _ in by_deck), sum(review for _, review in by_deck)

    def done_today_by_deck(self, conn: sqlite3.Connection, day: int) -> dict[str, tuple[int, int]]:
        """`done_today` for each deck of the selection that has answers on `day`."""
        rows = conn.execute(self._done, (day, *self._log_params))
        return {deck_id: (new, review) for deck_id, new, review in rows}


def _skipping(sql: str, skip: Sequence[str]) -> str:
    """`sql` without the decks in `skip`: the condition goes before the state term, where
    the deck and scope conditions end, so the parameters stay in order."""
    if not skip:
        return sql
    head, state, tail = sql.partition(" AND state ")
    return f"{head} AND deck_id NOT IN ({', '.join('?' * len(skip))}){state}{tail}"


def _one(row: tuple[Any, ...] | None) -> CardRow | None:
    return None if row is None else CardRow(*row)
