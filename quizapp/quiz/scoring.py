"""Scoring a block and the history of blocks: what the results screen and `quiz history` show.

A block's score is the share of its questions answered correctly; an omitted question counts
as wrong (as on an exam), so leaving questions blank never raises a score.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from quizapp.quiz.session import Block
from quizapp.store import quiz as store
from quizapp.store.timeutil import from_micros


@dataclass(frozen=True, slots=True)
class TopicScore:
    """Correct answers out of questions for one topic (of one deck) of a block."""

    deck: str
    topic: str
    correct: int
    total: int

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class BlockScore:
    """A block's result: score, per topic, and the seconds spent on each question."""

    block_id: int
    correct: int
    total: int
    answered: int
    seconds: tuple[float, ...]
    topics: tuple[TopicScore, ...]

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds)

    @property
    def mean_seconds(self) -> float:
        return self.total_seconds / self.total if self.total else 0.0


def score_block(block: Block) -> BlockScore:
    """Score any block (a submitted one for results; an open one gives the score so far)."""
    by_topic: dict[tuple[str, str], list[int]] = {}
    for state in block.items:
        tally = by_topic.setdefault((state.item.deck, state.item.topic), [0, 0])
        tally[0] += state.correct
        tally[1] += 1
    return BlockScore(
        block_id=block.id,
        correct=sum(state.correct for state in block.items),
        total=len(block.items),
        answered=block.answered,
        seconds=tuple(state.seconds for state in block.items),
        topics=tuple(TopicScore(d, t, c, n) for (d, t), (c, n) in sorted(by_topic.items())),
    )


@dataclass(frozen=True, slots=True)
class BlockSummary:
    """One line of the history: a block, finished or not, with its counts."""

    id: int
    title: str
    mode: str
    created_at: datetime
    submitted_at: datetime | None
    total: int
    answered: int
    correct: int
    seconds: float

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def share(self) -> float:
        return self.correct / self.total if self.total else 0.0


def history(conn: sqlite3.Connection) -> list[BlockSummary]:
    """Every block, newest first; unfinished ones have `submitted_at` None (resume them)."""
    return [
        BlockSummary(
            id=row.id,
            title=row.title,
            mode=row.mode,
            created_at=from_micros(row.created_at),
            submitted_at=None if row.submitted_at is None else from_micros(row.submitted_at),
            total=row.total,
            answered=row.answered,
            correct=row.correct,
            seconds=row.seconds,
        )
        for row in store.block_summaries(conn)
    ]


def unfinished(conn: sqlite3.Connection) -> list[BlockSummary]:
    """Blocks started and not submitted, newest first: what the builder offers to resume."""
    return [summary for summary in history(conn) if not summary.submitted]
