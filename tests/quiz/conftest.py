"""Quiz tests run on a real progress file in a temporary folder, with a small library."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from quiz_helpers import Clock, FakeLibrary, make_library, sync

from quizapp.store.connection import open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def library() -> FakeLibrary:
    return make_library()


@pytest.fixture
def conn(db_path: Path, library: FakeLibrary) -> Iterator[sqlite3.Connection]:
    connection = open_store(db_path, synchronous="NORMAL")
    sync(connection, library)
    yield connection
    connection.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()
