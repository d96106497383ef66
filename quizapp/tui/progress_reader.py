"""Read-only connections for workers, so slow statistics never share the study connection.

The study session writes on the main thread through `context.conn`; a worker thread that
aggregates 800k review rows uses its own connection (WAL lets it read while the other
writes), so the two never interleave statements on one connection.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from quizapp.store.connection import open_reader
from quizapp.tui.context import AppContext


@contextmanager
def read_connection(context: AppContext) -> Iterator[sqlite3.Connection]:
    """A second connection on the progress file, opened for this worker and closed after."""
    conn = open_reader(context.settings.db_path)
    try:
        yield conn
    finally:
        conn.close()
