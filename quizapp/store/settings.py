"""The `settings` table: JSON values by key. Defaults live in code (srs.config), not here,
so a file only records what the learner changed and new defaults reach old files."""

import json
import sqlite3
from typing import Any

from quizapp.store.transaction import transaction as _transaction


def read_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every stored setting, decoded."""
    rows = conn.execute("SELECT key, value FROM settings")
    return {key: json.loads(value) for key, value in rows}


def write_setting(conn: sqlite3.Connection, key: str, value: Any) -> None:
    """Store one setting (committed at once; settings change rarely)."""
    with _transaction(conn):
        put_setting(conn, key, value)


def put_setting(conn: sqlite3.Connection, key: str, value: Any) -> None:
    """Store one setting inside the caller's transaction (see `write_setting`)."""
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value)),
    )


def delete_setting(conn: sqlite3.Connection, key: str) -> None:
    """Forget a stored setting, so its default applies again."""
    with _transaction(conn):
        delete_setting_in(conn, key)


def delete_setting_in(conn: sqlite3.Connection, key: str) -> None:
    """Forget a setting inside the caller's transaction (see `delete_setting`)."""
    conn.execute("DELETE FROM settings WHERE key = ?", (key,))
