"""Damage inside a progress file that SQLite itself calls healthy.

`PRAGMA integrity_check` proves the pages are sound, not that quizapp can use what they
hold: a table can be dropped, a setting can be non-JSON, out of range or name a time zone
that does not exist, a card's scheduler state can be unreadable. These checks find each,
as one line naming the place, so that `quizapp db check` reports them and the app and the
commands refuse with a message instead of failing in the middle of a session.

This is where the store and the scheduler meet (like `library.py`), so it may import both.
Only reads: nothing here changes the file.
"""

from __future__ import annotations

import json
import sqlite3

from quizapp.store.connection import QUIZAPP_TABLES

MAX_PER_KIND = 10  # a file damaged everywhere gives a readable list, not 50,000 lines


def progress_problems(conn: sqlite3.Connection, *, thorough: bool = False) -> list[str]:
    """Every problem found; empty means quizapp can use the file.

    The quick checks (tables, settings, the cards' scheduler state as JSON, by SQL: a few
    milliseconds for 50,000 cards) run at every start; `thorough` (for `db check`) also checks
    stored questions and review records, and reads every scheduler state as fsrs will."""
    missing = _missing_tables(conn)
    if missing:
        return [f"table {name} is missing" for name in missing]
    columns = _JSON_COLUMNS if thorough else _JSON_COLUMNS[:1]
    problems = _settings_problems(conn) + _json_problems(conn, columns)
    if thorough:
        problems += _scheduler_state_problems(conn)
    return problems


def _missing_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
    return sorted(QUIZAPP_TABLES - {name for (name,) in rows})


def _settings_problems(conn: sqlite3.Connection) -> list[str]:
    from quizapp.srs.config import load_config
    from quizapp.srs.exam import SETTING, check_exam_dates
    from quizapp.store.settings import read_settings

    problems = []
    for key, value in conn.execute("SELECT key, value FROM settings ORDER BY key"):
        try:
            json.loads(value)
        except (TypeError, ValueError):
            problems.append(f"setting {key!r}: value {str(value)[:40]!r} is not JSON")
    if problems:
        return problems[:MAX_PER_KIND]
    try:
        load_config(conn)
        check_exam_dates(read_settings(conn).get(SETTING, {}))
    except (TypeError, ValueError) as exc:
        return [f"settings: {exc}"]
    return []


_JSON_COLUMNS = (
    ("cards", "fsrs", "card_id", "scheduler state"),
    ("quiz_items", "item_json", "block_id || '/' || position", "stored question"),
    ("review_log", "card_after", "id", "review record"),
)


# what fsrs's Card.from_json reads; a missing one is a KeyError in the middle of a session
_FSRS_KEYS = ("card_id", "state", "step", "stability", "difficulty", "due", "last_review")


def _json_problems(conn: sqlite3.Connection, columns: tuple[tuple[str, ...], ...]) -> list[str]:
    problems = []
    for table, column, name, what in columns:
        rows = conn.execute(
            f"SELECT {name} FROM {table} WHERE {column} IS NOT NULL "
            f"AND (NOT json_valid({column}) OR json_type({column}) != 'object') "
            f"LIMIT {MAX_PER_KIND}"
        )
        problems += [f"{table} {key}: the {what} is not a JSON object" for (key,) in rows]
    missing = " OR ".join(f"json_type(fsrs, '$.{key}') IS NULL" for key in _FSRS_KEYS)
    rows = conn.execute(
        "SELECT card_id FROM cards WHERE fsrs IS NOT NULL AND json_valid(fsrs) "
        f"AND json_type(fsrs) = 'object' AND ({missing}) LIMIT {MAX_PER_KIND}"
    )
    problems += [f"cards {key}: the scheduler state lacks fields fsrs needs" for (key,) in rows]
    return problems


def _scheduler_state_problems(conn: sqlite3.Connection) -> list[str]:
    from fsrs import Card

    problems = []
    rows = conn.execute(
        "SELECT card_id, fsrs FROM cards WHERE fsrs IS NOT NULL AND json_valid(fsrs) "
        "AND json_type(fsrs) = 'object'"
    )
    for card_id, text in rows:
        try:
            Card.from_json(text)
        except Exception as exc:  # whatever fsrs raises on a state it cannot read
            problems.append(
                f"cards {card_id}: the scheduler state cannot be read ({type(exc).__name__}: {exc})"
            )
            if len(problems) >= MAX_PER_KIND:
                break
    return problems


def damaged_message(path: object, problems: list[str]) -> str:
    """One message for the app and the commands: what is wrong, and what to do."""
    shown = "; ".join(problems[:3]) + (
        f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
    )
    return (
        f"{path} has damaged content ({shown}). It was left as it is; run `quizapp db check` "
        "for the full list, and restore a backup (`quizapp db backup` makes them)."
    )
