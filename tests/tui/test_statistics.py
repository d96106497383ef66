"""The statistics screen shows honest memory statistics: calibration in study days."""

import random
from datetime import UTC, datetime
from pathlib import Path

from quizapp.srs.stats import memory_stats
from quizapp.tui.app import QuizApp
from tests.simulation import Plan, simulate_session
from tests.tui.conftest import MINI, Clock, build_context


async def test_statistics_show_calibration(tmp_path: Path) -> None:
    """Predicted against achieved recall, by bins with counts, as `memory_stats` computes."""
    clock = Clock(datetime(2026, 10, 16, 10, 0, tzinfo=UTC))
    context = build_context(tmp_path, MINI, clock=clock)
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
