"""One helper for write transactions, so every writer takes the lock the same way."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE` ... `COMMIT`, rolled back on any exception.

    IMMEDIATE takes the write lock at the start: a deferred transaction that reads and
    then writes can fail with SQLITE_BUSY when another process wrote in between, which
    the busy timeout cannot fix. With it, two processes simply take turns.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")  # may fail too (disk full, locked): then nothing was committed
    except BaseException:
        _roll_back(conn)
        raise


def _roll_back(conn: sqlite3.Connection) -> None:
    """Leave no transaction open behind a failure, so the next write can begin; SQLite may
    already have rolled back by itself (e.g. on a full disk)."""
    if conn.in_transaction:
        with suppress(sqlite3.Error):  # nothing more to undo; the caller reports the error
            conn.execute("ROLLBACK")
