"""The SQL behind the learner's card actions (Anki's browser menu): suspend, unsuspend,
bury, unbury, reset, flag, unflag, and moving review due dates.

The caller holds the transaction (`quizapp.srs.control`), so an action on 5,000 cards is
all or nothing. Each statement changes only cards that are not already so, which makes the
returned counts honest ("3 cards suspended; 2 already were") and repeating an action a no-op.
"""

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# action -> (what it sets, which cards it changes); :day is today's study day, :now the time
_ACTIONS: dict[str, tuple[str, str]] = {
    "suspend": ("suspended = 1", "suspended = 0"),
    "unsuspend": ("suspended = 0", "suspended = 1"),
    "bury": ("buried_day = :day", "buried_day < :day"),
    "unbury": ("buried_day = 0", "buried_day >= :day"),
    "flag": ("flagged = 1", "flagged = 0"),
    "unflag": ("flagged = 0", "flagged = 1"),
    # back to a new card at its original place in the new queue (its id, as at sync);
    # reps, lapses, flags and the review log stay, as with Anki's default "Reset"
    "reset": (
        "state = 0, due = id, last_review = NULL, stability = NULL, difficulty = NULL, "
        "fsrs = NULL, buried_day = 0, reset_at = :now, updated_at = :now",
        "state != 0",
    ),
}
ACTIONS = tuple(_ACTIONS)


def unknown_cards(conn: sqlite3.Connection, card_ids: Iterable[str]) -> list[str]:
    """The ids that name no card in the file, in the order given."""
    return [
        card_id
        for card_id in card_ids
        if conn.execute("SELECT 1 FROM cards WHERE card_id = ?", (card_id,)).fetchone() is None
    ]


def apply_action(
    conn: sqlite3.Connection, action: str, card_ids: Sequence[str], *, day: int, now: int
) -> int:
    """Apply `action` to the cards; returns how many changed (the rest already were so)."""
    sets, when = _ACTIONS[action]
    cursor = conn.executemany(
        f"UPDATE cards SET {sets} WHERE card_id = :card AND {when}",
        [{"card": card_id, "day": day, "now": now} for card_id in card_ids],
    )
    return cursor.rowcount


@dataclass(frozen=True)
class DueCard:
    """A review card whose due date may move: its row id, due time, fsrs JSON and deck."""

    id: int
    due: int
    fsrs: str
    deck_id: str


def review_cards(
    conn: sqlite3.Connection,
    *,
    due_before: int | None = None,
    due_from: int | None = None,
    deck_ids: Sequence[str] | None = None,
) -> list[DueCard]:
    """Review cards that can be studied (not suspended, retired or buried), by due range."""
    sql = (
        "SELECT id, due, fsrs, deck_id FROM cards "
        "WHERE state = 2 AND retired = 0 AND suspended = 0 "
        "AND (:before IS NULL OR due < :before) AND (:from IS NULL OR due >= :from)"
    )
    params: dict[str, object] = {"before": due_before, "from": due_from}
    if deck_ids is not None:
        names = [f":d{i}" for i in range(len(deck_ids))]
        sql += f" AND deck_id IN ({', '.join(names) or 'NULL'})"
        params |= {name[1:]: deck for name, deck in zip(names, deck_ids, strict=True)}
    rows = conn.execute(sql + " ORDER BY due", params)
    return [DueCard(*row) for row in rows]


def move_due(conn: sqlite3.Connection, moves: Sequence[tuple[int, int, str]]) -> None:
    """Give cards new due times: (row id, due, fsrs JSON with that due) each."""
    conn.executemany(
        "UPDATE cards SET due = ?, fsrs = ? WHERE id = ?",
        [(due, fsrs, rowid) for rowid, due, fsrs in moves],
    )


def select_cards(
    conn: sqlite3.Connection,
    *,
    deck_id: str | None = None,
    topic: str | None = None,
    kind: str | None = None,
    flagged: bool = False,
) -> list[str]:
    """Card ids of live (not retired) cards matching every filter given, in queue order."""
    rows = conn.execute(
        "SELECT card_id FROM cards WHERE retired = 0 "
        "AND (:deck IS NULL OR deck_id = :deck) AND (:topic IS NULL OR topic = :topic) "
        "AND (:kind IS NULL OR kind = :kind) AND (NOT :flagged OR flagged = 1) ORDER BY id",
        {"deck": deck_id, "topic": topic, "kind": kind, "flagged": flagged},
    )
    return [row[0] for row in rows]


@dataclass(frozen=True)
class CardStatus:
    """What the browse screen shows and toggles for one card."""

    state: int
    suspended: bool
    buried: bool  # buried for the study day asked about
    flagged: bool


def card_statuses(
    conn: sqlite3.Connection, card_ids: Sequence[str], day: int
) -> dict[str, CardStatus]:
    """The status of each card in the file among `card_ids` (one indexed lookup each)."""
    found = {}
    for card_id in card_ids:
        row = conn.execute(
            "SELECT state, suspended, buried_day >= ?, flagged FROM cards WHERE card_id = ?",
            (day, card_id),
        ).fetchone()
        if row is not None:
            found[card_id] = CardStatus(row[0], bool(row[1]), bool(row[2]), bool(row[3]))
    return found


def cram_cards(
    conn: sqlite3.Connection,
    deck_ids: Sequence[str] | None,
    scope_sql: str,
    params: Sequence[object],
    today: int,
) -> list[tuple[str, int]]:
    """(card id, state) of every studiable card in the decks and scope, neither suspended
    nor buried on study day `today` (as Anki's filtered decks leave buried cards out):
    cards already studied by due time (soonest first), then new cards in new-queue order."""
    where, values = _studiable(deck_ids, scope_sql, params)
    rows = conn.execute(
        f"SELECT card_id, state FROM cards WHERE {where} AND buried_day < ?"
        " ORDER BY state = 0, due",
        (*values, today),
    )
    return [(card_id, state) for card_id, state in rows]


def buried_count(
    conn: sqlite3.Connection,
    deck_ids: Sequence[str] | None,
    scope_sql: str,
    params: Sequence[object],
    today: int,
) -> int:
    """How many cards of the decks and scope that `cram_cards` leaves out because they are
    buried on study day `today`: a cram of "0 cards" said nothing of them (student trial 4)."""
    where, values = _studiable(deck_ids, scope_sql, params)
    sql = f"SELECT count(*) FROM cards WHERE {where} AND buried_day >= ?"
    return int(conn.execute(sql, (*values, today)).fetchone()[0])


def _studiable(
    deck_ids: Sequence[str] | None, scope_sql: str, params: Sequence[object]
) -> tuple[str, tuple[object, ...]]:
    """The WHERE clause (and its values) of the cards in the decks and scope that are
    neither retired nor suspended."""
    decks = ""
    if deck_ids is not None:
        decks = f" AND deck_id IN ({', '.join('?' * len(deck_ids)) or 'NULL'})"
    return f"retired = 0 AND suspended = 0{decks}{scope_sql}", (*(deck_ids or ()), *params)
