"""Fixtures every test may ask for: a real progress file in a temporary folder and a clock.

A folder's conftest.py may build on them (the quiz tests sync their library into `conn`)
or start the clock at another moment, but never opens the file another way.
"""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.store.connection import open_store
from tests.support.clock import Clock


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's progress file goes (not created until opened)."""
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    """The progress file, created and migrated as the app does; NORMAL sync is safe against
    a killed process and spares the tests a disk flush per commit."""
    connection = open_store(db_path, synchronous="NORMAL")
    yield connection
    connection.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()
