"""Text the first-time trial found cut or broken on a small terminal: Browse's search
placeholder ("Search car" at 60 columns), the quiz review's topic, the builder's timed line
split inside "90 s", and the welcome box that stayed for the whole first session."""

import re

from quizapp.quiz.builder import BlockSpec, Pool, build_block
from quizapp.quiz.session import BlockSession
from quizapp.tui.app import QuizApp
from quizapp.tui.browse.browse_screen import BrowseScreen
from quizapp.tui.home.home_screen import HomeScreen
from quizapp.tui.quiz.builder_screen import QuizBuilderScreen
from quizapp.tui.quiz.review_screen import QuizReviewScreen
from quizapp.tui.study.study_screen import StudyScreen
from tests.support.app import study_only, wait_for
from tests.tui.test_markup_deck import screen_text

NARROW = (60, 20)


def words(text: str) -> str:
    return " ".join(text.split())


async def test_browse_at_60_columns_shows_the_whole_placeholder_and_menu(iim_app) -> None:
    async with iim_app.run_test(size=NARROW) as pilot:
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, BrowseScreen), "browse")
        assert "Search card text…" in screen_text(pilot.app)
        pilot.app.screen.query_one("#browse-kind").focus()
        await pilot.press("enter")  # the kind menu: each kind whole on its line
        await wait_for(pilot, lambda: "Case vignette" in screen_text(pilot.app), "the menu")
        for kind in ("Comparison", "Multiple choice", "Fill the gap"):
            assert re.search(rf"▊\s+{kind}\s", screen_text(pilot.app)), kind


async def test_the_review_header_keeps_the_whole_topic_at_60_columns(iim_context) -> None:
    context = iim_context
    block_id = build_block(
        context.conn, context.library, BlockSpec(pool=Pool.ALL, size=5, seed=3), context.clock()
    )
    session = BlockSession(context.conn, block_id, context.clock)
    session.start()
    session.submit()
    async with QuizApp(context).run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.app.push_screen(QuizReviewScreen(block_id))
        await pilot.pause()
        screen = pilot.app.screen
        item = screen.block.items[0].item
        topic = context.topic_label(item.deck, item.topic)
        header = screen.query_one("#review-status").region
        shown = screen_text(pilot.app).splitlines()[header.y : header.bottom]
        assert len(f"Review · question 1 of 5 · omitted · 0 s · {topic}") > NARROW[0] - 2
        assert words(topic) in words(" ".join(shown)), shown


async def test_the_timed_line_of_the_builder_is_never_split_inside_a_phrase(iim_app) -> None:
    async with iim_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizBuilderScreen), "builder")
        await pilot.click("#mode-timed")
        await wait_for(pilot, lambda: "Timed:" in screen_text(pilot.app), "the timed line")
        assert re.search(r"Timed: 90 s each, \d+ min", screen_text(pilot.app))


async def test_the_welcome_box_goes_once_a_card_is_answered(iim_context) -> None:
    study_only(iim_context, "basic")
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Welcome to quizapp!" in screen_text(pilot.app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, StudyScreen), "study")
        await pilot.press("space", "3", "escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "home")
        await wait_for(pilot, lambda: "Today 1 answered" in screen_text(pilot.app), "counts")
        assert "Welcome" not in screen_text(pilot.app)
