"""Statistics for "today" as the learner's settings define it (zone, rollover hour)."""

import sqlite3
from collections.abc import Callable
from datetime import datetime

from quizapp.srs.config import StudyConfig, load_config
from quizapp.srs.days import day_start, study_day
from quizapp.srs.session import utc_now
from quizapp.store.stats import Stats, collect_stats
from quizapp.store.timeutil import to_micros


def stats_today(
    conn: sqlite3.Connection,
    deck_id: str | None = None,
    *,
    config: StudyConfig | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> Stats:
    """`collect_stats` for the current study day."""
    config = config if config is not None else load_config(conn)
    tz = config.tzinfo()
    day = study_day(clock(), config.day_starts_hour, tz)
    start = to_micros(day_start(day, config.day_starts_hour, tz))
    end = to_micros(day_start(day + 1, config.day_starts_hour, tz))
    return collect_stats(conn, day=day, day_start_us=start, day_end_us=end, deck_id=deck_id)
