"""Issue 17, item 3: no control character in shown text reaches the terminal from the app.

Deck text with escapes is refused by validation and shown on home as a located problem;
a file name with an escape, or card text that reached the app by another road (a quiz
question stored in the progress file by an older quizapp), is shown with control
pictures (U+241B for ESC) through the app's line filter, never executed."""

import dataclasses
import shutil
from pathlib import Path

from quizapp.tui.app import QuizApp
from quizapp.tui.study.study_screen import StudyScreen
from tests.support.app import build_context
from tests.support.paths import DECK_DATA

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;pwned\x07"
RAW = ("\x1b", "\x07", "\x9b")


def screen_text(app: QuizApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def no_raw_controls(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(char)


async def test_a_deck_with_escapes_is_a_problem_on_home_and_its_name_is_shown_as_text(
    tmp_path: Path,
) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(DECK_DATA / "mini.yaml", decks / "mini.yaml")
    evil = (
        (DECK_DATA / "mini.yaml")
        .read_text()
        .replace("id: mini, title: Mini deck", 'id: evil, title: "x\\e[2J"')
    )
    (decks / f"evil{TITLE}.yaml").write_text(evil)
    app = QuizApp(build_context(tmp_path, decks))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = screen_text(app)
        no_raw_controls(home)
        assert "Mini deck" in home  # the good deck still loads
        assert "evil\u241b]0;pwned.yaml:3:25: value contains control character U+001B" in home
        lines = home.splitlines()
        assert all(len(line) == 100 for line in lines)  # pictures take the padding's place
        assert all(line.rstrip().endswith("│") for line in lines if line.startswith(" │"))


async def test_card_text_with_escapes_is_shown_as_control_pictures(tmp_path: Path) -> None:
    context = build_context(tmp_path, DECK_DATA)
    for card_id, card in list(context.library.cards.items()):
        context.library.cards[card_id] = dataclasses.replace(
            card, prompt=f"{CLEAR}Evil {TITLE}prompt\x9b31m here"
        )
    app = QuizApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        shown = screen_text(app)
        no_raw_controls(shown)
        # (Textual itself drops BEL; ESC and C1 are ours to show)
        assert "\u241b[2JEvil \u241b]0;pwnedprompt\ufffd31m here" in shown
        assert all(len(line) == 80 for line in shown.splitlines())  # the layout holds
