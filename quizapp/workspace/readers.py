"""Read-only connections for workers, so slow statistics never share the study connection.

The study session writes on the main thread through `workspace.conn`; a worker thread that
aggregates 800k review rows uses its own connection (WAL lets it read while the other
writes), so the two never interleave statements on one connection. Exit stops those
readers' queries (`Readers.stop`): Python waits for worker threads before the process
ends, and a statistics query over a large file would otherwise hold the exit up.
"""

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quizapp.store.connection import open_reader

CHECK_EVERY = 10_000  # SQLite VM steps between checks for a stop (a few microseconds each)


class Readers:
    """The workers' open reader connections, so exit can stop what they are running."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[sqlite3.Connection, threading.Event] = {}

    @contextmanager
    def open(self, path: Path) -> Iterator[sqlite3.Connection]:
        conn = open_reader(path)
        stopped = threading.Event()
        # interrupt() ends the statement running now; the handler ends any started later.
        conn.set_progress_handler(stopped.is_set, CHECK_EVERY)
        with self._lock:
            self._open[conn] = stopped
        try:
            yield conn
        finally:
            with self._lock:
                del self._open[conn]
            conn.close()

    def stop(self) -> None:
        """Make every open reader's queries fail now ("interrupted"); later readers run."""
        with self._lock:
            for conn, stopped in self._open.items():
                stopped.set()
                conn.interrupt()
