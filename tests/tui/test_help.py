"""? shows the keys of the screen the learner is on (and the keys that work everywhere),
read from that screen's bindings: never one fixed list, never another screen's keys."""

from quizapp.tui.app import QuizApp
from quizapp.tui.quiz.builder_screen import QuizBuilderScreen
from quizapp.tui.quiz.question_screen import QuizQuestionScreen
from quizapp.tui.study.study_screen import StudyScreen
from quizapp.tui.widgets.help_screen import HelpScreen


async def help_text(pilot) -> str:
    """Open help on the current screen, read it, close it."""
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    text = str(pilot.app.screen.query_one("#help-keys").render())
    await pilot.press("escape")
    await pilot.pause()
    return text


async def test_help_lists_the_keys_of_the_screen_it_is_opened_on(iim_app: QuizApp) -> None:
    async with iim_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = await help_text(pilot)
        assert "Study the highlighted deck" in home and "Everywhere" in home
        assert "Strike" not in home and "Bury" not in home

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StudyScreen)
        study = await help_text(pilot)
        assert study.splitlines()[2] == "Study"
        for words in ("Bury until tomorrow", "Undo the last answer", "Rate as suggested"):
            assert words in study
        assert "Study the highlighted deck" not in study and "Strike" not in study

        await pilot.press("escape", "q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, QuizBuilderScreen)
        builder = await help_text(pilot)
        assert "Resume the highlighted open block" in builder and "Start a block" in builder

        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, QuizQuestionScreen)
        question = await help_text(pilot)
        assert question.splitlines()[2] == "Quiz question"
        for words in ("Strike an option out", "Flag or unflag", "Submit the block", "Pause"):
            assert words in question, words
        assert "Bury" not in question and "Resume the highlighted" not in question
        assert isinstance(pilot.app.screen, QuizQuestionScreen)  # esc closed help only


async def test_help_rows_are_unambiguous_and_wrap_under_their_text(iim_app: QuizApp) -> None:
    """Trial 3: quiz help listed ← as both next and previous; study help listed b twice and
    c, d, e beside a-e; PgUp/PgDn were missing; wrapped lines started at column 0."""
    async with iim_app.run_test(size=(80, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        study = await help_text(pilot)
        await pilot.press("escape", "q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        question = await help_text(pilot)
    for text in (study, question):
        assert "pgup pgdn" in text
        rows = text.splitlines()
        for row in rows:
            assert len(row) <= 58, row
            if row.startswith("   "):  # a continuation: under the descriptions (key column
                assert len(row) - len(row.lstrip()) >= 16, row  # at least 14 wide, indent 2)
    keys = [row.split("  ")[1].strip() for row in study.splitlines() if row.startswith("  ")]
    assert keys.count("b") == 1 and not {"c", "d", "e"} & set(keys)
    moves = [row for row in question.splitlines() if "←" in row]
    assert len(moves) == 1 and "previous" in moves[0] and "Next" in moves[0], moves
