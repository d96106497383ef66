"""Cram: study cards ahead of time, or any topic, kind or flagged set, without touching the
schedule (Anki's filtered deck with "Reschedule cards based on my answers" off).

`CramSession` answers to the study screen as a `StudySession` does, but an answer writes
nothing: Again puts the card back a few cards later in this session, any other rating
takes it out of the session. Bury, suspend and flag are the learner's explicit actions
and are saved as in study.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from fsrs import Rating, State

from quizapp.srs.config import StudyConfig
from quizapp.srs.session import (
    NEW,
    AnswerResult,
    Counts,
    Queue,
    QueueEntry,
    StudySession,
    queue_entry,
    utc_now,
)
from quizapp.store.card_actions import buried_count, cram_cards
from quizapp.store.cards import get_card
from quizapp.store.queue import StudyScope

AGAIN_GAP = 3  # an Again card comes back after this many other cards
_QUEUE_OF = {NEW: Queue.NEW, State.Learning: Queue.LEARNING, State.Relearning: Queue.LEARNING}


class CramSession(StudySession):
    """Every card of the decks and scope that is not suspended or buried, soonest due
    first, then new ones; nothing saved."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        config: StudyConfig | None = None,
        deck_ids: Sequence[str] | None = None,
        clock: Callable[[], datetime] = utc_now,
        scope: StudyScope | None = None,
    ) -> None:
        super().__init__(conn, config, deck_ids, clock, scope)
        scope_sql, params = (scope or StudyScope()).sql()
        today = self.today()
        cards = cram_cards(conn, deck_ids, scope_sql, params, today)
        self.buried = buried_count(conn, deck_ids, scope_sql, params, today)
        self.queue: list[str] = [card_id for card_id, _ in cards]
        self._states = dict(cards)  # as at the start: cramming changes no state
        self._answered: list[tuple[str, int]] = []  # (card id, where it was), for undo

    def next_card(self) -> QueueEntry | None:
        """The first card left that is not suspended or buried meanwhile."""
        today = self.today()
        while self.queue:
            row = get_card(self.conn, self.queue[0])
            if row is not None and not row.suspended and row.buried_day < today:
                return queue_entry(row, _QUEUE_OF.get(row.state, Queue.REVIEW))
            self.queue.pop(0)
        return None

    def counts(self) -> Counts:
        """Cards left in this cram session, by what they are (no query: 50,000 cards
        take a few milliseconds)."""
        states = [self._states[card_id] for card_id in self.queue]
        return Counts(
            new=states.count(NEW),
            learning=sum(state in (State.Learning, State.Relearning) for state in states),
            review=states.count(State.Review),
        )

    def intervals(self, card_id: str) -> dict[Rating, timedelta | str]:  # type: ignore[override]
        """What each rating does here: Again comes back soon, the others end the card."""
        self._require(card_id)
        return {rating: "soon" if rating == Rating.Again else "done" for rating in Rating}

    def answer(
        self,
        card_id: str,
        rating: Rating | int,
        duration_ms: int | None = None,
        vignette_seed: int | None = None,
    ) -> AnswerResult:
        """Move on in the session; nothing is written to the progress file."""
        rating = Rating(rating)
        row = self._require(card_id)
        position = self.queue.index(card_id)
        self.queue.pop(position)
        if rating == Rating.Again:
            self.queue.insert(min(AGAIN_GAP, len(self.queue)), card_id)
        self._answered.append((card_id, position))
        self._undo_stack.append(0)  # an answer's place among bury/suspend/flag for undo
        now = self.now()
        return AnswerResult(
            card_id=card_id,
            rating=rating,
            state=State(row.state) if row.state != NEW else State.Learning,
            due=now,
            interval=timedelta(0),
            review_id=0,
            leech=False,
            suspended=bool(row.suspended),
            buried_siblings=0,
        )

    def undo(self) -> str | None:
        """Take back the latest action: a bury, suspend or flag as in study (the card comes
        back to the front of the queue), or an answer (the card goes back where it was)."""
        if self.next_undo not in ("answer", None):
            card_id = super().undo()
            if card_id is not None and card_id not in self.queue:
                self.queue.insert(0, card_id)
            return card_id
        if not self._answered:
            return None
        self._undo_stack.pop()
        card_id, position = self._answered.pop()
        if card_id in self.queue:
            self.queue.remove(card_id)
        self.queue.insert(min(position, len(self.queue)), card_id)
        return card_id
