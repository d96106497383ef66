"""Statistics for "today" as the learner's settings define it (zone, rollover hour)."""

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from quizapp.srs.calibration import Calibration, calibrate
from quizapp.srs.config import StudyConfig, load_config
from quizapp.srs.days import day_start, study_day
from quizapp.srs.elapsed import recall_probability
from quizapp.srs.session import utc_now
from quizapp.store.stats import Stats, collect_stats, review_answers_since, review_cards_memory
from quizapp.store.timeutil import to_micros

CALIBRATION_DAYS = 30  # the same window as the 30-day true retention


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


@dataclass(frozen=True)
class MemoryStats:
    """What the model says of the learner's memory now, and whether it has been right.

    Both use elapsed time in study days, as the scheduler does, so "predicted" here is
    the recall chance the scheduler aimed at when it chose each interval.
    """

    day: int
    deck_id: str | None
    review_cards: int
    retrievability: float | None  # mean predicted recall of the review cards today
    days: int  # the calibration window, in study days up to today
    calibration: Calibration  # over answers to review cards in that window


def memory_stats(
    conn: sqlite3.Connection,
    deck_id: str | None = None,
    *,
    config: StudyConfig | None = None,
    clock: Callable[[], datetime] = utc_now,
    days: int = CALIBRATION_DAYS,
) -> MemoryStats:
    """Predicted recall of review cards today, and calibration over the last `days`."""
    config = config if config is not None else load_config(conn)
    day = study_day(clock(), config.day_starts_hour, config.tzinfo())
    scheduler = config.scheduler(fuzz=False)
    cards = review_cards_memory(conn, deck_id)
    now = [recall_probability(scheduler, day - last, s) for last, s in cards]
    answers = review_answers_since(conn, day=day, days=days, deck_id=deck_id)
    return MemoryStats(
        day=day,
        deck_id=deck_id,
        review_cards=len(cards),
        retrievability=sum(now) / len(now) if now else None,
        days=days,
        calibration=calibrate(
            (recall_probability(scheduler, elapsed, s), ok) for elapsed, s, ok in answers
        ),
    )
