"""Quiz screens in the real app on a temporary progress file, a small real deck and
a clock at its start."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.workspace import Workspace
from tests.support.app import quiz_context
from tests.support.clock import Clock
from tests.support.quiz_library import START


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def context(db_path: Path, clock: Clock) -> Iterator[Workspace]:
    ctx = quiz_context(db_path, clock)
    yield ctx
    ctx.conn.close()
