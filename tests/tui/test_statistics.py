"""The statistics screen shows honest memory statistics: calibration in study days."""

import random
import re
from datetime import UTC, datetime
from pathlib import Path

from quizapp.srs.stats import memory_stats, stats_today
from quizapp.tui.app import QuizApp
from tests.simulation import Plan, simulate_session
from tests.support.app import build_context, wait_for
from tests.support.clock import Clock
from tests.support.decks import BOTH_DECKS
from tests.support.paths import DECK_DATA


async def test_statistics_show_calibration(tmp_path: Path) -> None:
    """Predicted against achieved recall, by bins with counts, as `memory_stats` computes."""
    clock = Clock(datetime(2026, 10, 16, 10, 0, tzinfo=UTC))
    context = build_context(tmp_path, DECK_DATA, clock=clock)
    state = random.getstate()
    random.seed(3)
    simulate_session(context.conn, Plan(cards=60, days=15, seed=3))
    random.setstate(state)
    memory = memory_stats(context.conn, clock=clock)
    assert memory.calibration.count > 50
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(pilot.app.screen.query_one("#calibration").render())
    assert f"{memory.calibration.count} answers" in shown
    assert f"achieved {memory.calibration.achieved:.1%}" in shown
    for b in memory.calibration.bins:
        if b.count:
            assert f"{b.low:.2f}-{b.high:.2f}  {b.count:>8}" in shown


async def test_card_counts_add_up_after_suspending_a_new_card(iim_context) -> None:
    """The statistics' card counts partition the deck: a suspended new card is suspended,
    not new as well (the newcomer saw 1313 new + 20 young + 1 suspended of 1333)."""
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")  # suspend the first (new) card
        await pilot.press("escape", "t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(pilot.app.screen.query_one("#stats-summary").render())
    cards_line = shown.splitlines()[-1]
    counts = dict(
        (name, int(number))
        for number, name in re.findall(r"(\d+) (new|learning|young|mature|suspended)", cards_line)
    )
    live = iim_context.conn.execute("SELECT count(*) FROM cards WHERE retired = 0").fetchone()[0]
    assert counts["suspended"] == 1
    assert sum(counts.values()) == live, cards_line


async def test_reload_redraws_any_number_of_times(iim_context) -> None:
    """`r` redraws the statistics, once loaded and while a load is still running: the
    trial-3 student's `r` crashed the app with DuplicateIds ('stats-summary')."""
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await wait_for(pilot, lambda: bool(pilot.app.screen.query("#stats-summary")), "stats")
        await pilot.press("r")  # after the first load
        await pilot.app.workers.wait_for_complete()
        await pilot.press("r", "r", "r")  # while loads are still running
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        assert len(screen.query("#stats-summary")) == 1
        assert len(screen.query("#forecast-chart")) == 1
        assert "Due today" in str(screen.query_one("#stats-summary").render())
        chart = screen.query_one("#forecast-chart")
        with iim_context.reader() as conn:
            due = stats_today(conn, clock=iim_context.clock).due_forecast
        assert chart.labels[0] == "0" and chart.values == due[:31]  # today is day 0


async def test_topics_of_two_decks_sit_under_their_deck_titles(tmp_path: Path) -> None:
    """Both bundled decks have a topic 'Classification and epidemiology': the trial-3
    student saw two rows 'Classification and epidemiolo…' and could not tell them apart."""
    context = build_context(tmp_path, BOTH_DECKS)
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await wait_for(pilot, lambda: bool(pilot.app.screen.query("#topics")), "statistics")
        lines = str(pilot.app.screen.query_one("#topics").render()).splitlines()
    decks = context.library.decks
    headings = [lines.index(decks[d].title) for d in ("iim", "metabolic")]
    rows = [i for i, line in enumerate(lines) if "Classification and epidemiology" in line]
    assert len(rows) == 2
    assert sorted(headings) == headings  # decks in id order
    assert headings[0] < rows[0] < headings[1] < rows[1]  # one under each deck
