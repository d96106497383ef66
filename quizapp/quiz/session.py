"""Taking a block: answers, flags, strike-outs, time and position, each committed at once.

Drive it like this (the quiz screens do; so do the tests and the crash worker)::

    session = BlockSession(conn, block_id, clock)   # resumes where the block was left
    session.start()                                 # the current question is on screen
    session.answer("C"); session.toggle_strike("A"); session.toggle_flag()
    session.go(session.position + 1)
    session.save_time()                             # call every few seconds while shown
    session.pause()                                 # leaving: time so far is saved
    session.submit(); score = score_block(session.block)   # quizapp.quiz.scoring
    store.returned_misses(conn, block_id)           # (missed questions back in study, suspended)

Time is charged to the question on screen from `start()` (or the last save) to the next
write, so a crash loses at most the seconds since the last save. In tutor mode an answer is
final (its explanation has been seen); in timed mode it can be changed until submit.
Submitting records an Again review on the card behind each wrong answer (the study
session's path, `quizapp.srs.session`), in the submission's transaction: once per block.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from fsrs import Rating

from quizapp.errors import QuizappError
from quizapp.quiz.items import QuizItem
from quizapp.srs.session import StudySession
from quizapp.store import quiz as store
from quizapp.store.cards import get_card, unbury
from quizapp.store.timeutil import from_micros, to_micros
from quizapp.store.transaction import transaction


class BlockClosedError(QuizappError):
    """A change to a block that was already submitted."""


@dataclass(frozen=True, slots=True)
class ItemState:
    """One question of a block with what the learner did with it so far."""

    item: QuizItem
    chosen: str | None = None
    struck: frozenset[str] = frozenset()
    flagged: bool = False
    seconds: float = 0.0

    @property
    def answered(self) -> bool:
        return self.chosen is not None

    @property
    def correct(self) -> bool:
        """Right only when the chosen option is the key; an omission is wrong."""
        return self.chosen == self.item.key


@dataclass(frozen=True, slots=True)
class Block:
    """A block as stored: its items, where the learner is, and whether it is submitted."""

    id: int
    title: str
    mode: str
    time_limit_s: int | None
    seed: int | None
    position: int
    created_at: datetime
    submitted_at: datetime | None
    items: tuple[ItemState, ...]

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def timed(self) -> bool:
        return self.mode == "timed"

    @property
    def seconds(self) -> float:
        return sum(state.seconds for state in self.items)

    @property
    def answered(self) -> int:
        return sum(state.answered for state in self.items)


def load_block(conn: sqlite3.Connection, block_id: int) -> Block:
    """Read a block back exactly as saved; KeyError when there is none."""
    found = store.get_block(conn, block_id)
    if found is None:
        raise KeyError(f"no quiz block {block_id}")
    row, items = found
    return Block(
        id=row.id,
        title=row.title,
        mode=row.mode,
        time_limit_s=row.time_limit_s,
        seed=row.seed,
        position=min(row.position, max(len(items) - 1, 0)),
        created_at=from_micros(row.created_at),
        submitted_at=None if row.submitted_at is None else from_micros(row.submitted_at),
        items=tuple(
            ItemState(
                item=QuizItem.from_json(i.item_json),
                chosen=i.chosen,
                struck=frozenset(json.loads(i.struck)),
                flagged=i.flagged,
                seconds=i.seconds,
            )
            for i in items
        ),
    )


class BlockSession:
    """One learner taking one block on one connection; every method commits before returning."""

    def __init__(
        self, conn: sqlite3.Connection, block_id: int, clock: Callable[[], datetime]
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.block = load_block(conn, block_id)
        self._shown_at: datetime | None = None

    # --- reading ---------------------------------------------------------------------------

    @property
    def position(self) -> int:
        return self.block.position

    @property
    def current(self) -> ItemState:
        return self.block.items[self.block.position]

    def locked(self, state: ItemState | None = None) -> bool:
        """Whether the answer can no longer change: submitted, or answered in tutor mode."""
        state = state or self.current
        return self.block.submitted or (not self.block.timed and state.answered)

    def remaining_seconds(self) -> float | None:
        """Time left in a timed block, counting the unsaved seconds on screen; None if untimed."""
        if self.block.time_limit_s is None:
            return None
        return max(0.0, self.block.time_limit_s - self.block.seconds - self._pending())

    def time_is_up(self) -> bool:
        remaining = self.remaining_seconds()
        return remaining is not None and remaining <= 0

    # --- time ------------------------------------------------------------------------------

    def start(self) -> None:
        """The current question is on screen from now on."""
        self._shown_at = self.clock()

    def _pending(self) -> float:
        if self._shown_at is None or self.block.submitted:
            return 0.0
        return max(0.0, (self.clock() - self._shown_at).total_seconds())

    def _add_seconds(self, seconds: float) -> None:
        if seconds > 0:
            self._set_current(replace(self.current, seconds=self.current.seconds + seconds))

    def _set_current(self, state: ItemState) -> None:
        items = list(self.block.items)
        items[self.position] = state
        self.block = replace(self.block, items=tuple(items))

    def _save(
        self, position: int, changes: dict[str, object], new_position: int | None = None
    ) -> None:
        if self.block.submitted:
            raise BlockClosedError(f"block {self.block.id} is already submitted")
        now, seconds = self.clock(), self._pending()  # the clock restarts only on success
        store.save_item(
            self.conn,
            self.block.id,
            position,
            changes=changes,
            add_seconds=seconds,
            timed_position=self.position,
            new_position=new_position,
        )
        self._restart_clock(now)
        self._add_seconds(seconds)

    def _restart_clock(self, now: datetime) -> None:
        if self._shown_at is not None:
            self._shown_at = now

    def save_time(self) -> None:
        """Commit the seconds spent on the current question so far."""
        if not self.block.submitted:
            self._save(self.position, {})

    def pause(self) -> None:
        """Save the time so far and stop the clock until `start()` is called again."""
        self.save_time()
        self._shown_at = None

    # --- changes ---------------------------------------------------------------------------

    def answer(self, label: str) -> bool:
        """Choose an option; False (and nothing saved) when the answer is locked."""
        state = self.current
        if label not in state.item.labels:
            raise ValueError(f"no option {label!r} in this question")
        if self.locked(state):
            return False
        struck = state.struck - {label}
        correct = label == state.item.key
        self._save(
            self.position,
            {"chosen": label, "correct": int(correct), "struck": json.dumps(sorted(struck))},
        )
        self._set_current(replace(self.current, chosen=label, struck=struck))
        return True

    def toggle_strike(self, label: str) -> bool:
        """Strike out an option (or restore it); the chosen option cannot be struck."""
        state = self.current
        if label not in state.item.labels or label == state.chosen or self.block.submitted:
            return False
        struck = state.struck ^ {label}
        self._save(self.position, {"struck": json.dumps(sorted(struck))})
        self._set_current(replace(self.current, struck=struck))
        return True

    def toggle_flag(self) -> bool:
        """Mark the question for later; returns the new flag."""
        flagged = not self.current.flagged
        self._save(self.position, {"flagged": int(flagged)})
        self._set_current(replace(self.current, flagged=flagged))
        return flagged

    def go(self, position: int) -> None:
        """Move to another question; the time so far goes to the one being left."""
        position = max(0, min(position, len(self.block.items) - 1))
        if position == self.position:
            return
        if self.block.submitted:
            self.block = replace(self.block, position=position)
            return
        self._save(self.position, {}, new_position=position)
        self.block = replace(self.block, position=position)

    def submit(self, now: datetime | None = None) -> None:
        """Close the block: store every item's correctness and the submission time, and
        bring the missed questions back into study, all in one transaction."""
        if self.block.submitted:
            return
        seconds = self._pending()
        submitted_at = now or self.clock()
        with transaction(self.conn):
            closed = store.submit_block(
                self.conn,
                self.block.id,
                to_micros(submitted_at),
                [state.correct for state in self.block.items],
                add_seconds=seconds,
                timed_position=self.position,
            )
            if closed:
                store.link_reviews(self.conn, self.block.id, self._bring_back_misses(submitted_at))
        self._add_seconds(seconds)
        self.block = replace(self.block, submitted_at=submitted_at)
        self._shown_at = None

    def _bring_back_misses(self, at: datetime) -> list[tuple[int, int]]:
        """A wrong choice records Again on the card the question came from, through the
        study session's own answer path, at the submission time; a right answer or an
        omission changes no schedule (README, "Missed quiz questions"); a missed card
        buried today is unburied. A card asked twice in a block counts once; a retired card
        is left alone. Returns (position, review id).
        """
        missed: dict[str, int] = {}
        for position, state in enumerate(self.block.items):
            if state.answered and not state.correct:
                missed.setdefault(state.item.card_id, position)
        live = store.live_cards(self.conn, list(missed)) if missed else set()
        study = StudySession(self.conn, clock=self.clock)
        moment = at.astimezone(UTC)
        reviews = []
        for card_id, position in missed.items():
            row = get_card(self.conn, card_id)
            if row is None or card_id not in live:
                continue
            state = self.block.items[position]
            result = study.record(
                row,
                Rating.Again,
                moment,
                duration_ms=round(state.seconds * 1000),
                vignette_seed=state.item.seed,
            )
            # back today, as the results promise, even if a sibling's answer buried it
            # (student trial 4: in learning, due in a minute, yet hidden until tomorrow)
            unbury(self.conn, [(row.id, 0)])
            reviews.append((position, result.review_id))
        return reviews
