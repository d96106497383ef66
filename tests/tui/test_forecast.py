"""The forecast screen: reached from the statistics with `f`, the CLI's figures, `d` for
how far ahead, escape back."""

import random
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Static

from quizapp.srs.forecast import forecast
from quizapp.srs.forecast_report import headline, table_lines
from quizapp.tui.app import QuizApp
from quizapp.tui.stats.forecast_screen import ForecastScreen
from quizapp.tui.stats.statistics_screen import StatisticsScreen
from tests.simulation import Plan, simulate_session
from tests.support.app import build_context
from tests.support.clock import Clock
from tests.support.paths import DECK_DATA
from tests.tui.test_markup_deck import screen_text

NOW = datetime(2026, 10, 31, 10, 0, tzinfo=UTC)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def body(app: QuizApp) -> str:
    return str(app.screen.query_one("#forecast-body", Static).render())


async def test_forecast_screen_shows_the_simulation_and_its_keys(tmp_path: Path) -> None:
    clock = Clock(NOW)
    context = build_context(tmp_path, DECK_DATA, clock=clock)
    state = random.getstate()
    random.seed(5)
    simulate_session(context.conn, Plan(cards=60, days=30, seed=5))
    random.setstate(state)
    expected = forecast(context.conn, 365, clock=clock)
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ForecastScreen)
        shown = body(pilot.app)
        for line in table_lines(expected):  # the same figures as `quizapp forecast`
            assert line in shown
        assert "Answers a day" in shown and "  0.95 " in shown
        screen = screen_text(pilot.app).splitlines()
        assert "d Days ahead" in screen[-1] and "esc Statistics" in screen[-1]
        plot = [line for line in screen if line.startswith("   0.") and "%" not in line]
        assert len(plot) == 4  # every retention's row in view at 80x24
        await pilot.press("d")
        await settle(pilot)
        assert "the next 30 days" in str(pilot.app.screen.query_one("#forecast-title").render())
        assert headline(expected) in str(pilot.app.screen.query_one("#forecast-title").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StatisticsScreen)


async def test_nothing_to_forecast_is_said(tmp_path: Path) -> None:
    context = build_context(tmp_path, DECK_DATA, clock=Clock(NOW))
    context.conn.execute("UPDATE cards SET suspended = 1")
    context.conn.commit()
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert "Nothing to forecast: there are no cards to forecast" in body(pilot.app)


async def test_home_suggests_fitting_parameters_once_there_are_enough_reviews(
    tmp_path: Path,
) -> None:
    context = build_context(tmp_path, DECK_DATA, clock=Clock(NOW))
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not pilot.app.screen.query_one("#fit-hint").display  # a new file: nothing
    state = random.getstate()
    random.seed(7)
    simulate_session(context.conn, Plan(cards=400, days=60, seed=7))
    random.setstate(state)
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hint = pilot.app.screen.query_one("#fit-hint", Static)
        assert hint.display
        assert "`quizapp optimize` fits FSRS to your own memory" in str(hint.render())
        assert "quizapp optimize" in screen_text(pilot.app)
