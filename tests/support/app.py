"""The real app on a temporary progress file: its workspace, test set-up, and waiting for
what a key or a worker brings to the screen (never a fixed sleep)."""

import atexit
import functools
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from quizapp.library import Library, load_library, sync_library
from quizapp.paths import Settings
from quizapp.srs.config import save_setting
from quizapp.store.connection import open_store
from quizapp.tui.home.home_screen import HomeScreen
from quizapp.tui.quiz.builder_screen import QuizBuilderScreen
from quizapp.workspace import Workspace
from tests.support.clock import Clock
from tests.support.decks import SESSION_FOLDERS, SMALL_ONLY
from tests.support.quiz_library import START, small_library, sync

WAIT_SECONDS = 10.0  # far longer than any screen takes on a busy 2-core machine


def build_context(
    tmp_path: Path, decks_dir: Path, clock: Clock | None = None, db: Path | None = None
) -> Workspace:
    """The app's context on the decks of `decks_dir`, as `quizapp` builds it at start.
    `db` relative to the working directory keeps temporary paths off snapshots.

    A first start on a session deck folder (read-only, tests.support.decks) starts from a
    copy of that start's progress file and library, made once per session: the same
    file and cards as loading and syncing afresh, without the half second it takes."""
    db = db or tmp_path / "progress.sqlite3"
    first_run = not db.exists()
    if first_run and decks_dir in SESSION_FOLDERS:
        template, loaded = _first_start(decks_dir)
        shutil.copyfile(template, db)
        conn = open_store(db, synchronous="NORMAL")
        library = _own_copy(loaded, conn)
    else:
        conn = open_store(db, synchronous="NORMAL")
        save_setting(conn, "timezone", "UTC")  # the study day must not follow the test machine
        library = load_library(decks_dir, conn)  # as the app does: unchanged decks from the file
        sync_library(conn, library)
    return Workspace(
        Settings(db_path=db, decks_dir=decks_dir), conn, library, clock or Clock(), first_run
    )


@functools.cache
def _first_start(decks_dir: Path) -> tuple[Path, Library]:
    """The progress file and library of a first start on `decks_dir` (as build_context
    makes them), kept for the session: a test gets a copy of each."""
    folder = Path(tempfile.mkdtemp(prefix="quizapp-first-start-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    db = folder / "progress.sqlite3"
    conn = open_store(db, synchronous="NORMAL")
    save_setting(conn, "timezone", "UTC")
    library = load_library(decks_dir, conn)
    sync_library(conn, library)
    conn.close()  # the last connection: its log is checkpointed into the file
    assert not db.with_name(db.name + "-wal").exists()
    return db, library


def _own_copy(library: Library, conn: sqlite3.Connection) -> Library:
    """`library` on `conn`, with its own dicts and lists (a test may change its cards);
    decks and cards are frozen, so they are shared."""
    copy = Library(conn=conn)
    shared = {
        name for name, value in vars(library).items() if not isinstance(value, dict | list | set)
    }
    assert shared == {"_conn", "_lock"}, f"Library has new state to copy: {shared}"
    for name, value in vars(library).items():
        if isinstance(value, dict | list | set):
            setattr(copy, name, type(value)(value))
    return copy


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
