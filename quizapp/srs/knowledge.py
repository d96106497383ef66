"""What the learner knows now, the time they spend, and what today asks of them.

Total knowledge is Anki's "estimated total knowledge": the sum over every answered card
of its predicted recall now, i.e. how many of those cards the learner would recall if
asked all of them today. Elapsed time is counted in study days, as the scheduler does.

Today's minutes are an estimate from the learner's own answer times (the last 30 days,
each answer counted at most 60 s, as Anki caps them); until a kind of answer has been
given often enough, a default time stands in for it.
"""

import sqlite3
from dataclasses import dataclass

from quizapp.srs.config import StudyConfig
from quizapp.srs.elapsed import recall_probability
from quizapp.srs.session import Counts
from quizapp.store.stats import (
    Stats,
    TopicStats,
    answer_seconds,
    review_cards_memory,
    seconds_per_day,
)

TIME_DAYS = 30  # the window for time per day and for answer times
CAP_MS = 60_000
MIN_ANSWERS = 10  # answers of one kind before the learner's own time replaces the default
# Seconds per answer, by the card's state before it (new, learning, review, relearning),
# until the learner has their own: a first look at a card takes longer than a review.
DEFAULT_SECONDS = {0: 20.0, 1: 8.0, 2: 8.0, 3: 8.0}
WEAK_MIN_ANSWERS = 5  # a topic's accuracy says little on fewer answers


@dataclass(frozen=True)
class Knowledge:
    """Total knowledge now, and time spent per day over the last `TIME_DAYS` days."""

    day: int
    answered_cards: int
    total_knowledge: float  # expected number of answered cards recalled if asked now
    seconds_per_day: list[float]  # oldest first, the last value today

    @property
    def average_minutes(self) -> dict[str, float]:
        """Mean minutes per calendar day over the last 7 and 30 days (days off count)."""
        return {
            f"{n}d": sum(self.seconds_per_day[-n:]) / 60 / n
            for n in (7, 30)
            if n <= len(self.seconds_per_day)
        }


def knowledge(
    conn: sqlite3.Connection, day: int, config: StudyConfig, deck_id: str | None = None
) -> Knowledge:
    """Total knowledge and time per day on study day `day` (of one deck, if given)."""
    scheduler = config.scheduler(fuzz=False)
    cards = review_cards_memory(conn, deck_id, answered=True)
    spent = seconds_per_day(conn, day=day, days=TIME_DAYS, deck_id=deck_id)
    return Knowledge(
        day=day,
        answered_cards=len(cards),
        total_knowledge=sum(recall_probability(scheduler, day - last, s) for last, s in cards),
        seconds_per_day=[spent.get(d, 0.0) for d in range(day - TIME_DAYS + 1, day + 1)],
    )


@dataclass(frozen=True)
class TodayPlan:
    """What to study today: the cards waiting, the weakest topic, the time it may take."""

    reviews: int
    learning: int
    new: int
    minutes: float
    weakest: TopicStats | None


def today_plan(
    conn: sqlite3.Connection, counts: Counts, stats: Stats, config: StudyConfig
) -> TodayPlan:
    """The plan for the cards `counts` leaves today (as the study queue counts them)."""
    seconds = answer_times(conn, stats.day)
    return TodayPlan(
        reviews=counts.review,
        learning=counts.learning,
        new=counts.new,
        minutes=estimate_minutes(counts, seconds, config),
        weakest=weakest_topic(stats.topics, below=config.desired_retention),
    )


def answer_times(conn: sqlite3.Connection, day: int) -> dict[int, float]:
    """Seconds per answer by state before it: the learner's own where there are enough."""
    own = answer_seconds(conn, day=day, days=TIME_DAYS, cap_ms=CAP_MS)
    return {
        state: own[state][0] if own.get(state, (0, 0))[1] >= MIN_ANSWERS else default
        for state, default in DEFAULT_SECONDS.items()
    }


def estimate_minutes(counts: Counts, seconds: dict[int, float], config: StudyConfig) -> float:
    """Each review once, plus its relearning steps when forgotten (1 - desired retention
    of the time); each learning card once more; each new card once and then once per
    learning step."""
    lapse = (1 - config.desired_retention) * len(config.relearning_steps_minutes)
    total = (
        counts.review * (seconds[2] + lapse * seconds[3])
        + counts.learning * seconds[1]
        + counts.new * (seconds[0] + len(config.learning_steps_minutes) * seconds[1])
    )
    return total / 60


def weakest_topic(topics: list[TopicStats], below: float = 1.0) -> TopicStats | None:
    """The topic with the lowest recent accuracy, among those with enough answers, when
    that accuracy is below `below` (a topic answered all right is nobody's weakest)."""
    answered = [t for t in topics if t.accuracy is not None and t.answers >= WEAK_MIN_ANSWERS]
    weakest = min(answered, key=lambda t: (t.accuracy or 0.0, t.mastery), default=None)
    return weakest if weakest is not None and (weakest.accuracy or 0.0) < below else None
