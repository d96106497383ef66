"""What the statistics screen shows, gathered in one pass on a worker's read-only
connection: the numbers only, no drawing."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from quizapp.quiz.scoring import history
from quizapp.srs.config import load_config
from quizapp.srs.knowledge import Knowledge, knowledge
from quizapp.srs.stats import MemoryStats, memory_stats, stats_today
from quizapp.store.history import reviews_per_day
from quizapp.store.stats import Stats
from quizapp.workspace.context import Workspace

HEATMAP_WEEKS = 12
QUIZZES_SHOWN = 5


@dataclass(frozen=True)
class QuizLine:
    """A submitted block as the statistics list it."""

    title: str
    when: date
    correct: int
    total: int


@dataclass(frozen=True)
class StatisticsData:
    stats: Stats
    memory: MemoryStats
    per_day: dict[int, int]
    topic_titles: dict[tuple[str, str], str]  # (deck, topic) -> what to call it
    deck_titles: dict[str, str]  # deck id -> its title, to head its topics when several
    quizzes: list[QuizLine]
    knowledge: Knowledge | None = None
    desired_retention: float = 0.9


def load_quizzes(conn: sqlite3.Connection) -> list[QuizLine]:
    """The latest submitted blocks, newest first."""
    return [
        QuizLine(b.title, b.submitted_at.date(), b.correct, b.total)
        for b in history(conn)
        if b.submitted_at is not None
    ][:QUIZZES_SHOWN]


def collect_statistics(workspace: Workspace) -> StatisticsData:
    """Every number of the statistics screen, on a reader of its own (the queries read
    the whole review log: call it from a worker thread)."""
    with workspace.reader() as conn:
        stats = stats_today(conn, clock=workspace.clock)
        memory = memory_stats(conn, clock=workspace.clock)
        per_day = reviews_per_day(conn, stats.day - HEATMAP_WEEKS * 7, stats.day)
        quizzes = load_quizzes(conn)
        config = load_config(conn)
        known = knowledge(conn, stats.day, config)
    titles = {(t.deck, t.topic): workspace.topic_label(t.deck, t.topic) for t in stats.topics}
    decks = workspace.library.decks
    deck_titles = {t.deck: decks[t.deck].title if t.deck in decks else t.deck for t in stats.topics}
    return StatisticsData(
        stats, memory, per_day, titles, deck_titles, quizzes, known, config.desired_retention
    )
