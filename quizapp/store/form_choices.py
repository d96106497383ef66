"""The last choices of a form (custom study, the quiz builder), kept in the progress
file's settings table so the next visit starts where the learner left off. Screens check
what they read: a deck or topic may have gone since."""

from __future__ import annotations

import sqlite3
from typing import Any

from quizapp.store.settings import read_settings, write_setting

PREFIX = "last_choices."


def last_choices(conn: sqlite3.Connection, form: str) -> dict[str, Any]:
    """What `form` last saved; empty when nothing (or something unreadable) is stored."""
    stored = read_settings(conn).get(PREFIX + form)
    return stored if isinstance(stored, dict) else {}


def remember_choices(conn: sqlite3.Connection, form: str, choices: dict[str, Any]) -> None:
    """Store `form`'s choices (JSON values), replacing the previous ones."""
    write_setting(conn, PREFIX + form, choices)
