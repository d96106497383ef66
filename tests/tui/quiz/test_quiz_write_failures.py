"""Issue 17, item 4, in a quiz: a write that fails (the file locked by another program, a full
disk) is shown, the screen keeps only what was saved, a retry saves it, db check is ok."""

import sqlite3
from pathlib import Path

from quizapp.quiz import session as quiz_session
from quizapp.tui.app import QuizApp
from tests.support.app import quiz_context
from tests.tui.quiz.test_quiz_screens import start_block, wrong
from tests.tui.test_write_failures import QUICK_BUSY_MS, WriteLock, db_check, messages

store = quiz_session.store


async def test_a_locked_file_and_a_full_disk_during_a_quiz(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "progress.sqlite3"
    context = quiz_context(db)
    context.conn.execute(f"PRAGMA busy_timeout = {QUICK_BUSY_MS}")
    app = QuizApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_block(pilot, 3, "#mode-timed")
        session = screen.session
        first = wrong(session)
        await pilot.press(first)  # saved
        await pilot.pause()
        assert session.current.chosen is not None

        await pilot.press("right")
        await pilot.pause()
        with WriteLock(db):
            await pilot.press("a")
            await pilot.pause()
            assert any("Not saved" in m for m in messages(app))
            assert session.current.chosen is None  # the screen shows what is saved

        # In place updates never need a new page, so a page limit cannot fill the file
        # here: the store's write raises SQLite's own "disk full" error instead.
        real_save = store.save_item

        def full(*args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(store, "save_item", full)
        await pilot.press("b")
        await pilot.pause()
        assert any("disk is full" in m for m in messages(app))
        assert session.current.chosen is None
        monkeypatch.setattr(store, "save_item", real_save)
        await pilot.press("a")  # and now it is saved
        await pilot.pause()
        assert session.current.chosen == "A"
    context.conn.close()
    plain = sqlite3.connect(db)
    chosen = plain.execute("SELECT position, chosen FROM quiz_items WHERE chosen IS NOT NULL")
    assert dict(chosen.fetchall()) == {0: first.upper(), 1: "A"}
    plain.close()
    assert db_check(db).endswith(": ok\n")
