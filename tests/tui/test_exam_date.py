"""Setting an exam date from home (`e`), and the home screen's exam line, in the real app."""

from datetime import date, timedelta

from textual.widgets import Input, Static

from quizapp.srs.exam import exam_dates, set_exam_date
from quizapp.tui.app import QuizApp
from quizapp.tui.home.deck_list import DeckList
from quizapp.tui.home.exam_screen import ExamDateScreen
from quizapp.workspace import Workspace
from tests.support.clock import NOON

TODAY = NOON.date()  # the fixed clock's study day (UTC, day starts 04:00)


def new_count(app: QuizApp) -> str:
    prompt = str(app.screen.query_one(DeckList).get_option_at_index(0).prompt)
    return prompt.replace("  ", " ").split("New ")[1].split()[0]


async def wait_for_exams(pilot, present: bool = True) -> str:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    widget = pilot.app.screen.query_one("#exams", Static)
    assert widget.display is present
    return str(widget.render())


async def test_e_sets_the_date_and_home_shows_it(iim_app: QuizApp) -> None:
    context: Workspace = iim_app.workspace
    new_cards = context.conn.execute("SELECT count(*) FROM cards WHERE state = 0").fetchone()[0]
    async with iim_app.run_test(size=(80, 24)) as pilot:
        await wait_for_exams(pilot, present=False)
        assert new_count(pilot.app) == "20"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExamDateScreen)
        exam = TODAY + timedelta(days=23)  # 20 days for new cards
        await pilot.press(*exam.isoformat())
        await pilot.pause()
        box = pilot.app.screen.query_one(Input)
        assert box.scroll_offset.x == 0  # the whole date in view, not "026-12-18"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ExamDateScreen)
        assert exam_dates(context.conn) == {"iim": exam}
        text = await wait_for_exams(pilot)
        title = context.library.decks["iim"].title
        assert f"{title} exam in 23 days (18 Dec 2026): expected recall 90%" in text
        assert new_count(pilot.app) == str(-(-new_cards // 20))  # paced: all in time


async def test_a_bad_date_is_said_and_nothing_is_stored(iim_app: QuizApp) -> None:
    async with iim_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", *"2026-13-01", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExamDateScreen)
        error = str(pilot.app.screen.query_one("#exam-error", Static).render())
        assert "YYYY-MM-DD" in error
        pilot.app.screen.query_one(Input).value = (TODAY - timedelta(days=1)).isoformat()
        await pilot.press("enter")
        await pilot.pause()
        assert "today (2026-11-25) or later" in str(
            pilot.app.screen.query_one("#exam-error", Static).render()
        )
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ExamDateScreen)
    assert exam_dates(iim_app.workspace.conn) == {}


async def test_empty_clears_the_date(iim_app: QuizApp) -> None:
    context = iim_app.workspace
    set_exam_date(context.conn, "iim", date(2027, 3, 15), TODAY)
    async with iim_app.run_test(size=(80, 24)) as pilot:
        text = await wait_for_exams(pilot)
        assert "exam in 110 days (15 Mar 2027)" in text
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen.query_one(Input).value == "2027-03-15"  # the current date
        pilot.app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await wait_for_exams(pilot, present=False)
    assert exam_dates(context.conn) == {}


async def test_too_many_new_cards_is_a_warning(iim_app: QuizApp) -> None:
    from quizapp.srs.config import save_setting

    context = iim_app.workspace
    save_setting(context.conn, "exam_max_new_per_day", 25)
    set_exam_date(context.conn, "iim", TODAY + timedelta(days=8), TODAY)
    async with iim_app.run_test(size=(80, 24)) as pilot:
        text = await wait_for_exams(pilot)
        assert "⚠ needs " in text and "25 allowed: " in text and "unseen by the exam" in text
        assert new_count(pilot.app) == "25"
