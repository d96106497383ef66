"""Quiz tests run on the shared progress file (tests.support.fixtures) with the small quiz
library synced into it, and a clock at the library's start."""

import sqlite3

import pytest

from tests.support.clock import Clock
from tests.support.quiz_library import START, FakeLibrary, make_library, sync


@pytest.fixture
def library() -> FakeLibrary:
    return make_library()


@pytest.fixture
def conn(conn: sqlite3.Connection, library: FakeLibrary) -> sqlite3.Connection:
    sync(conn, library)
    return conn


@pytest.fixture
def clock() -> Clock:
    return Clock(START)
