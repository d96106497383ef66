"""At 60x20 and 120x40 every screen stays readable: no word cut to a letter or two and an
ellipsis ("M…" was every topic of the quiz builder at 60 columns), and the numbers that
matter (today's counts, per-topic scores, the help key) stay on screen."""

import re

import pytest

from quizapp.quiz.builder import BlockSpec, Pool, build_block
from quizapp.quiz.session import BlockSession
from quizapp.tui.app import QuizApp
from quizapp.tui.quiz.results_screen import QuizResultsScreen
from tests.support.app import study_only
from tests.tui.test_markup_deck import screen_text

SIZES = [(60, 20), (120, 40)]
CUT_SHORT = re.compile(r"(?<!\w)\w{1,3}…")  # "M…", "Top…": a word cut past reading


def readable(text: str) -> None:
    assert not CUT_SHORT.findall(text), text


@pytest.mark.parametrize("size", SIZES)
async def test_home_study_and_builder_are_readable(iim_context, size) -> None:
    study_only(iim_context, "vignette")
    async with QuizApp(iim_context).run_test(size=size) as pilot:
        await pilot.pause()
        home = screen_text(pilot.app)
        readable(home)
        assert "? Help" in home.splitlines()[-1]
        await pilot.press("enter")
        await pilot.pause()
        card = pilot.app.screen.card
        await pilot.press(next(o for o in card.options if not o.correct).label.lower())
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        study = screen_text(pilot.app)
        readable(study)
        top = study.splitlines()[0]
        assert all(word in top for word in ("New", "Learning", "Due", "answered")), top
        assert re.search(r"▸1 Again \d+m", study), "the suggested rating and its interval"
        await pilot.press("escape", "q")
        await pilot.pause()
        builder = screen_text(pilot.app)
        readable(builder)
        for topic in ("Myositis antibodies", "Classification and epidemiology"):
            assert topic in builder


@pytest.mark.parametrize("size", SIZES)
async def test_results_keep_every_topic_score_on_screen(iim_context, size) -> None:
    context = iim_context
    spec = BlockSpec(pool=Pool.ALL, size=12, seed=3)
    block_id = build_block(context.conn, context.library, spec, context.clock())
    session = BlockSession(context.conn, block_id, context.clock)
    session.start()
    for position in range(0, 12, 2):
        session.go(position)
        session.answer(session.current.item.key)
    session.submit()
    async with QuizApp(context).run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.app.push_screen(QuizResultsScreen(block_id))
        await pilot.pause()
        screen = pilot.app.screen
        shown = screen_text(pilot.app)
        readable(shown)
        table = screen.query_one("#results-topics")
        for row in range(table.row_count):
            title, right, share, _ = (str(cell) for cell in table.get_row_at(row))
            assert re.search(rf"{re.escape(title)}\s+{re.escape(right)}\s+{share}", shown), title
