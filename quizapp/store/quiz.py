"""Quiz blocks in the progress file: the SQL behind `quizapp.quiz` (no scoring rules here).

Tables `quiz_blocks` and `quiz_items` come from migration 1 (`review_id` from 2). Every
write is its own `BEGIN IMMEDIATE` transaction, committed before the call returns, so a
block survives a crash with every answer, flag, strike-out, second and position saved so
far; submitting runs in the quiz session's transaction, together with the missed
questions' reviews.
Times are integer microseconds (see `timeutil`); `seconds` is a REAL per item.
"""

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.store.transaction import transaction

ITEM_COLUMNS = ("chosen", "struck", "flagged", "correct")


@dataclass(frozen=True)
class BlockRow:
    """One `quiz_blocks` row as stored."""

    id: int
    title: str
    mode: str
    time_limit_s: int | None
    selection: str
    seed: int | None
    position: int
    created_at: int
    started_at: int | None
    submitted_at: int | None


@dataclass(frozen=True)
class ItemRow:
    """One `quiz_items` row as stored; `item_json` is the question exactly as shown."""

    position: int
    card_id: str
    item_json: str
    chosen: str | None
    struck: str
    flagged: bool
    seconds: float
    correct: bool | None


@dataclass(frozen=True)
class QuizTopicStats:
    """How quiz answers in submitted blocks went for one topic of one deck."""

    deck: str
    topic: str
    answered: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None


_BLOCK_COLUMNS = (
    "id, title, mode, time_limit_s, selection, seed, position, created_at, started_at, submitted_at"
)


def insert_block(
    conn: sqlite3.Connection,
    *,
    title: str,
    mode: str,
    time_limit_s: int | None,
    selection: str,
    seed: int,
    created_at: int,
    items: Sequence[tuple[str, str]],
) -> int:
    """Create a block with its items ((card_id, item_json) in order) in one transaction."""
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO quiz_blocks(title, mode, time_limit_s, selection, seed, created_at, "
            "started_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (title, mode, time_limit_s, selection, seed, created_at, created_at),
        )
        block_id = cursor.lastrowid
        assert block_id is not None  # an INSERT sets it
        conn.executemany(
            "INSERT INTO quiz_items(block_id, position, card_id, item_json) VALUES (?, ?, ?, ?)",
            [(block_id, i, card_id, text) for i, (card_id, text) in enumerate(items)],
        )
    return block_id


def get_block(conn: sqlite3.Connection, block_id: int) -> tuple[BlockRow, list[ItemRow]] | None:
    """The block and its items in position order, or None when there is no such block."""
    row = conn.execute(
        f"SELECT {_BLOCK_COLUMNS} FROM quiz_blocks WHERE id = ?", (block_id,)
    ).fetchone()
    if row is None:
        return None
    items = [
        ItemRow(pos, card, text, chosen, struck, bool(flagged), seconds, _bool(correct))
        for pos, card, text, chosen, struck, flagged, seconds, correct in conn.execute(
            "SELECT position, card_id, item_json, chosen, struck, flagged, seconds, correct "
            "FROM quiz_items WHERE block_id = ? ORDER BY position",
            (block_id,),
        )
    ]
    return BlockRow(*row), items


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def save_item(
    conn: sqlite3.Connection,
    block_id: int,
    position: int,
    *,
    changes: dict[str, object] | None = None,
    add_seconds: float = 0.0,
    timed_position: int | None = None,
    new_position: int | None = None,
) -> None:
    """One committed change: item columns at `position`, seconds added to the item at
    `timed_position` (the one on screen), and the block's current position."""
    changes = changes or {}
    unknown = set(changes) - set(ITEM_COLUMNS)
    if unknown:
        raise ValueError(f"not a quiz item column: {sorted(unknown)}")
    with transaction(conn):
        if changes:
            sets = ", ".join(f"{name} = ?" for name in changes)
            conn.execute(
                f"UPDATE quiz_items SET {sets} WHERE block_id = ? AND position = ?",
                (*changes.values(), block_id, position),
            )
        if add_seconds > 0 and timed_position is not None:
            conn.execute(
                "UPDATE quiz_items SET seconds = seconds + ? WHERE block_id = ? AND position = ?",
                (add_seconds, block_id, timed_position),
            )
        if new_position is not None:
            conn.execute(
                "UPDATE quiz_blocks SET position = ? WHERE id = ?", (new_position, block_id)
            )


def submit_block(
    conn: sqlite3.Connection,
    block_id: int,
    submitted_at: int,
    correct: Sequence[bool],
    *,
    add_seconds: float = 0.0,
    timed_position: int | None = None,
) -> bool:
    """Mark the block submitted and store each item's correctness (omitted = wrong).

    Runs inside the caller's transaction (the quiz session records the missed questions in
    the same one). Returns False, changing nothing, when the block was already submitted
    (e.g. by another process): what a submission does happens once.
    """
    closed = conn.execute(
        "UPDATE quiz_blocks SET submitted_at = ? WHERE id = ? AND submitted_at IS NULL",
        (submitted_at, block_id),
    ).rowcount
    if not closed:
        return False
    if add_seconds > 0 and timed_position is not None:
        conn.execute(
            "UPDATE quiz_items SET seconds = seconds + ? WHERE block_id = ? AND position = ?",
            (add_seconds, block_id, timed_position),
        )
    conn.executemany(
        "UPDATE quiz_items SET correct = ? WHERE block_id = ? AND position = ?",
        [(int(ok), block_id, i) for i, ok in enumerate(correct)],
    )
    return True


def link_reviews(
    conn: sqlite3.Connection, block_id: int, reviews: Sequence[tuple[int, int]]
) -> None:
    """Remember, per (position, review id), the review a missed question recorded."""
    conn.executemany(
        "UPDATE quiz_items SET review_id = ? WHERE block_id = ? AND position = ?",
        [(review_id, block_id, position) for position, review_id in reviews],
    )


def live_cards(conn: sqlite3.Connection, card_ids: Sequence[str]) -> set[str]:
    """Which of `card_ids` are in the file and not retired (a miss can bring them back)."""
    marks = ", ".join("?" * len(card_ids))
    rows = conn.execute(
        f"SELECT card_id FROM cards WHERE retired = 0 AND card_id IN ({marks})", tuple(card_ids)
    )
    return {row[0] for row in rows}


def returned_misses(conn: sqlite3.Connection, block_id: int) -> tuple[int, int]:
    """(missed questions put back in study, of them on cards now suspended) for a block."""
    added, suspended = conn.execute(
        "SELECT count(*), coalesce(sum(c.suspended), 0) FROM quiz_items i "
        "JOIN review_log r ON r.id = i.review_id JOIN cards c ON c.id = r.card "
        "WHERE i.block_id = ?",
        (block_id,),
    ).fetchone()
    return added, suspended


def block_ids(conn: sqlite3.Connection, *, submitted: bool | None = None) -> list[int]:
    """Block ids, newest first; `submitted` filters finished (True) or unfinished (False)."""
    where = {
        None: "",
        True: " WHERE submitted_at IS NOT NULL",
        False: " WHERE submitted_at IS NULL",
    }
    rows = conn.execute(f"SELECT id FROM quiz_blocks{where[submitted]} ORDER BY id DESC")
    return [row[0] for row in rows]


def live_quiz_cards(conn: sqlite3.Connection) -> set[str]:
    """Card ids in the file that a new block may use: synced and not retired."""
    return {row[0] for row in conn.execute("SELECT card_id FROM cards WHERE retired = 0")}


def used_cards(conn: sqlite3.Connection) -> set[str]:
    """Cards that were ever put in a block (the complement is the 'unused' pool)."""
    return {row[0] for row in conn.execute("SELECT DISTINCT card_id FROM quiz_items")}


def incorrect_cards(conn: sqlite3.Connection) -> set[str]:
    """Cards whose latest attempt in a submitted block was wrong or omitted."""
    rows = conn.execute(
        """
        SELECT card_id FROM (
            SELECT i.card_id, i.correct,
                   row_number() OVER (PARTITION BY i.card_id
                                      ORDER BY b.submitted_at DESC, b.id DESC) AS latest
            FROM quiz_items i JOIN quiz_blocks b ON b.id = i.block_id
            WHERE b.submitted_at IS NOT NULL
        ) WHERE latest = 1 AND correct = 0
        """
    )
    return {row[0] for row in rows}


def flagged_cards(conn: sqlite3.Connection) -> set[str]:
    """Cards flagged in study, or marked in their latest quiz block."""
    rows = conn.execute(
        """
        SELECT card_id FROM cards WHERE flagged = 1
        UNION
        SELECT card_id FROM (
            SELECT i.card_id, i.flagged,
                   row_number() OVER (PARTITION BY i.card_id ORDER BY b.id DESC) AS latest
            FROM quiz_items i JOIN quiz_blocks b ON b.id = i.block_id
        ) WHERE latest = 1 AND flagged = 1
        """
    )
    return {row[0] for row in rows}


def quiz_topic_stats(conn: sqlite3.Connection, deck_id: str | None = None) -> list[QuizTopicStats]:
    """Per topic: answers and correct answers in submitted blocks (omissions not counted).

    The statistics screen shows this beside the study mastery of `collect_stats`: quiz
    accuracy is a second, exam-like measure of the same topics.
    """
    rows = conn.execute(
        """
        SELECT c.deck_id, c.topic, count(*), coalesce(sum(i.correct), 0)
        FROM quiz_items i
        JOIN quiz_blocks b ON b.id = i.block_id
        JOIN cards c ON c.card_id = i.card_id
        WHERE b.submitted_at IS NOT NULL AND i.chosen IS NOT NULL
          AND (:deck IS NULL OR c.deck_id = :deck)
        GROUP BY c.deck_id, c.topic ORDER BY c.deck_id, c.topic
        """,
        {"deck": deck_id},
    )
    return [QuizTopicStats(*row) for row in rows]


@dataclass(frozen=True)
class BlockSummaryRow:
    """A block with its counts, for the history list (one query, no item JSON parsed)."""

    id: int
    title: str
    mode: str
    created_at: int
    submitted_at: int | None
    total: int
    answered: int
    correct: int
    seconds: float


def block_summaries(conn: sqlite3.Connection) -> list[BlockSummaryRow]:
    """Every block, newest first, with its item, answer, correct and seconds totals."""
    rows = conn.execute(
        """
        SELECT b.id, b.title, b.mode, b.created_at, b.submitted_at, count(i.position),
               count(i.chosen), coalesce(sum(i.correct), 0), coalesce(sum(i.seconds), 0)
        FROM quiz_blocks b LEFT JOIN quiz_items i ON i.block_id = b.id
        GROUP BY b.id ORDER BY b.id DESC
        """
    )
    return [BlockSummaryRow(*row) for row in rows]
