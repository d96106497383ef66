"""Options below the fold: at 80x24 a long vignette can push its last options under the
hint line. The trial-3 student saw A-D with only a scrollbar hinting at E; now the hint's
border says there is more below, and highlighting an option brings it into view."""

from textual.containers import VerticalScroll
from textual.widgets import Static

from quizapp.tui.app import QuizApp
from quizapp.tui.study.option_picker import OptionPicker
from quizapp.tui.widgets.fold import MORE_BELOW
from quizapp.workspace import Workspace
from tests.support.app import study_only, wait_for
from tests.tui.test_markup_deck import screen_text
from tests.tui.test_study import open_study


def last_option_on_screen(app: QuizApp) -> bool:
    last = app.screen.card.options[-1]
    return any(f"{last.label}  {last.text}" in line for line in screen_text(app).splitlines())


async def test_a_cut_vignette_says_more_below_and_scrolls_to_the_highlight(
    iim_context: Workspace,
) -> None:
    """The first vignettes at 80x24 (the second is the trial's, cut after D): a cue exactly
    on those whose last option is cut, and ↓ brings that option into view."""
    study_only(iim_context, "vignette")
    cut = 0
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        picker = screen.query_one(OptionPicker)
        hint = screen.query_one("#hint", Static)
        for _ in range(6):
            await pilot.pause()
            if last_option_on_screen(pilot.app):
                assert hint.border_title is None and "more below" not in screen_text(pilot.app)
            else:
                cut += 1
                await wait_for(pilot, lambda: hint.border_title == MORE_BELOW, "the cue")
                assert "▼ more below" in screen_text(pilot.app)
                await pilot.press(*["down"] * picker.option_count)
                await wait_for(pilot, lambda: last_option_on_screen(pilot.app), "last option")
                await wait_for(pilot, lambda: hint.border_title is None, "the cue gone")
            was = screen.card
            await pilot.press("a", "4")
            await wait_for(pilot, lambda was=was: screen.card is not was, "the next card")
    assert cut, "none of the first vignettes was cut: the set-up needs one"


async def test_no_cue_when_the_whole_question_shows(iim_context: Workspace) -> None:
    study_only(iim_context, "mcq")
    async with QuizApp(iim_context).run_test(size=(80, 40)) as pilot:
        screen = await open_study(pilot)
        await pilot.pause()
        area = screen.query_one("#card-area", VerticalScroll)
        assert last_option_on_screen(pilot.app)
        assert area.scroll_y == 0
        assert screen.query_one("#hint", Static).border_title is None
        assert "more below" not in screen_text(pilot.app)
