"""Issue 17, item 4: the app keeps running when a write fails.

Fault injection on the real progress file, through the real screens: another connection
holds the write lock (SQLite's own "database is locked"), or the file may not grow
(`PRAGMA max_page_count`: SQLite's own "database or disk is full"). The app says the answer
was not saved, keeps it on screen, saves it on retry once the fault is gone; nothing
acknowledged is lost and `db check` is ok afterwards."""

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.tui.app import QuizApp
from quizapp.tui.study.study_screen import StudyScreen
from tests.support.app import study_only
from tests.tui.test_study import open_study, review_rows

QUICK_BUSY_MS = 50  # the app's connection waits this long for the lock, not 10 s


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


class WriteLock:
    """Another program holding the progress file's write lock."""

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(db, isolation_level=None)

    def __enter__(self) -> "WriteLock":
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


def disk_full(conn: sqlite3.Connection) -> None:
    """The file may not grow by a single page from now on."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def db_check(db: Path) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), "db", "check"])
    assert result.exit_code == 0, result.output
    return result.stdout


async def rate_good(pilot, screen: StudyScreen) -> str:
    """Reveal and rate Good; the id of the card that was on screen."""
    card_id = screen.card.id
    await pilot.press("space")
    await pilot.press("3")
    await pilot.pause()
    return card_id


async def test_a_locked_file_during_study(iim_context) -> None:
    study_only(iim_context, "basic")
    iim_context.conn.execute(f"PRAGMA busy_timeout = {QUICK_BUSY_MS}")
    db = iim_context.settings.db_path
    app = QuizApp(iim_context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        first = await rate_good(pilot, screen)
        assert [card for card, _ in review_rows(db)] == [first]

        with WriteLock(db):
            blocked = screen.card.id
            await rate_good(pilot, screen)
            assert any("Not saved" in m and "another program" in m for m in messages(app))
            # the reason carries SQLite's and the file's text: shown literally, never markup
            assert all(not n.markup for n in app._notifications if n.title == "Not saved")
            assert screen.card.id == blocked and screen.stage == "answer"  # still on screen
        assert [card for card, _ in review_rows(db)] == [first]  # not acknowledged, not saved

        await pilot.press("3")  # the lock is gone: rate again
        await pilot.pause()
        assert [card for card, _ in review_rows(db)] == [first, blocked]
        assert screen.card.id != blocked
    assert db_check(db).endswith(": ok\n")


async def test_a_full_disk_during_study(iim_context) -> None:
    study_only(iim_context, "basic")
    db = iim_context.settings.db_path
    app = QuizApp(iim_context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        disk_full(iim_context.conn)
        acknowledged = []
        for _ in range(60):  # answers fit into free space until a page is needed
            card_id = screen.card.id
            await rate_good(pilot, screen)
            if any("disk is full" in m for m in messages(app)):
                assert screen.card.id == card_id and screen.stage == "answer"
                break
            acknowledged.append(card_id)
        else:
            raise AssertionError("the file never filled up")
        assert [card for card, _ in review_rows(db)] == acknowledged

        iim_context.conn.execute("PRAGMA max_page_count = 1073741823")  # space again
        await pilot.press("3")
        await pilot.pause()
        assert [card for card, _ in review_rows(db)] == [*acknowledged, card_id]
    assert db_check(db).endswith(": ok\n")
