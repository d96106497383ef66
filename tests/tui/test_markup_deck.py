"""Deck text that looks like markup is shown exactly as written, on every screen."""

from pathlib import Path

from quizapp.tui.app import QuizApp
from quizapp.tui.study.study_screen import StudyScreen
from tests.support.app import build_context, wait_for

MARKUP_DECKS = Path(__file__).parent / "data" / "markup"
TITLE = "[bold red]x[/] deck"
ENTITY = "[link=http://x]y[/link] myositis"
FINDING = "[bold red]x[/] rash"


def screen_text(app: QuizApp) -> str:
    """The characters on the terminal, line by line, as the compositor renders them."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_markup_deck_renders_literally(tmp_path: Path) -> None:
    app = QuizApp(build_context(tmp_path, MARKUP_DECKS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = screen_text(app)
        assert TITLE in home
        assert "[b]Diagnosis[/b]" in home  # the topic title

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        prompt = screen_text(app)
        assert TITLE in prompt  # the deck title in the progress line
        assert f"Which conditions typically show {FINDING}?" in prompt  # an open list (round 15)

        await pilot.press("space", "i")
        await pilot.pause()
        answer = screen_text(app)
        assert ENTITY in answer
        assert "[link=http://x]y[/link] et al." in answer  # the citation

        await pilot.press("escape", "b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ENTITY in screen_text(app)

        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"study")
        await wait_for(pilot, lambda: f"Study {TITLE}" in screen_text(app), "the study command")


async def test_an_unknown_deck_id_is_named_literally(tmp_path: Path) -> None:
    """`study` with a deck id that is not loaded (a palette or key binding argument) says
    so with the id as written, not read as markup."""
    app = QuizApp(build_context(tmp_path, MARKUP_DECKS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_study("[bold]gone[/]")
        await wait_for(pilot, lambda: bool(app._notifications), "the notification")
        (notification,) = list(app._notifications)
        assert notification.message == "No deck '[bold]gone[/]'"
        assert notification.markup is False
