"""Quiz tests run on the shared progress file (tests.support.fixtures) with the small real
deck's library synced into it, and a clock at the library's start."""

import sqlite3

import pytest

from quizapp.library import Library
from tests.support.clock import Clock
from tests.support.quiz_library import START, small_library, sync


@pytest.fixture
def library() -> Library:
    return small_library()


@pytest.fixture
def conn(conn: sqlite3.Connection, library: Library) -> sqlite3.Connection:
    sync(conn, library)
    return conn


@pytest.fixture
def clock() -> Clock:
    return Clock(START)
