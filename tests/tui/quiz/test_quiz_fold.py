"""A long vignette in a quiz block at 60x24 and 80x24: every option can be scrolled to and
chosen, the option a key acts on is in view, a cue says when options are below the fold,
and a tutor answer or the review keeps the verdict and the learner's choice in view.

The trial-4 student saw options A-B of the IIM antibody case (the key, F, off-screen) with
no scrollbar, no cue, and PgDn/End doing nothing."""

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget

from quizapp.quiz.builder import BlockSpec, Mode, Pool, build_block
from quizapp.tui.app import QuizApp
from quizapp.tui.quiz.confirm_submit_screen import ConfirmSubmitScreen
from quizapp.tui.quiz.question_screen import QuizQuestionScreen
from quizapp.tui.quiz.review_screen import QuizReviewScreen
from quizapp.tui.widgets.answer_view import AnswerView
from quizapp.tui.widgets.fold import MORE_BELOW, FoldHint, QuestionArea
from quizapp.workspace import Workspace
from tests.support.app import wait_for
from tests.tui.test_markup_deck import screen_text

CASE = "iim:card:dm-cancer-antibody-case"  # 6 options, a long stem
SIZES = [(60, 24), (80, 24)]


async def on_the_case(
    pilot: Pilot, context: Workspace, mode: Mode, review: bool = False
) -> QuizQuestionScreen:
    """A block of the antibody topic's items, moved on (→) to the long case; with `review`,
    submitting it opens its review there (as the results screen's r does)."""
    block = build_block(
        context.conn,
        context.library,
        BlockSpec(
            pool=Pool.ALL, decks=("iim",), topics=(("iim", "antibodies"),), mode=mode, seed=1
        ),
        context.clock(),
    )
    screen = QuizQuestionScreen(block)

    def closed(_submitted: bool | None) -> None:
        pilot.app.push_screen(QuizReviewScreen(block, screen.session.position))

    pilot.app.push_screen(screen, closed if review else None)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizQuestionScreen))
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.session is not None, "the block")
    while screen.session.current.item.card_id != CASE:
        await pilot.press("right")
    await pilot.pause()
    assert [o.label for o in screen.session.current.item.options] == list("ABCDEF")
    return screen


def in_view(widget: Widget) -> bool:
    """All of `widget` is inside its scrolling area's visible rows (and drawn there)."""
    area = widget.screen.query_one(QuestionArea)
    seen = area.scrollable_content_region
    region = widget.region
    return region.height > 0 and seen.y <= region.y and region.bottom <= seen.bottom


def option_shown(pilot: Pilot, label: str, mark: str = "") -> bool:
    """The option's line is on the terminal (with ▷ or ▶ when `mark` says so)."""
    option = next(o for o in pilot.app.screen.session.current.item.options if o.label == label)
    line = f"{mark} {label}  {option.text}" if mark else f"{label}  {option.text}"
    return line in screen_text(pilot.app)


def cue(screen) -> bool:
    return screen.query_one(FoldHint).border_title == MORE_BELOW


@pytest.mark.parametrize("size", SIZES)
async def test_arrows_bring_each_option_into_view_and_enter_chooses_it(iim_context, size):
    async with QuizApp(iim_context).run_test(size=size) as pilot:
        screen = await on_the_case(pilot, iim_context, Mode.TIMED)
        assert not option_shown(pilot, "F")  # the set-up: the key is below the fold
        await wait_for(pilot, lambda: cue(screen), "the cue")
        assert "▼ more below: ↓" in screen_text(pilot.app)
        lines = screen._option_lines
        for index, label in enumerate("ABCDEF"):
            await pilot.press("down")
            await wait_for(pilot, lambda i=index: in_view(lines[i]), f"{label} in view")
            assert option_shown(pilot, label, "▷")
        await wait_for(pilot, lambda: not cue(screen), "the cue gone")
        assert "more below" not in screen_text(pilot.app)
        for label in "FEDCBA":  # enter chooses each, from the bottom up
            await pilot.press("enter")
            await wait_for(pilot, lambda lb=label: screen.session.current.chosen == lb, label)
            assert option_shown(pilot, label, "▶")
            await pilot.press("up")
        await pilot.press("up")  # up from A: the question's top
        await wait_for(pilot, lambda: screen.query_one(QuestionArea).scroll_y == 0, "the top")
        await wait_for(pilot, lambda: cue(screen), "the cue back")


@pytest.mark.parametrize("size", SIZES)
async def test_a_letter_brings_its_option_into_view(iim_context, size):
    async with QuizApp(iim_context).run_test(size=size) as pilot:
        screen = await on_the_case(pilot, iim_context, Mode.TIMED)
        for label in "FAE":
            await pilot.press(label.lower())
            await wait_for(pilot, lambda lb=label: screen.session.current.chosen == lb, label)
            line = screen._option_lines["ABCDEF".index(label)]
            await wait_for(pilot, lambda ln=line: in_view(ln), f"{label} in view")
            assert option_shown(pilot, label, "▶")


@pytest.mark.parametrize("size", SIZES)
async def test_the_question_scrolls_by_page_keys_and_the_mouse(iim_context, size):
    async with QuizApp(iim_context).run_test(size=size) as pilot:
        screen = await on_the_case(pilot, iim_context, Mode.TIMED)
        area = screen.query_one(QuestionArea)
        last = screen._option_lines[-1]
        await pilot.press("end")
        await wait_for(pilot, lambda: in_view(last) and not cue(screen), "end: F, no cue")
        await pilot.press("home")
        await wait_for(pilot, lambda: area.scroll_y == 0 and cue(screen), "home: the top")
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: area.scroll_y > 0, "pgdn scrolls")
        await pilot.press("pageup")
        await wait_for(pilot, lambda: area.scroll_y == 0, "pgup scrolls back")
        for _ in range(area.max_scroll_y):
            await pilot._post_mouse_events([events.MouseScrollDown], area, offset=(2, 2))
            if in_view(last):
                break
        assert in_view(last) and area.scroll_y > 0


@pytest.mark.parametrize("size", SIZES)
async def test_a_tutor_answer_keeps_the_verdict_and_the_choice_in_view(iim_context, size):
    """Answering F (the last option) keeps the verdict and F's line in view; the footer
    says pgdn scrolls the explanation, and it does."""
    async with QuizApp(iim_context).run_test(size=size) as pilot:
        screen = await on_the_case(pilot, iim_context, Mode.TUTOR)
        await pilot.press("down", "down", "down", "down", "down", "down", "enter")
        view = screen.query_one(AnswerView)
        await wait_for(pilot, lambda: view.display, "the explanation")
        verdict = view.query_one(".verdict")
        choice = next(w for w in view.query(".option") if "(your choice)" in str(w.render()))
        await wait_for(pilot, lambda: in_view(verdict) and in_view(choice), "verdict, choice")
        assert "F  Anti-TIF1-gamma" in str(choice.render())
        assert not cue(screen)
        footer = screen_text(pilot.app).splitlines()[-1]
        assert "pgdn Scroll" in footer and "a-f Answer" not in footer
        area = screen.query_one(QuestionArea)
        was = area.scroll_y
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: area.scroll_y > was, "pgdn scrolls the explanation")


@pytest.mark.parametrize("size", SIZES)
async def test_the_review_keeps_the_verdict_and_the_choice_in_view(iim_context, size):
    async with QuizApp(iim_context).run_test(size=size) as pilot:
        screen = await on_the_case(pilot, iim_context, Mode.TIMED, review=True)
        await pilot.press("b")
        await wait_for(pilot, lambda: screen.session.current.chosen == "B", "b answers")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmSubmitScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizReviewScreen))
        review = pilot.app.screen
        view = review.query_one(AnswerView)
        await wait_for(pilot, lambda: "Anti-TIF1-gamma" in str(view.query_one(".verdict").render()))
        verdict = view.query_one(".verdict")
        choice = next(w for w in view.query(".option") if "(your choice)" in str(w.render()))
        await wait_for(pilot, lambda: in_view(verdict) and in_view(choice), "verdict, choice")
        assert "Wrong: you chose" in str(verdict.render())
        assert "pgdn Scroll" in screen_text(pilot.app).splitlines()[-1]
        area = review.query_one(QuestionArea)
        was = area.scroll_y
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: area.scroll_y > was, "pgdn scrolls")
