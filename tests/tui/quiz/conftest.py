"""Quiz screens on a real temporary progress file, the small quiz library and a fixed clock."""

import sys
from pathlib import Path

import pytest

QUIZ_TESTS = Path(__file__).resolve().parents[2] / "quiz"
sys.path.insert(0, str(QUIZ_TESTS))

from quiz_helpers import Clock, make_library, sync  # noqa: E402

from quizapp.paths import Settings  # noqa: E402
from quizapp.store.connection import open_store  # noqa: E402
from quizapp.tui.base import WorkspaceApp  # noqa: E402
from quizapp.tui.quiz.builder_screen import QuizBuilderScreen  # noqa: E402
from quizapp.workspace import Workspace  # noqa: E402


class QuizTestApp(WorkspaceApp):
    """Just the quiz screens, as the home screen opens them (builder, no arguments)."""

    def on_mount(self) -> None:
        self.push_screen(QuizBuilderScreen())


def make_context(db_path: Path, clock: Clock | None = None) -> Workspace:
    """A context on `db_path`; a second call on the same file is the app started again."""
    first_run = not db_path.exists()
    conn = open_store(db_path, synchronous="NORMAL")
    library = make_library()
    sync(conn, library)
    return Workspace(Settings(db_path, db_path.parent), conn, library, clock or Clock(), first_run)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def context(db_path: Path, clock: Clock):
    ctx = make_context(db_path, clock)
    yield ctx
    ctx.conn.close()
