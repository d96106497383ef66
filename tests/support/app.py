"""The real app on a temporary progress file: its workspace, test set-up, and waiting for
what a key or a worker brings to the screen (never a fixed sleep)."""

import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from quizapp.library import load_library, sync_library
from quizapp.paths import Settings
from quizapp.srs.config import save_setting
from quizapp.store.connection import open_store
from quizapp.tui.home.home_screen import HomeScreen
from quizapp.tui.quiz.builder_screen import QuizBuilderScreen
from quizapp.workspace import Workspace
from tests.support.clock import Clock
from tests.support.decks import SMALL_ONLY
from tests.support.quiz_library import START, small_library, sync

WAIT_SECONDS = 10.0  # far longer than any screen takes on a busy 2-core machine


def build_context(
    tmp_path: Path, decks_dir: Path, clock: Clock | None = None, db: Path | None = None
) -> Workspace:
    """The app's context on the decks of `decks_dir`, as `quizapp` builds it at start.
    `db` relative to the working directory keeps temporary paths off snapshots."""
    db = db or tmp_path / "progress.sqlite3"
    first_run = not db.exists()
    conn = open_store(db, synchronous="NORMAL")
    save_setting(conn, "timezone", "UTC")  # the study day must not follow the test machine
    library = load_library(decks_dir, conn)  # as the app does: unchanged decks from the file
    sync_library(conn, library)
    return Workspace(
        Settings(db_path=db, decks_dir=decks_dir), conn, library, clock or Clock(), first_run
    )


def study_only(context: Workspace, *kinds: str) -> None:
    """Test setup: suspend every card of other kinds, so the queue starts with these."""
    marks = ", ".join("?" * len(kinds))
    context.conn.execute(f"UPDATE cards SET suspended = 1 WHERE kind NOT IN ({marks})", kinds)


async def wait_for(pilot: Pilot, ready: Callable[[], bool], what: str = "") -> None:
    """Let the app run until `ready()` is true; fail after WAIT_SECONDS saying `what` never
    came (a screen that is merely slow still passes, a broken one fails)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {WAIT_SECONDS:.0f} s for {what or ready}")
        await pilot.pause()


def quiz_context(db_path: Path, clock: Clock | None = None) -> Workspace:
    """The app's context on the small real deck, generated once per session (see
    tests.support.quiz_library); a second call on the same file is the app started again."""
    first_run = not db_path.exists()
    conn = open_store(db_path, synchronous="NORMAL")
    save_setting(conn, "timezone", "UTC")
    library = small_library()
    sync(conn, library)
    settings = Settings(db_path=db_path, decks_dir=SMALL_ONLY)
    return Workspace(settings, conn, library, clock or Clock(START), first_run)


async def open_quiz(pilot: Pilot) -> None:
    """From the home screen to the quiz builder, as a learner gets there (the `q` key);
    nothing to do when the builder is on screen already."""
    app = pilot.app
    if isinstance(app.screen, QuizBuilderScreen):
        return
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
    await pilot.press("q")
    await wait_for(pilot, lambda: isinstance(app.screen, QuizBuilderScreen), "the builder")


def palette_settled(app: App) -> bool:
    """The command palette is open and has listed every match for what was typed."""
    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return False
    group = CommandPalette._GATHER_COMMANDS_GROUP
    gathering = any(w.group == group and not w.is_finished for w in app.workers)
    return not gathering and palette.query_one(CommandList).option_count > 0
