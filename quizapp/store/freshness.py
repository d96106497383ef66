"""Has anything in the progress file changed since a moment? Cheap enough to ask per answer.

The study session keeps what it last read (the card it showed, the day's answer counts)
and asks this instead of reading them again: equal stamps mean no row changed between
them, so the values read after the first are still what is stored.
"""

import sqlite3

Stamp = tuple[int, int]


def change_stamp(conn: sqlite3.Connection) -> Stamp:
    """Rows changed through this connection (`total_changes`, rolled back or not) and the
    version of the file as other connections left it (`PRAGMA data_version`: it moves
    whenever another connection, in this process or another, commits)."""
    return conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]


def after_own_commit(conn: sqlite3.Connection, before: Stamp) -> Stamp:
    """The stamp after this connection committed its own writes, `before` taken inside that
    same write transaction: no other connection can have committed in between."""
    return conn.total_changes, before[1]
