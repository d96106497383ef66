"""Reading and writing one card's scheduling row and its review log: the answer path.

Every statement here touches rows by primary key or a narrow index, so an answer costs the
same on a file of 100 cards or 100,000.
"""

import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

# The columns an answer may change; undo writes them all back as they were.
SCHEDULE_COLUMNS = (
    "state",
    "due",
    "last_review",
    "stability",
    "difficulty",
    "fsrs",
    "reps",
    "lapses",
    "leech",
    "suspended",
    "flagged",
    "buried_day",
)
_UNDO_COLUMNS = tuple(name for name in SCHEDULE_COLUMNS if name != "fsrs")
CARD_COLUMNS = ("id", "card_id", "deck_id", "kind", "topic", "sibling_key", *SCHEDULE_COLUMNS)
_SELECT = f"SELECT {', '.join(CARD_COLUMNS)} FROM cards"


class CardRow(NamedTuple):
    """A card as stored: identity, metadata and scheduling (state 0 = new). A named tuple,
    not a frozen dataclass: the queue builds one per card shown, and a tuple is made
    several times faster."""

    id: int
    card_id: str
    deck_id: str
    kind: str
    topic: str
    sibling_key: str
    state: int
    due: int
    last_review: int | None
    stability: float | None
    difficulty: float | None
    fsrs: str | None
    reps: int
    lapses: int
    leech: int
    suspended: int
    flagged: int
    buried_day: int

    def schedule(self, with_fsrs: bool = True) -> dict[str, Any]:
        """The scheduling columns, as undo stores and restores them (undo stores them without
        the fsrs card: that is the log row's `card_before`)."""
        names = SCHEDULE_COLUMNS if with_fsrs else _UNDO_COLUMNS
        return {name: getattr(self, name) for name in names}


def card_from_row(row: tuple[Any, ...]) -> CardRow:
    """A `CardRow` from a row selected with `CARD_COLUMNS`."""
    return CardRow(*row)


def get_card(conn: sqlite3.Connection, card_id: str) -> CardRow | None:
    """One card by its stable id, or None."""
    row = conn.execute(f"{_SELECT} WHERE card_id = ?", (card_id,)).fetchone()
    return None if row is None else CardRow(*row)


def get_card_by_rowid(conn: sqlite3.Connection, rowid: int) -> CardRow | None:
    """One card by its internal id (what the review log refers to)."""
    row = conn.execute(f"{_SELECT} WHERE id = ?", (rowid,)).fetchone()
    return None if row is None else CardRow(*row)


_UPDATE_SCHEDULE = (
    f"UPDATE cards SET {', '.join(f'{name} = ?' for name in SCHEDULE_COLUMNS)} WHERE id = ?"
)


def write_schedule(conn: sqlite3.Connection, rowid: int, schedule: dict[str, Any]) -> None:
    """Overwrite a card's scheduling columns (after an answer, or on undo)."""
    conn.execute(_UPDATE_SCHEDULE, (*(schedule[name] for name in SCHEDULE_COLUMNS), rowid))


def set_card_flag(conn: sqlite3.Connection, card_id: str, column: str, value: int) -> bool:
    """Set flagged, suspended or buried_day on one card; False if there is no such card."""
    if column not in {"flagged", "suspended", "buried_day", "leech"}:
        raise ValueError(f"not a card flag: {column}")
    cursor = conn.execute(f"UPDATE cards SET {column} = ? WHERE card_id = ?", (value, card_id))
    return cursor.rowcount > 0


_SET_BURIED = "UPDATE cards SET buried_day = ? WHERE id = ?"


@dataclass(frozen=True)
class BuryRule:
    """Which siblings an answer buries, and the study day it happens on.

    `day_start_us`/`day_end_us` bound the study day: reviews and interday learning cards
    are buried only if due by its end (others are not in today's queue anyway), and a
    learning card counts as interday when its last answer came before the day began.
    """

    new: bool
    reviews: bool
    interday_learning: bool
    day: int
    day_start_us: int
    day_end_us: int


def bury_siblings(conn: sqlite3.Connection, card: CardRow, rule: BuryRule) -> list[tuple[int, int]]:
    """Bury, until the end of the day, the card's siblings that `rule` names.

    Learning cards answered today are never buried (as in Anki): their short steps would
    be lost. A card buried yesterday is not buried again today, so burying alone never
    pushes a card by more than one day. Returns (internal id, previous buried_day) per
    buried card, for undo.
    """
    sql = _siblings_sql(rule.new, rule.reviews, rule.interday_learning)
    if sql is None:
        return []
    rows = conn.execute(
        sql,
        (card.sibling_key, card.id, rule.day_end_us, rule.day_start_us, rule.day - 1),
    ).fetchall()
    if rows:
        conn.executemany(_SET_BURIED, [(rule.day, r[0]) for r in rows])
    return [(r[0], r[1]) for r in rows]


@cache
def _siblings_sql(new: bool, reviews: bool, interday_learning: bool) -> str | None:
    """The query for the siblings a bury rule names (built once per rule: it runs on every
    answer), with parameters sibling key, card id, day end, day start, day before."""
    kinds = []
    if new:
        kinds.append("state = 0")
    if reviews:
        kinds.append("(state = 2 AND due < ?3)")
    if interday_learning:
        kinds.append("(state IN (1, 3) AND due < ?3 AND last_review < ?4)")
    if not kinds:
        return None
    return (
        "SELECT id, buried_day FROM cards WHERE sibling_key = ?1 AND id != ?2 "
        f"AND ({' OR '.join(kinds)}) AND buried_day < ?5 AND retired = 0 AND suspended = 0"
    )


def unbury(conn: sqlite3.Connection, buried: list[tuple[int, int]]) -> None:
    """Give cards back the buried_day they had (undo of `bury_siblings`)."""
    if buried:
        conn.executemany(_SET_BURIED, [(d, i) for i, d in buried])


class ReviewRow(NamedTuple):
    """One answer as logged (a named tuple, as `CardRow`: one is made per answer)."""

    id: int
    card: int
    reviewed_at: int
    day: int
    rating: int
    duration_ms: int | None
    state_before: int
    state_after: int
    card_before: str
    card_after: str
    undo: dict[str, Any]
    vignette_seed: int | None


_REVIEW_COLUMNS = (
    "id, card, reviewed_at, day, rating, duration_ms, state_before, state_after, "
    "card_before, card_after, undo, vignette_seed"
)


def insert_review(conn: sqlite3.Connection, review: ReviewRow) -> int:
    """Append an answer to the log; returns its id (the review's id field is ignored)."""
    cursor = conn.execute(
        "INSERT INTO review_log(card, reviewed_at, day, rating, duration_ms, state_before, "
        "state_after, card_before, card_after, undo, vignette_seed) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            review.card,
            review.reviewed_at,
            review.day,
            review.rating,
            review.duration_ms,
            review.state_before,
            review.state_after,
            review.card_before,
            review.card_after,
            json.dumps(review.undo),
            review.vignette_seed,
        ),
    )
    assert cursor.lastrowid is not None  # an INSERT sets it
    return cursor.lastrowid


def get_review(conn: sqlite3.Connection, review_id: int) -> ReviewRow | None:
    """One logged answer, or None if it was undone or never existed."""
    row = conn.execute(
        f"SELECT {_REVIEW_COLUMNS} FROM review_log WHERE id = ?", (review_id,)
    ).fetchone()
    if row is None:
        return None
    values = list(row)
    values[10] = json.loads(values[10])
    return ReviewRow(*values)


def latest_review_id(conn: sqlite3.Connection, rowid: int) -> int | None:
    """The id of the card's most recent answer (undo only takes back the latest)."""
    row = conn.execute(
        "SELECT id FROM review_log WHERE card = ? ORDER BY reviewed_at DESC, id DESC LIMIT 1",
        (rowid,),
    ).fetchone()
    return None if row is None else int(row[0])


def delete_review(conn: sqlite3.Connection, review_id: int) -> None:
    """Remove an undone answer from the log: it did not happen."""
    conn.execute("DELETE FROM review_log WHERE id = ?", (review_id,))
