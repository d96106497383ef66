"""The collector policy of the running app (`quizapp.gc_policy`), and the two Textual
leaks the study screen works around: behaviour only, the pauses are in tests/perf."""

import gc

from textual.widgets import Static
from textual.widgets._footer import FooterKey

from quizapp.tui.app import QuizApp
from quizapp.tui.widgets.answer_view import AnswerView
from quizapp.tui.widgets.footer import ReleasingFooter
from quizapp.workspace import Workspace
from tests.support.app import wait_for


async def until_home_ready(pilot) -> None:
    for _ in range(200):
        if "home_ready" in pilot.app.timings:
            return
        await pilot.pause()
    raise AssertionError("home never showed the decks")


def tracked(target: object) -> bool:
    """Whether the collector still walks `target` (frozen objects are not listed)."""
    return any(o is target for o in gc.get_objects())


async def test_the_command_line_app_is_frozen_once_home_shows(iim_context: Workspace) -> None:
    gc.unfreeze()
    app = QuizApp(iim_context, manage_gc=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_home_ready(pilot)
            assert gc.isenabled(), "automatic collection stays on: garbage is still freed"
            assert gc.get_freeze_count() > 0
            assert not tracked(app.screen) and not tracked(iim_context.library)
    finally:
        gc.unfreeze()


async def test_the_study_screen_is_built_once_and_frozen_with_the_app(
    iim_context: Workspace,
) -> None:
    """Frozen once, when it first shows; studying again reuses it, so nothing more is
    frozen (a screen frozen per visit would never be freed)."""
    gc.unfreeze()
    app = QuizApp(iim_context, manage_gc=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_home_ready(pilot)
            await pilot.press("enter")
            await wait_for(pilot, lambda: not tracked(app.screen), "the study screen frozen")
            study, frozen = app.screen, gc.get_freeze_count()
            for _ in range(2):
                await pilot.press("space", "3", "escape", "a")
                await pilot.pause()
                assert app.screen is study
                assert tracked(study.session), "each session is collected as usual"
            assert gc.get_freeze_count() <= frozen, "frozen again"
    finally:
        gc.unfreeze()


async def test_an_app_in_a_longer_lived_process_freezes_nothing(iim_context: Workspace) -> None:
    gc.unfreeze()
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        await until_home_ready(pilot)
        assert gc.get_freeze_count() == 0


async def test_answers_relabel_the_same_lines_and_the_footer_keeps_no_old_keys(
    iim_context: Workspace,
) -> None:
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        for _ in range(3):  # each visit to study changes home's keys twice
            await pilot.press("enter")
            await pilot.pause()
            lines: list[list[Static]] = []
            for _ in range(4):
                await pilot.press("space")
                await pilot.pause()
                lines.append(list(pilot.app.screen.query_one(AnswerView).query(Static)))
                await pilot.press("3")
                await pilot.pause()
            shown = [line for card in lines for line in card if line.display]
            assert shown and all(card[0] is lines[0][0] for card in lines), "lines remounted"
            await pilot.press("escape")
            await pilot.pause()
        footer = pilot.app.screen.query_one(ReleasingFooter)
        watching = getattr(footer, "__watchers", {}).get("compact", [])
        assert len(watching) == len(footer.query(FooterKey))
