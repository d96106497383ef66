"""Custom study and the quiz builder start from the learner's last choices, also after a
restart: the trial-3 student had to untick a deck and pick kind, mode and size on every
visit. The choices live in the progress file's settings."""

from pathlib import Path

from textual.widgets import Input, RadioSet, Select, SelectionList

from quizapp.tui.app import QuizApp
from quizapp.tui.quiz.builder_screen import QuizBuilderScreen
from quizapp.tui.quiz.question_screen import QuizQuestionScreen
from quizapp.tui.study.custom_study_screen import CRAM, CustomStudyScreen
from quizapp.tui.study.study_screen import StudyScreen
from tests.support.app import build_context, open_quiz, wait_for
from tests.support.decks import BOTH_DECKS, IIM_ONLY
from tests.tui.test_custom_study import open_custom

SIZE = (100, 30)


def custom_values(screen: CustomStudyScreen) -> dict[str, object]:
    return {n: screen.query_one(f"#custom-{n}", Select).value for n in ("topic", "kind", "mode")}


async def test_custom_study_remembers_topic_kind_and_mode(tmp_path: Path) -> None:
    context = build_context(tmp_path, IIM_ONLY)
    topic = ("iim", next(iter(context.library.decks["iim"].topics)))
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        screen = await open_custom(pilot, topic=topic, kind="vignette", mode=CRAM)
        chosen = custom_values(screen)
        assert chosen == {"topic": topic, "kind": "vignette", "mode": CRAM}
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, StudyScreen), "study")
        await pilot.press("escape")
        await pilot.pause()
        again = await open_custom(pilot)
        assert custom_values(again) == chosen
    context.conn.close()
    restarted = build_context(tmp_path, IIM_ONLY)  # the same progress file, a new app
    async with QuizApp(restarted).run_test(size=SIZE) as pilot:
        assert custom_values(await open_custom(pilot)) == chosen


def builder_state(screen: QuizBuilderScreen) -> tuple[object, ...]:
    topics = screen.query_one("#builder-topics", SelectionList)
    return (
        tuple(screen.query_one("#builder-decks", SelectionList).selected),
        len(topics.selected),
        screen.query_one("#builder-mode", RadioSet).pressed_index,
        screen.query_one("#builder-pool", RadioSet).pressed_index,
        screen.query_one("#builder-size", Input).value,
    )


async def test_the_quiz_builder_remembers_decks_topics_mode_and_size(tmp_path: Path) -> None:
    context = build_context(tmp_path, BOTH_DECKS)
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        await open_quiz(pilot)
        screen = pilot.app.screen
        decks = screen.query_one("#builder-decks", SelectionList)
        decks.deselect("metabolic")
        await pilot.pause()
        topics = screen.query_one("#builder-topics", SelectionList)
        topics.deselect(topics.get_option_at_index(0).value)
        await pilot.click("#mode-timed")
        screen.query_one("#builder-size", Input).value = "7"
        decks.focus()
        await pilot.pause()
        chosen = builder_state(screen)
        assert chosen[0] == ("iim",) and chosen[2] == 1 and chosen[4] == "7"
        assert 0 < chosen[1] < topics.option_count
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizQuestionScreen))
        await pilot.press("escape")  # pause the block: back to the builder
        await wait_for(pilot, lambda: pilot.app.screen is screen, "the builder")
        await pilot.press("escape")
        await pilot.pause()
        await open_quiz(pilot)
        assert builder_state(pilot.app.screen) == chosen
    context.conn.close()
    restarted = build_context(tmp_path, BOTH_DECKS)
    async with QuizApp(restarted).run_test(size=SIZE) as pilot:
        await open_quiz(pilot)
        await pilot.pause()
        assert builder_state(pilot.app.screen) == chosen
