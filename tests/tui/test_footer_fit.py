"""Every screen's footer fits a 60-column terminal: each key it shows is on screen whole
(never cut at the edge, never under the palette key), "? Help" is always one of them, and
? opens help there. The keys left out of a footer are listed by help."""

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from quizapp.tui.app import QuizApp
from quizapp.tui.browse.browse_screen import BrowseScreen
from quizapp.tui.home.home_screen import HomeScreen
from quizapp.tui.quiz.builder_screen import QuizBuilderScreen
from quizapp.tui.quiz.question_screen import QuizQuestionScreen
from quizapp.tui.quiz.results_screen import QuizResultsScreen
from quizapp.tui.quiz.review_screen import QuizReviewScreen
from quizapp.tui.settings.settings_screen import SettingsScreen
from quizapp.tui.stats.forecast_screen import ForecastScreen
from quizapp.tui.stats.statistics_screen import StatisticsScreen
from quizapp.tui.study.custom_study_screen import CustomStudyScreen
from quizapp.tui.study.key_footer import HELP_ACTIONS
from quizapp.tui.study.study_screen import StudyScreen
from quizapp.tui.widgets.help_screen import HelpScreen
from quizapp.workspace import Workspace
from tests.support.app import study_only, wait_for
from tests.tui.test_markup_deck import screen_text

# 60: the narrowest supported; 72-79: where "^p palette" once covered the last key
WIDTHS = [60, 72]


async def settled(pilot: Pilot, screen: type) -> None:
    """The screen is on top and its workers (counts, forecasts) have posted their results."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, screen), screen.__name__)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def footer_fits(pilot: Pilot, width: int) -> list[str]:
    """Assert every key of the footer is whole on its line and ? is among them; open help
    with ? and close it again. Returns the keys shown."""
    app = pilot.app
    screen = app.screen
    line = screen_text(app).splitlines()[-1]
    keys = [key for key in screen.query(FooterKey) if key.display]
    shown = []
    for key in keys:
        label = f"{key.key_display} {key.description}"
        region = key.region
        assert region.right <= width and label in line[region.x : region.right], (label, line)
        shown.append(label)
    assert any(key.action in HELP_ACTIONS for key in keys), line
    await pilot.press("question_mark")
    await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
    await pilot.press("escape")
    await wait_for(pilot, lambda: app.screen is screen, "help closed")
    return shown


Steps = Callable[[Pilot], Awaitable[None]]


async def check(context: Workspace, width: int, steps: Steps) -> None:
    async with QuizApp(context).run_test(size=(width, 24)) as pilot:
        await settled(pilot, HomeScreen)
        await steps(pilot)


@pytest.mark.parametrize("width", WIDTHS)
async def test_home(iim_context, width) -> None:
    async def steps(pilot: Pilot) -> None:
        shown = await footer_fits(pilot, width)
        assert "o Settings" in shown and "s Study" in shown

    await check(iim_context, width, steps)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["basic", "mcq"])
async def test_study_question_and_answer(iim_context, width, kind) -> None:
    study_only(iim_context, kind)

    async def steps(pilot: Pilot) -> None:
        await pilot.press("enter")
        await settled(pilot, StudyScreen)
        question = await footer_fits(pilot, width)
        assert "space Show answer" in question and "esc Decks" in question
        assert ("a-e Choose" in question) == (kind == "mcq")
        await pilot.press("space")
        await wait_for(pilot, lambda: pilot.app.screen.stage == "answer", "the answer")
        await pilot.pause()
        answer = await footer_fits(pilot, width)
        suggested = "space Again" if kind == "mcq" else "space Good"  # no choice is a miss
        assert suggested in answer and "u Undo" in answer and "b Bury" in answer
        assert len(answer) == len(question)  # relabelled in place: one frame (test_study)

    await check(iim_context, width, steps)


@pytest.mark.parametrize("width", WIDTHS)
async def test_quiz_builder_question_results_and_review(iim_context, width) -> None:
    async def steps(pilot: Pilot) -> None:
        await pilot.press("q")
        await settled(pilot, QuizBuilderScreen)
        await footer_fits(pilot, width)
        await pilot.press("s")
        await settled(pilot, QuizQuestionScreen)
        question = await footer_fits(pilot, width)
        assert "s Submit" in question and "esc Pause" in question
        await pilot.press("a", "s", "y")
        await settled(pilot, QuizResultsScreen)
        await footer_fits(pilot, width)
        await pilot.press("r")
        await settled(pilot, QuizReviewScreen)
        await footer_fits(pilot, width)

    await check(iim_context, width, steps)


@pytest.mark.parametrize("width", WIDTHS)
async def test_browse(iim_context, width) -> None:
    async def steps(pilot: Pilot) -> None:
        await pilot.press("b")
        await settled(pilot, BrowseScreen)
        shown = await footer_fits(pilot, width)
        assert "esc Decks" in shown and "s Suspend" in shown

    await check(iim_context, width, steps)


@pytest.mark.parametrize("width", WIDTHS)
async def test_statistics_and_forecast(iim_context, width) -> None:
    async def steps(pilot: Pilot) -> None:
        await pilot.press("t")
        await settled(pilot, StatisticsScreen)
        await footer_fits(pilot, width)
        await pilot.press("f")
        await settled(pilot, ForecastScreen)
        await footer_fits(pilot, width)

    await check(iim_context, width, steps)


@pytest.mark.parametrize("width", WIDTHS)
async def test_settings_and_custom_study(iim_context, width) -> None:
    async def steps(pilot: Pilot) -> None:
        await pilot.press("o")
        await settled(pilot, SettingsScreen)
        await footer_fits(pilot, width)
        await pilot.press("escape", "c")
        await settled(pilot, CustomStudyScreen)
        await footer_fits(pilot, width)

    await check(iim_context, width, steps)


async def test_keys_left_out_of_the_footers_are_in_help(iim_context) -> None:
    async def steps(pilot: Pilot) -> None:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), "help")
        home = str(pilot.app.screen.query_one("#help-keys").render())
        assert "Study today's cards of every deck" in home
        await pilot.press("escape", "b")
        await settled(pilot, BrowseScreen)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), "help")
        browse = str(pilot.app.screen.query_one("#help-keys").render())
        for words in ("Select every card shown", "Bury until tomorrow", "Make new again"):
            assert words in browse, words

    await check(iim_context, 60, steps)
