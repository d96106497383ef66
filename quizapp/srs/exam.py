"""Exam dates: per deck, the day the learner must know its cards, and a schedule aimed at it.

A deck's exam date is a study day (its calendar date; the day starts at the rollover
hour). The target is the desired retention. Before that day (README "Scheduling"):

1. **No interval jumps past the exam unseen.** When an answer on study day t gives a
   review card an interval that reaches the exam day, and the recall the card is predicted
   to have on the exam day (fsrs's forgetting curve from its new stability, after the study
   days from t to the exam) is below the target, the interval is cut to the last whole day
   on which recall is still at the target (at least one day). The card is then reviewed
   before the exam, and that review is checked the same way. An interval that ends before
   the exam, or passes it with recall on the exam day at or above the target, stays fsrs's
   own (fuzz included). After an answer the day before the exam no review can come before
   it, and from the exam day on the exam changes nothing: fsrs's intervals again.
2. **Every new card in time.** The deck's new cards a day are raised to at least the new
   cards left at the start of today divided by the study days left before the last
   `LEAD_DAYS` (3) days, rounded up (all of them today when fewer days are left), and at
   most `exam_max_new_per_day` (100). The last days before the exam are for reviews, so a
   card failed at first sight is relearned before it. When the ceiling is too low for all
   of them, the home screen and `quizapp config` say how many would stay unseen.
3. **Expected recall on exam day**, if the learner does the reviews the schedule asks
   for: the mean, over the deck's cards that are not suspended, of
   - a review card due on or after the exam day: its recall on the exam day from its
     stability now (it is not asked again before);
   - a card due before the exam, or in learning: the target (it will be answered before
     the exam, and rule 1 holds it at the target or above);
   - a new card: the target if the pace introduces it in time, else 0 (not learned).
   On the exam day itself every answered card counts its recall now, and new cards 0.
"""

import math
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from fsrs import Card, Scheduler, State

from quizapp.errors import InvalidValue
from quizapp.srs.config import StudyConfig
from quizapp.srs.days import study_day
from quizapp.srs.elapsed import recall_probability
from quizapp.store.forecast import forecast_cards, new_cards
from quizapp.store.queue import QueueQueries
from quizapp.store.settings import read_settings, write_setting
from quizapp.store.sync import list_decks
from quizapp.store.timeutil import from_micros

LEAD_DAYS = 3  # new cards are all in this many study days before the exam
SETTING = "exam_dates"  # settings table: {"deck id": "YYYY-MM-DD"}


def exam_dates(conn: sqlite3.Connection) -> dict[str, date]:
    """Every deck's exam date, past ones included."""
    stored = read_settings(conn).get(SETTING) or {}
    return {deck: date.fromisoformat(text) for deck, text in stored.items()}


def check_exam_dates(value: object) -> None:
    """ValueError unless `value` is what `exam_dates` can read (for `db check`)."""
    if not isinstance(value, dict):
        raise InvalidValue(f"{SETTING} must be an object of deck ids and dates")
    for deck, text in value.items():
        if not isinstance(text, str):
            raise InvalidValue(f"{SETTING}: {deck!r} needs a date, not {text!r}")
        parse_exam_date(text)


def parse_exam_date(text: str) -> date:
    """A date as YYYY-MM-DD; ValueError with the expected form otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(f"exam date must be a date as YYYY-MM-DD, not {text!r}") from None


def set_exam_date(conn: sqlite3.Connection, deck_id: str, when: date | None, today: date) -> None:
    """Store (or, with None, forget) a deck's exam date. ValueError for a deck not in the
    file or a date before `today`; nothing is written then."""
    known = [deck.deck_id for deck in list_decks(conn)]
    if deck_id not in known:
        raise InvalidValue(f"no deck {deck_id!r}; decks: {', '.join(known) or 'none yet'}")
    if when is not None and when < today:
        raise InvalidValue(f"exam date {when.isoformat()} is before today ({today.isoformat()})")
    dates = {deck: day.isoformat() for deck, day in exam_dates(conn).items()}
    if when is None:
        dates.pop(deck_id, None)
    else:
        dates[deck_id] = when.isoformat()
    write_setting(conn, SETTING, dict(sorted(dates.items())))


def exam_days(conn: sqlite3.Connection, today: int) -> dict[str, int]:
    """Each deck's exam as a study day, for exams still ahead (from today on)."""
    days = {deck: when.toordinal() for deck, when in exam_dates(conn).items()}
    return {deck: day for deck, day in days.items() if day >= today}


# -- 1. the interval cap ------------------------------------------------------------------


def exam_interval(scheduler: Scheduler, stability: float, interval: int, days_to_exam: int) -> int:
    """The interval (whole days) for a review card answered `days_to_exam` study days
    before its exam, given fsrs's `interval` and the card's new `stability`."""
    if days_to_exam < 2 or interval < days_to_exam:
        return interval
    target = scheduler.desired_retention
    if recall_probability(scheduler, days_to_exam, stability) >= target:
        return interval
    return min(days_to_exam - 1, days_at_target(scheduler, stability, target))


def aim_at_exam(scheduler: Scheduler, card: Card, answered: datetime, days_to_exam: int) -> None:
    """Cut `card`'s due time, set by an answer at `answered` on a study day `days_to_exam`
    before its deck's exam, by `exam_interval`: for the session's answers, and for a due
    time recomputed from the card's last answer (`config recompute --reschedule`)."""
    if card.state != State.Review or card.stability is None:
        return
    interval = round((card.due - answered) / timedelta(days=1))
    capped = exam_interval(scheduler, card.stability, interval, days_to_exam)
    if capped != interval:
        card.due = answered + timedelta(days=capped)


def days_at_target(scheduler: Scheduler, stability: float, target: float) -> int:
    """The last whole day (at least 1) on which recall is still at `target`."""
    decay = -scheduler.parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    days: int = max(1, math.floor(stability / factor * (target ** (1 / decay) - 1)))
    # the closed form can land a rounding error either side of the target
    while days > 1 and recall_probability(scheduler, days, stability) < target:
        days -= 1
    while recall_probability(scheduler, days + 1, stability) >= target:
        days += 1
    return days


# -- 2. the new-card pace -----------------------------------------------------------------


@dataclass(frozen=True)
class Pace:
    """New cards a day that bring every new card in before the exam."""

    new_left: int  # new cards to introduce, counted at the start of today
    days: int  # study days left to introduce them: today up to LEAD_DAYS before the exam
    needed: int  # new cards a day that introduce them all in time
    per_day: int  # the deck's limit: `needed` up to the ceiling, never below new_per_day

    @property
    def unseen(self) -> int:
        """New cards the ceiling leaves unseen by the exam."""
        return max(0, self.new_left - self.per_day * self.days)


def exam_pace(
    conn: sqlite3.Connection, deck_id: str, exam_day: int, today: int, config: StudyConfig
) -> Pace:
    """The pace for `deck_id`'s exam on study day `exam_day`, seen on study day `today`."""
    started_today = QueueQueries([deck_id]).done_today(conn, today)[0]
    return pace(new_cards(conn, deck_id) + started_today, exam_day - today, config)


def pace(new_left: int, days_to_exam: int, config: StudyConfig) -> Pace:
    """The pace for `new_left` new cards and an exam `days_to_exam` study days away."""
    days = max(1, days_to_exam - LEAD_DAYS) if days_to_exam > 0 else 0
    needed = -(-new_left // days) if days else 0
    per_day = max(config.new_per_day, min(needed, config.exam_max_new_per_day))
    return Pace(new_left, days, needed, per_day)


def new_card_limit(
    conn: sqlite3.Connection, config: StudyConfig, exams: dict[str, int], today: int
) -> int:
    """The day's new-card limit for a session on decks with these exams ahead: the sum of
    their own limits (one deck: its own), never below `new_per_day`."""
    paced = sum(exam_pace(conn, deck, day, today, config).per_day for deck, day in exams.items())
    return max(config.new_per_day, paced)


# -- 3. the expected recall on exam day ---------------------------------------------------


@dataclass(frozen=True)
class ExamOutlook:
    """What the home screen says about one deck's exam."""

    deck_id: str
    exam: date
    days_left: int  # 0 on the exam day
    target: float
    expected_recall: float | None  # None for a deck with no cards to study
    pace: Pace


def exam_outlook(
    conn: sqlite3.Connection, deck_id: str, exam: date, config: StudyConfig, today: int
) -> ExamOutlook:
    """The deck's expected recall on exam day and its new-card pace (module docstring)."""
    scheduler = config.scheduler(fuzz=False)
    target = config.desired_retention
    exam_day = exam.toordinal()
    tz = config.tzinfo()

    @cache
    def day_of(quarter_hour: int) -> int:  # day boundaries fall on whole quarter hours
        return study_day(from_micros(quarter_hour * _QUARTER_HOUR), config.day_starts_hour, tz)

    pace = exam_pace(conn, deck_id, exam_day, today, config)
    answered, new_now = forecast_cards(conn, deck_id)
    total = 0.0
    for state, stability, _, last, due, _deck in answered:
        asked_before = exam_day > today and (state != 2 or day_of(due // _QUARTER_HOUR) < exam_day)
        if asked_before:
            total += target
        else:
            elapsed = exam_day - day_of(last // _QUARTER_HOUR)
            total += recall_probability(scheduler, elapsed, stability)
    if exam_day > today:
        total += target * max(0, new_now - pace.unseen)  # the unseen ones are the last
    cards = len(answered) + new_now
    recall = total / cards if cards else None
    return ExamOutlook(deck_id, exam, exam_day - today, target, recall, pace)


_QUARTER_HOUR = 15 * 60 * 1_000_000  # microseconds


def outlook_lines(outlook: ExamOutlook, title: str) -> tuple[str, str | None]:
    """The outlook as one line, and a warning line when new cards cannot all come in time."""
    when = outlook.exam.strftime("%d %b %Y").lstrip("0")
    days = outlook.days_left
    left = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    line = f"{title} exam {left} ({when})"
    if outlook.expected_recall is not None:
        line += f": expected recall {outlook.expected_recall:.0%} (target {outlook.target:.0%})"
    pace = outlook.pace
    if not pace.unseen:
        return line, None
    cards = "card" if pace.unseen == 1 else "cards"
    return line, (
        f"needs {pace.needed} new cards a day, {pace.per_day} allowed: "
        f"{pace.unseen:,} new {cards} unseen by the exam"
    )
