"""Fixtures for scheduling tests: a real progress file in a temporary folder."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from srs_helpers import Clock

from quizapp.store.connection import open_store


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    connection = open_store(db_path, synchronous="NORMAL")
    yield connection
    connection.close()
