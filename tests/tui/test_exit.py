"""Exit does not wait for a worker's statistics query (home starts one on a large file)."""

import asyncio
import sqlite3
import threading

import pytest
from textual import work

from quizapp.tui.app import QuizApp
from quizapp.workspace import Workspace

# Counting to 500 million takes SQLite tens of seconds: far longer than an exit may.
LONG_QUERY = """
    WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 500000000)
    SELECT count(*) FROM c
"""


class SlowReaderApp(QuizApp):
    """The real app with one more worker, reading through the app's reader connections."""

    def __init__(self, context: Workspace) -> None:
        super().__init__(context)
        self.started = threading.Event()
        self.ended = threading.Event()
        self.error: Exception | None = None

    @work(thread=True, group="slow")
    def slow_read(self) -> None:
        with self.workspace.reader() as conn:
            self.started.set()
            try:
                conn.execute(LONG_QUERY).fetchone()
            except sqlite3.OperationalError as exc:
                self.error = exc
            finally:
                self.ended.set()


@pytest.mark.asyncio
async def test_exit_interrupts_a_long_reader_query(iim_context: Workspace) -> None:
    app = SlowReaderApp(iim_context)
    async with app.run_test() as pilot:
        app.slow_read()
        assert await asyncio.to_thread(app.started.wait, 10)
        await pilot.pause()
        assert not app.ended.is_set()  # still counting
        app.exit()
    assert await asyncio.to_thread(app.ended.wait, 5), "the worker's query outlived the exit"
    assert isinstance(app.error, sqlite3.OperationalError)
    assert "interrupt" in str(app.error)


@pytest.mark.asyncio
async def test_readers_opened_after_an_exit_still_run(iim_context: Workspace) -> None:
    """Stopping is for the queries running at exit: a later app on the same context reads."""
    async with QuizApp(iim_context).run_test():
        pass
    with iim_context.reader() as conn:
        assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] > 0
