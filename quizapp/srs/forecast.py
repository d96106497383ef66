"""Workload and retention forecast: the next days simulated for several desired retentions.

"Help me decide": what would 0.80, 0.85, 0.90 or 0.95 cost a day, and what would the
learner know? Each candidate is simulated day by day from the learner's own cards as
they are now (stability, difficulty, last answer, due day), with the learner's FSRS
parameters and settings (new cards a day, review limit, steps, maximum interval):

- a due review is recalled with the model's recall chance after the days elapsed; a
  recall is rated Hard, Good or Easy as often as the learner does; a lapse goes through
  the relearning steps (answered Good) the same day;
- a new card is introduced as the daily limit allows, first rated as the learner rates
  new cards, then answered Good through the learning steps (the fsrs scheduler itself
  gives its state after that first day);
- reviews beyond the daily review limit wait for the next day;
- the daily limits are the ones study uses: with `--deck`, the deck's own limits where
  it has them; over all decks the global limits cap the day's total and a deck with its
  own limit gives at most that many (new cards come deck by deck, in queue order);
- a learning card finishes its steps on the first day with the stability it has;
- with `--deck` and an exam date ahead, new cards follow the exam's pace and intervals
  its cap (`quizapp.srs.exam`), as study would;
- minutes are answers times the learner's mean seconds per answer (review answers and
  learning answers apart); with no log yet, 10 s and 20 s.

Memory updates are the fsrs scheduler's own formulas (its per-step functions), so the
forecast cannot drift from the scheduler; a test holds one simulated step equal to
`Scheduler.review_card`. Intervals are not fuzzed. The outcome is random, so a small
collection is simulated several times (at least `MIN_SIMULATED` cards in all) and the
figures averaged; the seed is fixed, so the same file gives the same forecast.

Total knowledge is the expected number of cards the learner would recall if asked that
day (the sum of every introduced card's recall chance); expected retention is that
divided by the introduced cards.
"""

import random
import sqlite3
from bisect import bisect
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import accumulate

from fsrs import Card, Rating, Scheduler, State

from quizapp.errors import InvalidValue
from quizapp.srs.config import StudyConfig, load_config
from quizapp.srs.days import study_day
from quizapp.srs.exam import exam_days, exam_interval, pace
from quizapp.srs.session import utc_now
from quizapp.store.forecast import (
    AnswerCounts,
    answer_counts,
    forecast_cards,
    new_cards_by_deck,
)
from quizapp.store.timeutil import from_micros

DEFAULT_RETENTIONS = (0.8, 0.85, 0.9, 0.95)
MIN_SIMULATED = 2000
KNOWLEDGE_POINTS = 12  # days on which total knowledge is summed (it costs a pass over cards)
SEED = 2026
# With no answers logged yet: Anki's simulator's defaults for how answers are rated.
FIRST_RATINGS = (0.24, 0.094, 0.495, 0.171)  # Again, Hard, Good, Easy at first sight
RECALL_RATINGS = (0.224, 0.631, 0.145)  # Hard, Good, Easy when recalled
REVIEW_SECONDS, LEARNING_SECONDS = 10.0, 20.0

Progress = Callable[[int, int], None]  # (cards simulated, in all: cards x runs x retentions)


@dataclass(frozen=True)
class Profile:
    """How the learner answers: rating frequencies and seconds per answer."""

    first_ratings: tuple[float, ...]  # Again, Hard, Good, Easy at first sight
    recall_ratings: tuple[float, ...]  # Hard, Good, Easy when a review is recalled
    review_seconds: float
    learning_seconds: float


@dataclass(frozen=True)
class Limits:
    """The daily limits of the simulated decks, as study applies them: a total a day, and
    per deck (by its index) its own cap, or None where only the total limits it."""

    new: int
    reviews: int
    new_caps: tuple[int | None, ...] = ()
    review_caps: tuple[int | None, ...] = ()

    @classmethod
    def of(cls, config: StudyConfig, decks: Sequence[str], deck_id: str | None) -> "Limits":
        chosen = None if deck_id is None else [deck_id]
        new_caps = config.deck_caps("new_per_day", chosen)
        review_caps = config.deck_caps("reviews_per_day", chosen)
        return cls(
            new=config.daily_limit("new_per_day", chosen),
            reviews=config.daily_limit("reviews_per_day", chosen),
            new_caps=tuple(new_caps.get(deck) for deck in decks),
            review_caps=tuple(review_caps.get(deck) for deck in decks),
        )


@dataclass(frozen=True)
class Outlook:
    """One desired retention's simulated days (means over the repeated runs)."""

    desired_retention: float
    answers: list[float]  # per day
    minutes: list[float]  # per day
    knowledge: list[tuple[int, float]]  # (day from today, expected cards recalled)
    introduced: float  # cards introduced by the last day (new ones included)

    @property
    def mean_knowledge(self) -> float:
        """Expected cards recalled, averaged over the days summed (spread evenly)."""
        return sum(k for _, k in self.knowledge) / len(self.knowledge) if self.knowledge else 0.0

    @property
    def retention(self) -> float:
        """Expected share of introduced cards recalled on the last day."""
        return self.knowledge[-1][1] / self.introduced if self.introduced else 0.0


@dataclass(frozen=True)
class Forecast:
    """The forecast for every candidate retention, and what it was built from."""

    start_day: int  # study day ordinal of today
    days: int
    cards: int  # cards answered at least once
    new_cards: int
    runs: int  # repeated simulations averaged
    profile: Profile
    outlooks: list[Outlook]


def forecast(
    conn: sqlite3.Connection,
    days: int,
    retentions: Sequence[float] = DEFAULT_RETENTIONS,
    *,
    deck_id: str | None = None,
    clock: Callable[[], datetime] = utc_now,
    progress: Progress | None = None,
) -> Forecast:
    """Simulate `days` days from today for each desired retention in `retentions`."""
    config = load_config(conn)
    for retention in retentions:
        replace(config, desired_retention=retention)  # ValueError outside 0.70-0.99
    tz = config.tzinfo()
    today = study_day(clock(), config.day_starts_hour, tz)

    def day_of(micros: int) -> int:
        return study_day(from_micros(micros), config.day_starts_hour, tz)

    exam = exam_days(conn, today).get(deck_id) if deck_id is not None else None
    exam_in = None if exam is None else exam - today
    memory, new_cards = forecast_cards(conn, deck_id)
    new_by_deck = new_cards_by_deck(conn, deck_id)
    decks = list(dict.fromkeys([*new_by_deck, *(row[5] for row in memory)]))
    deck_index = {deck: i for i, deck in enumerate(decks)}
    cards = [
        (stability, difficulty, day_of(last) - today, day_of(due) - today, deck_index[deck])
        for _, stability, difficulty, last, due, deck in memory
    ]
    new_per_deck = [new_by_deck.get(deck, 0) for deck in decks]
    limits = Limits.of(config, decks, deck_id)
    if not cards and not new_cards:
        raise InvalidValue("there are no cards to forecast: study a deck first")
    profile = learner_profile(answer_counts(conn))
    runs = max(1, -(-MIN_SIMULATED // max(1, len(cards) + new_cards)))
    seeds = random.Random(SEED)
    size = len(cards) + new_cards
    outlooks = []
    for index, retention in enumerate(retentions):
        scheduler = replace(config, desired_retention=retention).scheduler(fuzz=False)
        simulated = []
        for run in range(runs):
            rng = random.Random(seeds.random())
            simulated.append(
                simulate(
                    scheduler, cards, new_per_deck, config, limits, days, profile, rng, exam_in
                )
            )
            if progress is not None:
                progress((index * runs + run + 1) * size, len(retentions) * runs * size)
        outlooks.append(_mean(retention, simulated))
    return Forecast(today, days, len(cards), new_cards, runs, profile, outlooks)


def learner_profile(counts: AnswerCounts) -> Profile:
    """Rating frequencies and seconds per answer from the log (defaults where it is empty)."""
    first = [counts.first.get(rating, 0) for rating in (1, 2, 3, 4)]
    recalled = [counts.review.get(rating, 0) for rating in (2, 3, 4)]
    return Profile(
        first_ratings=_shares(first) or FIRST_RATINGS,
        recall_ratings=_shares(recalled) or RECALL_RATINGS,
        review_seconds=counts.review_seconds or REVIEW_SECONDS,
        learning_seconds=counts.learning_seconds or LEARNING_SECONDS,
    )


def _shares(counts: list[int]) -> tuple[float, ...] | None:
    total = sum(counts)
    return tuple(count / total for count in counts) if total else None


@dataclass(frozen=True)
class _Run:
    answers: list[int]
    seconds: list[float]
    knowledge: list[tuple[int, float]]
    introduced: int


def simulate(
    scheduler: Scheduler,
    cards: Sequence[tuple[float, float, int, int, int]],
    new_cards: Sequence[int],
    config: StudyConfig,
    limits: Limits,
    days: int,
    profile: Profile,
    rng: random.Random,
    exam: int | None = None,
) -> _Run:
    """One run. `cards`: (stability, difficulty, last answer day, due day, deck index),
    days from today; `new_cards`: each deck's new cards, in the order study takes them;
    `exam`: the deck's exam, days from today (0: today), if one is ahead."""
    decay = -scheduler.parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    relearning = len(scheduler.relearning_steps)
    stability = [card[0] for card in cards]
    difficulty = [card[1] for card in cards]
    last = [card[2] for card in cards]
    deck = [card[4] for card in cards]
    new_left = list(new_cards)
    due: list[list[int]] = [[] for _ in range(days + 1)]  # day `days`: beyond the horizon
    for index, card in enumerate(cards):
        due[min(max(card[3], 0), days)].append(index)
    first_day = [_first_day(scheduler, Rating(rating)) for rating in (1, 2, 3, 4)]
    first_cumulative = list(accumulate(profile.first_ratings))
    recall_cumulative = list(accumulate(profile.recall_ratings))
    recall_ratings = (Rating.Hard, Rating.Good, Rating.Easy)
    checkpoints = {round(days * (i + 1) / KNOWLEDGE_POINTS) - 1 for i in range(KNOWLEDGE_POINTS)}
    answers, seconds, knowledge = [0] * days, [0.0] * days, []

    def interval(stability: float, day: int) -> int:
        whole = scheduler._next_interval(stability=stability)
        return whole if exam is None else exam_interval(scheduler, stability, whole, exam - day)

    waiting: deque[int] = deque()
    introduced = 0
    for day in range(days):
        waiting.extend(due[day])  # reviews over the daily limit wait, oldest first
        today = _reviews_today(waiting, deck, limits)
        for index in today:
            s, d = stability[index], difficulty[index]
            elapsed = day - last[index]
            recall = (1 + factor * elapsed / s) ** decay if elapsed > 0 else 1.0
            if rng.random() < recall:
                rating = recall_ratings[
                    bisect(recall_cumulative, rng.random() * recall_cumulative[-1])
                ]
                answers[day] += 1
                seconds[day] += profile.review_seconds
            else:
                rating = Rating.Again
                answers[day] += 1 + relearning
                seconds[day] += profile.review_seconds + relearning * profile.learning_seconds
            s, d = review(scheduler, s, d, recall, rating)
            stability[index], difficulty[index], last[index] = s, d, day
            due[min(day + interval(s, day), days)].append(index)
        new_today = limits.new
        if exam is not None and day < exam:  # as study: the pace, never below the limit
            new_today = max(new_today, pace(sum(new_left), exam - day, config).per_day)
        for group, count in enumerate(_new_today(new_left, new_today, limits.new_caps)):
            new_left[group] -= count
            for _ in range(count):
                pick = bisect(first_cumulative, rng.random() * first_cumulative[-1])
                s, d, steps = first_day[min(pick, 3)]
                stability.append(s)
                difficulty.append(d)
                last.append(day)
                deck.append(group)
                due[min(day + interval(s, day), days)].append(len(stability) - 1)
                answers[day] += steps
                seconds[day] += steps * profile.learning_seconds
            introduced += count
        if day in checkpoints:
            known = sum(
                (1 + factor * (day - at) / s) ** decay
                for s, at in zip(stability, last, strict=True)
            )
            knowledge.append((day + 1, known))
    return _Run(answers, seconds, knowledge, len(cards) + introduced)


def _reviews_today(waiting: deque[int], deck: list[int], limits: Limits) -> list[int]:
    """The waiting reviews answered today, oldest first: up to the day's total, and from a
    deck with its own limit at most that many (its others wait, in order)."""
    if not any(cap is not None for cap in limits.review_caps):
        return [waiting.popleft() for _ in range(min(limits.reviews, len(waiting)))]
    taken = [0] * len(limits.review_caps)
    today: list[int] = []
    skipped: list[int] = []
    while waiting and len(today) < limits.reviews:
        index = waiting.popleft()
        cap = limits.review_caps[deck[index]]
        if cap is None or taken[deck[index]] < cap:
            taken[deck[index]] += 1
            today.append(index)
        else:
            skipped.append(index)
    waiting.extendleft(reversed(skipped))
    return today


def _new_today(left: list[int], total: int, caps: tuple[int | None, ...]) -> list[int]:
    """New cards introduced today from each deck, deck by deck in queue order: at most
    `total` in all, and no more than a deck's own cap or what it has left."""
    counts = []
    for have, cap in zip(left, caps, strict=True):
        count = min(have, total, have if cap is None else cap)
        counts.append(count)
        total -= count
    return counts


def review(
    scheduler: Scheduler, stability: float, difficulty: float, recall: float, rating: Rating
) -> tuple[float, float]:
    """A review card's (stability, difficulty) after `rating` on a later day, at recall
    chance `recall`; after Again, the relearning steps follow, each answered Good."""
    stability = scheduler._next_stability(
        difficulty=difficulty, stability=stability, retrievability=recall, rating=rating
    )
    difficulty = scheduler._next_difficulty(difficulty=difficulty, rating=rating)
    if rating == Rating.Again:
        for _ in scheduler.relearning_steps:
            stability = scheduler._short_term_stability(stability=stability, rating=Rating.Good)
            difficulty = scheduler._next_difficulty(difficulty=difficulty, rating=Rating.Good)
    return stability, difficulty


def _first_day(scheduler: Scheduler, rating: Rating) -> tuple[float, float, int]:
    """A new card's (stability, difficulty, answers) after its first day: `rating`, then
    Good at each learning step, by the fsrs scheduler itself."""
    moment = datetime(2000, 1, 1, tzinfo=UTC)
    # an id given: without one, fsrs's Card() sleeps 1 ms to keep its time-based ids apart
    card, _ = scheduler.review_card(Card(card_id=0, due=moment), rating, moment)
    answers = 1
    while card.state != State.Review:
        card, _ = scheduler.review_card(card, Rating.Good, card.due)
        answers += 1
    # fsrs sets both on the first review; the Optional in its types is for a new card
    assert card.stability is not None and card.difficulty is not None
    return card.stability, card.difficulty, answers


def _mean(retention: float, runs: list[_Run]) -> Outlook:
    count = len(runs)

    def mean(values: Sequence[Sequence[float]]) -> list[float]:
        return [sum(column) / count for column in zip(*values, strict=True)]

    days = [day for day, _ in runs[0].knowledge]
    return Outlook(
        desired_retention=retention,
        answers=mean([run.answers for run in runs]),
        minutes=[s / 60 for s in mean([run.seconds for run in runs])],
        knowledge=list(
            zip(days, mean([[k for _, k in run.knowledge] for run in runs]), strict=True)
        ),
        introduced=sum(run.introduced for run in runs) / count,
    )
