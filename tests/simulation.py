"""A simulated learner for the scheduler, and the ideal scheduler it is measured against.

Used by tests/test_simulated_learner.py (assertions, `make test`) and
tests/perf/test_simulation_figures.py (figures, `make perf`).

**The control learner** remembers exactly as fsrs's model says: a review succeeds with
probability R = (1 + FACTOR * t / S) ** DECAY (fsrs's forgetting curve, default
parameters), where S is the stability the scheduler holds for the card and t the study
days since its last answer. A new card is failed at first sight 30% of the time. Every
card draws from its own random stream (seeded by run seed and card), so two schedulers
that treat a card alike see the same outcomes for it ("common random numbers"), and a
difference in workload comes from the schedulers, not from luck.

**The ideal scheduler** is the same fsrs `Scheduler` (same parameters, desired retention,
steps, fuzz setting) driven without quizapp: each day at 09:00 UTC it answers every
review card whose due date falls on that study day, then introduces the day's new cards
in order, then works through learning steps at their due minute; fsrs is shown the exact
number of study days since the last answer; there are no daily review limits, no
burying and no time-of-day effects. quizapp's workload is compared with this one.

The formula and the day counting here are written out independently of quizapp's code
(`quizapp.srs.elapsed`, `quizapp.srs.days`), so a mistake there cannot hide itself.
"""

import random
import sqlite3
from collections import defaultdict
from copy import copy
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fsrs import Card, Rating, Scheduler, State

from quizapp.srs.config import StudyConfig
from quizapp.srs.exam import set_exam_date
from quizapp.srs.session import Queue, StudySession
from quizapp.store.connection import open_store
from quizapp.store.sync import CardRecord, DeckInfo, sync_deck
from tests.support.clock import Clock

ZONE = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2026, 10, 1)  # summer time ends on 25 October: a 25-hour day inside
DAY_STARTS_HOUR = 4
SECONDS_PER_ANSWER = 8


@dataclass(frozen=True)
class Plan:
    """One simulated run."""

    cards: int = 400
    days: int = 60
    new_per_day: int = 20
    desired: float = 0.9
    seed: int = 20261201
    jitter_minutes: int = 180  # study at 09:00 +- this, drawn each day
    fuzz: bool = True
    per_sibling: int = 1  # cards sharing a sibling key (burying acts on them)
    leech_threshold: int = 8  # 0: no leech suspension (the ideal scheduler has none)
    bury_reviews: bool = False
    memory: tuple[float, ...] | None = None  # the learner's own FSRS parameters (None: fsrs's)
    exam: bool = False  # an exam date on the day after the last study day


@dataclass(frozen=True)
class Review:
    """One answer to a card in the Review state."""

    card: str
    day: int  # 0-based study day of the run
    stability: float  # before the answer, in days
    chance: float  # the learner's true recall probability (the model's R)
    predicted: float  # the recall probability quizapp reported before the answer
    recalled: bool
    interval_days: float  # what the answer scheduled
    held_by_time_of_day: bool  # passed, got 1 day, where exact study days give more


@dataclass
class Run:
    """What a run did, for assertions and figures."""

    plan: Plan
    reviews: list[Review] = field(default_factory=list)
    answers_per_day: list[int] = field(default_factory=list)
    unintroduced: int = 0
    exam_recall: list[float] = field(default_factory=list)  # per card, on the exam day

    @property
    def reviews_per_day(self) -> list[int]:
        counts = [0] * self.plan.days
        for review in self.reviews:
            counts[review.day] += 1
        return counts

    @property
    def mean_reviews_per_day(self) -> float:
        return len(self.reviews) / self.plan.days

    @property
    def retention(self) -> float:
        return sum(r.recalled for r in self.reviews) / len(self.reviews)

    @property
    def steady(self) -> list[Review]:
        """Reviews the scheduler could aim: stability of a day or more.

        Below one day of stability fsrs's interval for the desired retention is under a
        day, and the shortest interval is one day, so those reviews come at a recall
        chance under the target (~0.8) under any scheduler, the ideal one included.
        """
        return [r for r in self.reviews if r.stability >= 1]

    @property
    def steady_retention(self) -> float:
        return sum(r.recalled for r in self.steady) / len(self.steady)

    @property
    def predicted(self) -> float:
        """The mean recall probability quizapp predicted."""
        return sum(r.predicted for r in self.reviews) / len(self.reviews)

    @property
    def prediction_gap(self) -> float:
        """The largest gap between quizapp's prediction and the learner's true chance."""
        return max(abs(r.predicted - r.chance) for r in self.reviews)

    @property
    def held(self) -> int:
        return sum(r.held_by_time_of_day for r in self.reviews)

    def weekly(self) -> list[tuple[float, int]]:
        """(retention, review answers) per week of the run."""
        weeks: dict[int, list[bool]] = defaultdict(list)
        for review in self.reviews:
            weeks[review.day // 7].append(review.recalled)
        return [(sum(v) / len(v), len(v)) for _, v in sorted(weeks.items())]


class Learner:
    """The control learner: memory as fsrs's model, one random stream per card.

    With `memory` (FSRS parameters), the learner's memory follows those parameters, not
    the scheduler's: it keeps its own state of every card, updated by its own answers,
    so a scheduler with other parameters mispredicts it in a known way (what fitting
    parameters to the learner's log is meant to correct).
    """

    def __init__(
        self, seed: int, scheduler: Scheduler, memory: tuple[float, ...] | None = None
    ) -> None:
        self._seed = seed
        self._streams: dict[str, random.Random] = {}
        own = scheduler if memory is None else Scheduler(parameters=memory, enable_fuzzing=False)
        self._truth = None if memory is None else own
        self._cards: dict[str, Card] = {}
        self._decay = -own.parameters[20]
        self._factor = 0.9 ** (1 / self._decay) - 1

    def _draw(self, card: str) -> float:
        stream = self._streams.get(card)
        if stream is None:
            stream = self._streams[card] = random.Random(f"{self._seed}:{card}")
        return stream.random()

    def chance(self, stability: float, days: int) -> float:
        """fsrs's forgetting curve after `days` study days."""
        return (1 + self._factor * days / stability) ** self._decay

    def chance_of(self, card: str, held: Card, days: int) -> float:
        """The recall chance of `card`, which the scheduler holds as `held`."""
        if self._truth is None:
            return self.chance(held.stability, days)
        return self.chance(self._cards[card].stability, days)

    def answered(self, card: str, rating: Rating, moment: datetime, days: int) -> None:
        """Update the learner's own memory of `card` (only with its own parameters)."""
        if self._truth is not None:
            own = self._cards.get(card) or Card(card_id=0, due=moment)  # no id: a 1 ms sleep
            self._cards[card], _ = self._truth.review_card(
                shown_exactly(own, moment, days), rating, moment
            )

    def first_sight(self, card: str) -> Rating:
        return Rating.Again if self._draw(card) < 0.3 else Rating.Good

    def recalls(self, card: str, chance: float) -> bool:
        return self._draw(card) < chance


def exact_days(card: Card, moment: datetime, day_of) -> int:
    """Study days since the card's last answer, by `day_of` (0 for a card never answered)."""
    return 0 if card.last_review is None else day_of(moment) - day_of(card.last_review)


def shown_exactly(card: Card, moment: datetime, days: int) -> Card:
    """The card with `last_review` placed so that fsrs counts exactly `days` days."""
    if days < 1 or card.state != State.Review:
        return card
    presented = copy(card)
    presented.last_review = moment - timedelta(days=days)
    return presented


def _ideal_interval(scheduler: Scheduler, card: Card, moment: datetime, days: int) -> float:
    """The interval, in days, that exact study days give for a Good answer (no fuzz)."""
    after, _ = scheduler.review_card(shown_exactly(card, moment, days), Rating.Good, moment)
    return (after.due - moment) / timedelta(days=1)


def _berlin_day(moment: datetime) -> int:
    local = moment.astimezone(ZONE).replace(tzinfo=None) - timedelta(hours=DAY_STARTS_HOUR)
    return local.date().toordinal()


def simulate_session(conn: sqlite3.Connection, plan: Plan) -> Run:
    """`plan` studied through quizapp's StudySession on the progress file `conn`."""
    records = [
        CardRecord(
            f"sim:{i:03d}", "sim", "basic", f"t{i % 4}", f"h{i}", f"e{i // plan.per_sibling}"
        )
        for i in range(plan.cards)
    ]
    start = datetime.combine(FIRST_DAY, datetime.min.time(), ZONE).astimezone(UTC)
    sync_deck(conn, DeckInfo("sim", "SIM", "1"), records, start)
    if plan.exam:
        set_exam_date(conn, "sim", exam_date(plan), FIRST_DAY)
    config = StudyConfig(
        timezone=ZONE.key,
        new_per_day=plan.new_per_day,
        desired_retention=plan.desired,
        fuzz=plan.fuzz,
        leech_threshold=plan.leech_threshold,
        bury_reviews=plan.bury_reviews,
    )
    clock = Clock(start)
    session = StudySession(conn, config, clock=clock)
    exact = config.scheduler(fuzz=False)
    learner = Learner(plan.seed, exact, plan.memory)
    times = random.Random(plan.seed)
    run = Run(plan)
    first = FIRST_DAY.toordinal()
    for offset in range(plan.days):
        minutes = 9 * 60 + times.randint(-plan.jitter_minutes, plan.jitter_minutes)
        at = datetime.combine(FIRST_DAY + timedelta(days=offset), datetime.min.time(), ZONE)
        clock.now = (at + timedelta(minutes=minutes)).astimezone(UTC)
        answers = 0
        while (entry := session.next_card()) is not None:
            if entry.queue is Queue.LEARNING and entry.due > clock.now:
                clock.now = entry.due  # wait for the step rather than answer ahead
            row = conn.execute(
                "SELECT fsrs FROM cards WHERE card_id = ?", (entry.card_id,)
            ).fetchone()
            if row[0] is None:
                rating, days = learner.first_sight(entry.card_id), 0
            else:
                card = Card.from_json(row[0])
                days = exact_days(card, clock.now, _berlin_day)
                chance = learner.chance_of(entry.card_id, card, days)
                predicted = session.retrievability(entry.card_id)
                recalled = learner.recalls(entry.card_id, chance)
                rating = Rating.Good if recalled else Rating.Again
            result = session.answer(entry.card_id, rating, duration_ms=SECONDS_PER_ANSWER * 1000)
            learner.answered(entry.card_id, rating, clock.now, days)
            if row[0] is not None and card.state == State.Review:
                interval = result.interval / timedelta(days=1)
                held = (
                    recalled and interval < 2 and _ideal_interval(exact, card, clock.now, days) >= 2
                )
                run.reviews.append(
                    Review(
                        entry.card_id,
                        offset,
                        card.stability,
                        chance,
                        predicted,
                        recalled,
                        interval,
                        held,
                    )
                )
            clock.now += timedelta(seconds=SECONDS_PER_ANSWER)
            answers += 1
        assert _berlin_day(clock.now) - first == offset, "a study session ran past the day"
        run.answers_per_day.append(answers)
    run.unintroduced = conn.execute("SELECT count(*) FROM cards WHERE state = 0").fetchone()[0]
    run.exam_recall = recall_on(conn, exam_date(plan), learner)
    return run


def studied(path: Path, plan: Plan) -> Run:
    """`plan` studied on a new progress file at `path`, the global random seeded by the
    plan (fsrs draws its fuzz from it) and restored afterwards."""
    state = random.getstate()
    random.seed(plan.seed)
    conn = open_store(path, synchronous="NORMAL")
    try:
        return simulate_session(conn, plan)
    finally:
        conn.close()
        random.setstate(state)


def exam_date(plan: Plan) -> date:
    """The day after the run's last study day: the exam day when `plan.exam` is set."""
    return FIRST_DAY + timedelta(days=plan.days)


def recall_on(conn: sqlite3.Connection, day: date, learner: "Learner") -> list[float]:
    """Every card's recall chance on study day `day` (at its start), by the learner's model
    and the cards' stored memory; 0 for a card never answered."""
    first = datetime.combine(day, datetime.min.time(), ZONE) + timedelta(hours=DAY_STARTS_HOUR)
    chances = []
    for card_id, fsrs_json in conn.execute("SELECT card_id, fsrs FROM cards ORDER BY card_id"):
        if fsrs_json is None:
            chances.append(0.0)
            continue
        card = Card.from_json(fsrs_json)
        days = exact_days(card, first.astimezone(UTC), _berlin_day)
        chances.append(learner.chance_of(card_id, card, days))
    return chances


def simulate_ideal(plan: Plan) -> Run:
    """`plan` under the ideal scheduler (see the module docstring)."""
    scheduler = StudyConfig(desired_retention=plan.desired, fuzz=plan.fuzz).scheduler()
    learner = Learner(plan.seed, scheduler)
    start = datetime(2026, 10, 1, DAY_STARTS_HOUR, tzinfo=UTC)

    def day_of(moment: datetime) -> int:
        return (moment - start) // timedelta(days=1)

    names = [f"sim:{i:03d}" for i in range(plan.cards)]
    cards: dict[str, Card] = {}
    run = Run(plan)
    for day in range(plan.days):
        now = start + timedelta(days=day, hours=9 - DAY_STARTS_HOUR)
        answers = 0
        due = sorted(
            (c.due, name)
            for name, c in cards.items()
            if c.state == State.Review and day_of(c.due) <= day
        )
        fresh = names[len(cards) : len(cards) + plan.new_per_day]
        for _, name in due:
            card = cards[name]
            days = exact_days(card, now, day_of)
            chance = learner.chance(card.stability, days)
            recalled = learner.recalls(name, chance)
            rating = Rating.Good if recalled else Rating.Again
            cards[name], _ = scheduler.review_card(shown_exactly(card, now, days), rating, now)
            interval = (cards[name].due - now) / timedelta(days=1)
            run.reviews.append(
                Review(name, day, card.stability, chance, chance, recalled, interval, False)
            )
            now += timedelta(seconds=SECONDS_PER_ANSWER)
            answers += 1
        for name in fresh:
            card = Card(card_id=len(cards) + 1, due=now)
            cards[name], _ = scheduler.review_card(card, learner.first_sight(name), now)
            now += timedelta(seconds=SECONDS_PER_ANSWER)
            answers += 1
        while learning := [
            (c.due, name)
            for name, c in cards.items()
            if c.state in (State.Learning, State.Relearning) and day_of(c.due) <= day
        ]:
            _, name = min(learning)
            card = cards[name]
            now = max(now, card.due)
            recalled = learner.recalls(name, learner.chance(card.stability, 0))
            rating = Rating.Good if recalled else Rating.Again
            cards[name], _ = scheduler.review_card(card, rating, now)
            now += timedelta(seconds=SECONDS_PER_ANSWER)
            answers += 1
        run.answers_per_day.append(answers)
    run.unintroduced = plan.cards - len(cards)
    return run
