"""Scheduling tests start mid study day (tests.srs.srs_helpers.START); the progress file
and the rest come from tests.support.fixtures."""

import pytest

from tests.srs.srs_helpers import START
from tests.support.clock import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock(START)
