"""Home's "what to study today" and the statistics screen's retention, knowledge and time,
on the real app after a few days of real study on a real file."""

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import Static

from quizapp.srs.config import load_config
from quizapp.srs.knowledge import knowledge, weakest_topic
from quizapp.srs.session import StudySession
from quizapp.srs.stats import stats_today
from quizapp.tui.app import QuizApp
from quizapp.tui.stats.statistics_screen import minutes_text
from quizapp.workspace import Workspace
from tests.support.app import build_context
from tests.support.clock import Clock
from tests.support.decks import IIM_ONLY

SIZE = (80, 24)


def studied(tmp_path: Path, days: int = 4) -> Workspace:
    """The iim deck studied for `days` days by a seeded learner, answer times included."""
    clock = Clock(datetime(2026, 10, 16, 10, 0, tzinfo=UTC))
    context = build_context(tmp_path, IIM_ONLY, clock=clock)
    rng = random.Random(5)
    for _ in range(days):
        session = StudySession(context.conn, clock=clock)
        while (entry := session.next_card()) is not None:
            rating = rng.choices([1, 2, 3, 4], [20, 10, 55, 15])[0]
            session.answer(entry.card_id, rating, duration_ms=rng.randint(3000, 20000))
            clock.now += timedelta(seconds=15)
        clock.now = clock.now.replace(hour=10, minute=0) + timedelta(days=1)
    return context


def text_of(app: QuizApp, selector: str) -> str:
    return " ".join(str(app.screen.query_one(selector, Static).render()).split())


async def test_home_says_what_to_study_today(tmp_path: Path) -> None:
    context = studied(tmp_path)
    counts = StudySession(context.conn, clock=context.clock).counts()
    stats = stats_today(context.conn, clock=context.clock)
    weakest = weakest_topic(stats.topics)
    assert weakest is not None and counts.review > 0 and counts.new == 20
    title = next(
        deck.topics[weakest.topic].title
        for deck in context.library.decks.values()
        if weakest.topic in deck.topics
    )
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        plan = text_of(pilot.app, "#plan")
    assert plan.startswith(f"Plan {counts.review} reviews, 20 new cards")
    assert " min" in plan
    assert f"Weakest topic {title} ({weakest.accuracy:.0%} of {weakest.answers} answers" in plan
    assert weakest.topic not in plan.replace(title, "")  # the title, never the id


async def test_statistics_show_retention_against_desired_knowledge_and_time(
    tmp_path: Path,
) -> None:
    context = studied(tmp_path)
    config = load_config(context.conn)
    stats = stats_today(context.conn, clock=context.clock)
    known = knowledge(context.conn, stats.day, config)
    assert known.answered_cards > 20 and sum(known.seconds_per_day) > 0
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        shown = text_of(pilot.app, "#knowledge")
        assert pilot.app.screen.query("#time-chart")
    achieved = stats.retention["30d"]
    assert achieved is not None
    assert f"Desired retention 90%; achieved in the last 30 days {achieved:.0%}" in shown
    assert (
        f"Total knowledge {known.total_knowledge:.0f} of {known.answered_cards} answered cards"
        in shown
    )
    assert f"last 7 days {minutes_text(known.average_minutes['7d'])} min/day" in shown
