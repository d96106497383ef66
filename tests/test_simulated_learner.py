"""A simulated learner studies 40 cards for 60 days through the real StudySession.

The learner remembers exactly as FSRS says: on a review, recall happens with the card's
retrievability (fsrs's forgetting curve, default parameters, elapsed time in study days,
the stability fsrs computed), drawn from a seeded random. They study once a day at
09:00 local time +-3 hours, in Berlin, across the end of summer time (25 October 2026).
If the scheduler is right, they keep about the desired 90% on reviews, and no card is
held at a 1-day interval just because the next day's answer came earlier in the day.
Real progress file, real fsrs with fuzz on (seeded), an injected clock.
"""

import random
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card, Rating, State

from quizapp.srs.config import StudyConfig
from quizapp.srs.session import Queue, StudySession
from quizapp.store.connection import open_store
from quizapp.store.sync import CardRecord, DeckInfo, sync_deck
from quizapp.store.timeutil import from_micros

BERLIN = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2026, 10, 1)
DAYS = 60
CARDS = 400  # with 40, retention varies by 3.5 points between seeds (see the test)
DESIRED = 0.9
SEED = 20261201
NEW_PER_DAY = 20


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = open_store(tmp_path / "progress.sqlite3", synchronous="NORMAL")
    yield connection
    connection.close()


@pytest.fixture
def seeded_global_random() -> Iterator[None]:
    """fsrs draws its fuzz from the global `random`; seed it, then put it back."""
    state = random.getstate()
    random.seed(SEED)
    yield
    random.setstate(state)


@dataclass(frozen=True)
class Draw:
    """One review: the recall chance fsrs predicted, the outcome, the stability before."""

    chance: float
    recalled: bool
    stability: float


def study_one_day(
    session: StudySession, clock: Clock, learner: random.Random, draws: list[Draw]
) -> int:
    """Work through today's queue; returns the number of answers."""
    answers = 0
    while (entry := session.next_card()) is not None:
        if entry.queue is Queue.LEARNING and entry.due > clock.now:
            clock.now = entry.due  # wait for the step rather than answer ahead
        if entry.queue is Queue.NEW:
            rating = Rating.Again if learner.random() < 0.3 else Rating.Good
        else:
            chance = session.retrievability(entry.card_id)
            recalled = learner.random() < chance
            rating = Rating.Good if recalled else Rating.Again
            if entry.queue is Queue.REVIEW:
                (stability,) = session.conn.execute(
                    "SELECT stability FROM cards WHERE card_id = ?", (entry.card_id,)
                ).fetchone()
                draws.append(Draw(chance, recalled, stability))
        session.answer(entry.card_id, rating, duration_ms=8000)
        clock.now += timedelta(seconds=8)
        answers += 1
    return answers


@dataclass
class Outcome:
    answers: int
    reviews: int
    retention: float
    weekly: list[tuple[float, int]]  # (retention, review answers) per week
    per_day: list[int]  # answers of any kind
    reviews_per_day: list[int]  # answers to review-state cards
    longest_one_day_run: int
    unintroduced: int
    draws: list[Draw]

    def share(self, draws: list[Draw]) -> float:
        return sum(d.recalled for d in draws) / len(draws)

    def predicted(self, draws: list[Draw]) -> float:
        return sum(d.chance for d in draws) / len(draws)


def simulate(conn: sqlite3.Connection, cards: int, seed: int) -> Outcome:
    """`cards` new cards, studied daily for DAYS days by a learner drawing from `seed`."""
    records = [
        CardRecord(f"sim:{i:03d}", "sim", "basic", f"t{i % 4}", f"h{i}", f"e{i}")
        for i in range(cards)
    ]
    start = datetime.combine(FIRST_DAY, datetime.min.time(), BERLIN).astimezone(UTC)
    sync_deck(conn, DeckInfo("sim", "SIM", "1"), records, start)
    config = StudyConfig(
        timezone="Europe/Berlin", new_per_day=NEW_PER_DAY, desired_retention=DESIRED
    )
    clock = Clock(start)
    session = StudySession(conn, config, clock=clock)
    learner = random.Random(seed)

    per_day: list[int] = []
    draws: list[Draw] = []
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        minutes = 9 * 60 + learner.randint(-180, 180)
        at = datetime.combine(day, datetime.min.time(), BERLIN) + timedelta(minutes=minutes)
        clock.now = at.astimezone(UTC)
        per_day.append(study_one_day(session, clock, learner, draws))

    log = conn.execute(
        "SELECT card, reviewed_at, day, rating, state_before, card_after "
        "FROM review_log ORDER BY card, reviewed_at, id"
    ).fetchall()
    reviews = [r for r in log if r[4] == State.Review]
    first = min(r[2] for r in log)
    weekly: dict[int, list[bool]] = defaultdict(list)
    for r in reviews:
        weekly[(r[2] - first) // 7].append(r[3] > Rating.Again)

    # consecutive passed reviews that each left the card at a 1-day interval
    longest, runs = 0, defaultdict(int)
    for card, reviewed_at, _, rating, state_before, card_after in log:
        interval = Card.from_json(card_after).due - from_micros(reviewed_at)
        if state_before == State.Review and rating > Rating.Again and interval.days == 1:
            runs[card] += 1
            longest = max(longest, runs[card])
        else:
            runs[card] = 0

    return Outcome(
        answers=len(log),
        reviews=len(reviews),
        retention=sum(r[3] > Rating.Again for r in reviews) / len(reviews),
        weekly=[(sum(v) / len(v), len(v)) for _, v in sorted(weekly.items())],
        per_day=per_day,
        reviews_per_day=[sum(r[2] - first == d for r in reviews) for d in range(DAYS)],
        longest_one_day_run=longest,
        unintroduced=conn.execute("SELECT count(*) FROM cards WHERE state = 0").fetchone()[0],
        draws=draws,
    )


def test_simulated_learner_keeps_desired_retention(conn, seeded_global_random):
    """Retention where the scheduler can aim, calibration everywhere, no 1-day traps.

    Figures from 30 seeds (measured when this test was written): with 40 cards the
    learner makes ~165 review answers and retention varies by 3.5 points (SD) between
    seeds, so a 2-point check would pass or fail by luck; with 400 cards (~1,600 review
    answers, 0.5 s) the SD is under 1 point.

    Retention over *all* review answers comes out near 0.885, not 0.90, and that is the
    model, not a fault: a card whose stability is under one day (a new card failed on
    first sight, or one that just lapsed) cannot be given less than a 1-day interval,
    so it is reviewed at a recall chance near 0.80. Those are ~18% of review answers.
    The checks are therefore: retention within 2 points of 0.90 on reviews of cards with
    stability of a day or more; achieved recall within 2 points of what fsrs predicted
    over all reviews; the overall figure within a loose band. On the code that counted
    24-hour periods, the same simulation held cards at a 1-day interval for up to 8
    passed reviews in a row (here at most 3, all from a very low stability) and made
    35% more reviews.
    """
    out = simulate(conn, CARDS, SEED)
    steady = [d for d in out.draws if d.stability >= 1]
    print(f"\n{out.answers} answers, {out.reviews} to review cards over {DAYS} days")
    print(
        f"retention: all reviews {out.retention:.3f} (fsrs predicted "
        f"{out.predicted(out.draws):.3f}); stability >= 1 day {out.share(steady):.3f} "
        f"({len(steady)} reviews)"
    )
    print("retention per week (reviews):", ", ".join(f"{r:.3f} ({n})" for r, n in out.weekly))
    print("answers per day:", out.per_day)
    print("reviews per day:", out.reviews_per_day)
    print("longest run of passed reviews at a 1-day interval:", out.longest_one_day_run)
    assert out.unintroduced == 0
    assert abs(out.share(steady) - DESIRED) <= 0.02
    assert abs(out.share(out.draws) - out.predicted(out.draws)) <= 0.02
    assert 0.86 <= out.retention <= 0.92
    assert out.longest_one_day_run <= 3
