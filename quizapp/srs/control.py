"""The learner's control over cards, Anki's names: suspend, unsuspend, bury, unbury, reset,
flag, unflag; and a backlog spread out (postpone) or tomorrow's reviews brought in (advance).

Each call is one transaction. None of these writes a review or changes a memory state:
postpone and advance move due dates only (as Anki's "Set due date"), and reset keeps the
review log as history (`cards.reset_at` tells recomputation to start after it). A card
postponed in a deck with an exam ahead is due no later than its last answer's interval
cut by the exam allows (`quizapp.srs.exam.exam_interval`), as an answer's would be.
"""

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Scheduler

from quizapp.errors import InvalidValue
from quizapp.srs.config import StudyConfig, load_config
from quizapp.srs.days import day_start, study_day
from quizapp.srs.elapsed import retrievability
from quizapp.srs.exam import exam_days, exam_interval
from quizapp.store import card_actions
from quizapp.store.timeutil import to_micros
from quizapp.store.transaction import transaction

ACTIONS = card_actions.ACTIONS


@dataclass(frozen=True)
class ActionResult:
    """How many cards an action changed, and how many already were that way."""

    action: str
    changed: int
    unchanged: int


def apply_action(
    conn: sqlite3.Connection,
    action: str,
    card_ids: Sequence[str],
    now: datetime,
    config: StudyConfig | None = None,
) -> ActionResult:
    """Apply one action to the cards, all or nothing; KeyError names an unknown card id."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; actions: {', '.join(ACTIONS)}")
    config = config or load_config(conn)
    unique = list(dict.fromkeys(card_ids))
    with transaction(conn):
        unknown = card_actions.unknown_cards(conn, unique)
        if unknown:
            raise KeyError(unknown[0])
        day = study_day(now, config.day_starts_hour, config.tzinfo())
        changed = card_actions.apply_action(conn, action, unique, day=day, now=to_micros(now))
    return ActionResult(action, changed, len(unique) - changed)


def postpone(
    conn: sqlite3.Connection,
    days: int,
    now: datetime,
    deck_ids: Sequence[str] | None = None,
    config: StudyConfig | None = None,
) -> int:
    """Spread the review backlog (review cards due by the end of today) over `days` study
    days from today: the cards least likely to be recalled stay today, the most stable
    go last, an even share each day; never past what a deck's exam allows. Returns how
    many cards moved to a later day."""
    if days < 1:
        raise InvalidValue("postpone needs 1 day or more")
    config = config or load_config(conn)
    today = study_day(now, config.day_starts_hour, config.tzinfo())
    exams = exam_days(conn, today)
    scheduler = config.scheduler()
    with transaction(conn):
        backlog = _by_recall(conn, config, now, deck_ids, due_today=True)
        offsets = [rank * days // len(backlog) for rank in range(len(backlog))]
        offsets = [
            _before_exam(scheduler, config, card, offset, today, exams.get(card.deck_id))
            for card, offset in zip(backlog, offsets, strict=True)
        ]
        moves = [
            _moved(card, _day_start(config, now, offset))
            for card, offset in zip(backlog, offsets, strict=True)
            if offset
        ]
        card_actions.move_due(conn, moves)
    return len(moves)


def _before_exam(
    scheduler: Scheduler,
    config: StudyConfig,
    card: card_actions.DueCard,
    offset: int,
    today: int,
    exam: int | None,
) -> int:
    """`offset` (days from today), or fewer where the exam cap on the interval from the
    card's last answer ends sooner (none: the card stays today)."""
    fsrs = Card.from_json(card.fsrs)
    if exam is None or not offset or fsrs.last_review is None or fsrs.stability is None:
        return offset
    answered = study_day(fsrs.last_review, config.day_starts_hour, config.tzinfo())
    wanted = today + offset - answered
    allowed = exam_interval(scheduler, fsrs.stability, wanted, exam - answered)
    return max(0, min(offset, answered + allowed - today))


def advance(
    conn: sqlite3.Connection,
    count: int,
    now: datetime,
    deck_ids: Sequence[str] | None = None,
    config: StudyConfig | None = None,
) -> int:
    """Bring up to `count` review cards due on a later day into today, the ones with the
    lowest recall now first (they gain most from a review). Returns how many moved."""
    if count < 1:
        raise InvalidValue("advance needs 1 card or more")
    config = config or load_config(conn)
    with transaction(conn):
        later = _by_recall(conn, config, now, deck_ids, due_today=False)
        moves = [_moved(card, now) for card in later[:count]]
        card_actions.move_due(conn, moves)
    return len(moves)


def _day_start(config: StudyConfig, now: datetime, offset: int) -> datetime:
    """When the study day `offset` days after `now`'s begins."""
    tz, hour = config.tzinfo(), config.day_starts_hour
    return day_start(study_day(now, hour, tz) + offset, hour, tz)


def _by_recall(
    conn: sqlite3.Connection,
    config: StudyConfig,
    now: datetime,
    deck_ids: Sequence[str] | None,
    *,
    due_today: bool,
) -> list[card_actions.DueCard]:
    """Review cards due by the end of today (or on a later day), the lowest recall first."""
    tomorrow = to_micros(_day_start(config, now, 1))
    cards = card_actions.review_cards(
        conn,
        due_before=tomorrow if due_today else None,
        due_from=None if due_today else tomorrow,
        deck_ids=deck_ids,
    )
    scheduler, hour, tz = config.scheduler(), config.day_starts_hour, config.tzinfo()
    return sorted(
        cards, key=lambda c: retrievability(scheduler, Card.from_json(c.fsrs), now, hour, tz)
    )


def _moved(card: card_actions.DueCard, due: datetime) -> tuple[int, int, str]:
    """The card due at `due`: the column and fsrs's own copy (the truth) agree."""
    fsrs = Card.from_json(card.fsrs)
    fsrs.due = due
    return card.id, to_micros(due), fsrs.to_json()
