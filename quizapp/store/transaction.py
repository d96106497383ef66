"""One helper for write transactions, so every writer takes the lock the same way."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


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
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
