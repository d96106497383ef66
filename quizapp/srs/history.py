"""Answers given outside quizapp (an Anki review log) added to the review log.

For each card, the answers already logged and the new ones are merged in time order and
replayed with the session's rules (`recompute.replay_steps`). A new answer is logged with
the card before and after it as that replay gives them, as if it had been given in quizapp
at its time; answers already logged stay as they are (the log is history, as in
`recompute`). The card then takes the replay's end state: memory, state, due time, last
review, reps and lapses. So it holds what studying the merged log from the start would
have stored, and `recompute` leaves its memory unchanged. Flags, suspension, leech marks
and burying are the learner's and are not touched.

An answer is the one already logged when it is for the same card at the same microsecond,
so adding the same answers twice adds nothing. An added row's `undo` holds only where the
answer came from: the study session undoes its own answers, never these.

The caller holds the write transaction (an import adds a deck's cards and the answers in
one).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from quizapp.srs.config import StudyConfig
from quizapp.srs.days import study_day
from quizapp.srs.recompute import replay_steps
from quizapp.store.cards import ReviewRow, get_card_by_rowid, insert_review, write_schedule
from quizapp.store.memory import card_answers
from quizapp.store.timeutil import from_micros, to_micros

NEW = 0  # our state for a card never answered
Logged = tuple[int, int, int | None]  # (reviewed_at, rating, duration_ms) of a logged answer


@dataclass(frozen=True)
class Answer:
    """One answer given elsewhere."""

    at: int  # microseconds since the epoch, UTC
    rating: int  # 1-4: Again, Hard, Good, Easy
    duration_ms: int | None
    origin: dict[str, Any]  # where it came from, kept in the log row


@dataclass(frozen=True)
class AddResult:
    """What adding answers changed."""

    added: int  # answers written to the log
    present: int  # answers the log already had
    cards: int  # cards whose schedule was replayed


def add_answers(
    conn: sqlite3.Connection,
    config: StudyConfig,
    answers: Mapping[int, Sequence[Answer]],
    progress: Callable[[int], None] | None = None,
) -> AddResult:
    """Add `answers` (by internal card id) to the log and replay each card they touch."""
    scheduler = config.scheduler()
    added = present = cards = 0
    for card, given in answers.items():
        logged, new = _split(conn, card, given)
        present += len(given) - len(new)
        if new:
            _replay(conn, config, scheduler, card, logged, new)
            added += len(new)
            cards += 1
        if progress is not None:
            progress(1)
    return AddResult(added=added, present=present, cards=cards)


def count_new(
    conn: sqlite3.Connection | None, answers: Iterable[tuple[int | None, Sequence[Answer]]]
) -> AddResult:
    """What `add_answers` would do, without writing: `answers` are (internal card id,
    answers) pairs, where None (or no `conn`) is a card the file does not have yet."""
    added = present = cards = 0
    for card, given in answers:
        new = _distinct(given) if conn is None or card is None else _split(conn, card, given)[1]
        present += len(given) - len(new)
        added += len(new)
        cards += int(bool(new))
    return AddResult(added=added, present=present, cards=cards)


def _split(
    conn: sqlite3.Connection, card: int, given: Sequence[Answer]
) -> tuple[list[Logged], list[Answer]]:
    """The card's logged answers, and those of `given` not among them, in time order."""
    logged = card_answers(conn, card)
    times = {at for at, _, _ in logged}
    return logged, _distinct(a for a in given if a.at not in times)


def _distinct(given: Iterable[Answer]) -> list[Answer]:
    """One answer per moment, in time order."""
    return sorted({a.at: a for a in given}.values(), key=attrgetter("at"))


def _replay(
    conn: sqlite3.Connection,
    config: StudyConfig,
    scheduler: Scheduler,
    card: int,
    logged: list[Logged],
    new: list[Answer],
) -> None:
    """Log the new answers of one card and store the state the merged log ends in."""
    merged: list[tuple[int, int, int | None, Answer | None]] = sorted(
        [(at, rating, duration, None) for at, rating, duration in logged]
        + [(a.at, a.rating, a.duration_ms, a) for a in new],
        key=lambda entry: entry[0],
    )
    row = get_card_by_rowid(conn, card)
    if row is None:
        raise ValueError(f"card {card} is not in the progress file")
    tz = config.tzinfo()
    reps = lapses = 0
    after: Card | None = None
    steps = replay_steps(scheduler, card, [entry[:3] for entry in merged], config)
    for (at, rating, duration, answer), (before, after) in zip(merged, steps, strict=True):
        state_before = NEW if reps == 0 else int(before.state)
        lapses += int(state_before == State.Review and rating == Rating.Again)
        reps += 1
        if answer is None:
            continue
        insert_review(
            conn,
            ReviewRow(
                id=0,
                card=card,
                reviewed_at=at,
                day=study_day(from_micros(at), config.day_starts_hour, tz),
                rating=rating,
                duration_ms=duration,
                state_before=state_before,
                state_after=int(after.state),
                card_before=before.to_json(),
                card_after=after.to_json(),
                undo={"imported": answer.origin},
                vignette_seed=None,
            ),
        )
    assert after is not None  # `new` is never empty
    write_schedule(
        conn,
        card,
        {
            **row.schedule(),
            "state": int(after.state),
            "due": to_micros(after.due),
            "last_review": merged[-1][0],
            "stability": after.stability,
            "difficulty": after.difficulty,
            "fsrs": after.to_json(),
            "reps": reps,
            "lapses": lapses,
        },
    )
