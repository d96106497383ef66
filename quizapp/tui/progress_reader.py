"""Read-only connections for workers, so slow statistics never share the study connection.

The study session writes on the main thread through `context.conn`; a worker thread that
aggregates 800k review rows uses its own connection (WAL lets it read while the other
writes), so the two never interleave statements on one connection.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from quizapp.tui.context import AppContext


@contextmanager
def read_connection(context: AppContext) -> Iterator[sqlite3.Connection]:
    """A second connection on the progress file, opened for this worker and closed after."""
    path = context.settings.db_path.resolve()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        yield conn
    finally:
        conn.close()
