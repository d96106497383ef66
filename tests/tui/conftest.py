"""The real app on a temporary progress file, real decks and a fixed clock."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.library import load_library, sync_library
from quizapp.paths import Settings
from quizapp.srs.config import save_setting
from quizapp.store.connection import open_store
from quizapp.tui.app import QuizApp
from quizapp.workspace import Workspace
from tests.bundled import iim_only_folder

ROOT = Path(__file__).resolve().parents[2]
IIM = iim_only_folder()  # decks/ ships two decks; these screens pin the IIM deck
MINI = ROOT / "tests" / "deck" / "data"
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOON) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def build_context(
    tmp_path: Path, decks_dir: Path, clock: Clock | None = None, db: Path | None = None
) -> Workspace:
    """`db` relative to the working directory keeps temporary paths off snapshots."""
    db = db or tmp_path / "progress.sqlite3"
    first_run = not db.exists()
    conn = open_store(db, synchronous="NORMAL")
    save_setting(conn, "timezone", "UTC")  # the study day must not follow the test machine
    library = load_library(decks_dir, conn)  # as the app does: unchanged decks from the file
    sync_library(conn, library)
    return Workspace(
        Settings(db_path=db, decks_dir=decks_dir), conn, library, clock or Clock(), first_run
    )


@pytest.fixture(scope="session")
def iim_library():
    return load_library(IIM)


@pytest.fixture
def iim_context(tmp_path: Path) -> Workspace:
    return build_context(tmp_path, IIM)


@pytest.fixture
def iim_app(iim_context: Workspace) -> QuizApp:
    return QuizApp(iim_context)


def study_only(context: Workspace, *kinds: str) -> None:
    """Test setup: suspend every card of other kinds, so the queue starts with these."""
    marks = ", ".join("?" * len(kinds))
    context.conn.execute(f"UPDATE cards SET suspended = 1 WHERE kind NOT IN ({marks})", kinds)
