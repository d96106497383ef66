"""Recompute memory states from the review log, as Anki does when FSRS settings change.

A card's stability and difficulty are a function of its answers and the FSRS parameters.
When the parameters change (fitted to the learner's own log, or set by hand), the stored
states were computed under the old ones and must be replayed. The replay follows the
session's rules exactly: each logged answer at its logged time, fresh `Card` at the first
one, elapsed time in study days for review cards (`quizapp.srs.elapsed`); so the result
equals what studying under the new parameters from the start would have stored.

Only memory is replaced: state, learning step, last review and due time stay as stored.
With `reschedule` (Anki's "Reschedule cards on change"), a review card's due time becomes
its last review plus the interval the new state and desired retention give, so a change
of desired retention takes effect at once rather than one review later; a deck's exam
ahead cuts that interval as it cuts an answer's (`quizapp.srs.exam.aim_at_exam`).

Everything, the settings change included, happens in one transaction: a crash or a
kill part-way leaves the file as it was. The review log itself is history and is not
rewritten (undo of an answer given before the change restores the state logged then).
"""

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from quizapp.srs.config import StudyConfig, load_config, with_settings
from quizapp.srs.days import study_day
from quizapp.srs.elapsed import as_fsrs_sees
from quizapp.srs.exam import aim_at_exam, exam_days
from quizapp.store.memory import answered_cards, answers_by_card, stored_memory, write_memory
from quizapp.store.settings import delete_setting_in, put_setting
from quizapp.store.timeutil import from_micros, to_micros
from quizapp.store.transaction import transaction

# Settings whose change makes stored memory states or due times stale.
MEMORY_SETTINGS = frozenset({"parameters", "desired_retention"})

Progress = Callable[[int, int], None]  # (cards done, cards in all)


@dataclass(frozen=True)
class RecomputeResult:
    """What a recomputation changed."""

    cards: int  # cards whose memory was recomputed
    rescheduled: int  # review cards given a new due time


def change_memory_settings(
    conn: sqlite3.Connection,
    changes: dict[str, Any],
    *,
    forget: Sequence[str] = (),
    record: Mapping[str, Any] | None = None,
    reschedule: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> RecomputeResult:
    """Store `changes` (JSON values), forget the `forget` keys, recompute: atomically.

    `record` holds other entries of the settings table written in the same transaction
    (a fit's undo record); a None value deletes its key. `now` (default: the clock's)
    tells which exams are still ahead.
    """
    defaults = StudyConfig()
    config = with_settings(
        load_config(conn), {**changes, **{key: getattr(defaults, key, None) for key in forget}}
    )
    with transaction(conn):
        for key, value in changes.items():
            put_setting(conn, key, value)
        for key in forget:
            delete_setting_in(conn, key)
        for key, value in (record or {}).items():
            if value is None:
                delete_setting_in(conn, key)
            else:
                put_setting(conn, key, value)
        return _recompute(conn, config, reschedule, progress, now)


def recompute_memory(
    conn: sqlite3.Connection,
    config: StudyConfig | None = None,
    *,
    reschedule: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> RecomputeResult:
    """Recompute every answered card's memory under `config` (default: the file's)."""
    config = config if config is not None else load_config(conn)
    with transaction(conn):
        return _recompute(conn, config, reschedule, progress, now)


def _recompute(
    conn: sqlite3.Connection,
    config: StudyConfig,
    reschedule: bool,
    progress: Progress | None,
    now: datetime | None,
) -> RecomputeResult:
    scheduler = config.scheduler()
    hour, tz = config.day_starts_hour, config.tzinfo()
    exams = exam_days(conn, study_day(now or datetime.now(UTC), hour, tz)) if reschedule else {}
    total = answered_cards(conn)
    done = rescheduled = 0
    for card_id, answers in answers_by_card(conn):
        replayed = replay(scheduler, card_id, answers, config)
        fsrs_json, _, deck_id = stored_memory(conn, card_id)
        card = Card.from_json(fsrs_json) if fsrs_json else replayed
        card.stability, card.difficulty = replayed.stability, replayed.difficulty
        if reschedule and card.state == State.Review and replayed.state == State.Review:
            if deck_id in exams:  # the last answer's interval, cut as the session cuts it
                answered = from_micros(answers[-1][0])
                days_to_exam = exams[deck_id] - study_day(answered, hour, tz)
                aim_at_exam(scheduler, replayed, answered, days_to_exam)
            card.due = replayed.due
            rescheduled += 1
        write_memory(
            conn,
            card_id,
            fsrs=card.to_json(),
            stability=card.stability,
            difficulty=card.difficulty,
            due=to_micros(card.due),
        )
        done += 1
        if progress is not None:
            progress(done, total)
    return RecomputeResult(cards=done, rescheduled=rescheduled)


def replay(
    scheduler: Scheduler,
    card_id: int,
    answers: list[tuple[int, int, int | None]],
    config: StudyConfig,
) -> Card:
    """The card as the session would have left it after `answers` under `scheduler`."""
    card: Card | None = None
    for _, after in replay_steps(scheduler, card_id, answers, config):
        card = after
    if card is None:
        raise ValueError(f"card {card_id} has no answers to replay")
    return card


def replay_steps(
    scheduler: Scheduler,
    card_id: int,
    answers: Iterable[tuple[int, int, int | None]],
    config: StudyConfig,
) -> Iterator[tuple[Card, Card]]:
    """(card before, card after) for each answer in turn, as the session would log them:
    a fresh `Card` before the first, elapsed time in study days, the real cards yielded."""
    tz = config.tzinfo()
    card: Card | None = None
    for at, rating, duration in answers:
        moment = from_micros(at)
        before = Card(card_id=card_id, due=moment) if card is None else card
        card, _ = scheduler.review_card(
            as_fsrs_sees(before, moment, config.day_starts_hour, tz),
            Rating(rating),
            review_datetime=moment,
            review_duration=duration,
        )
        yield before, card
