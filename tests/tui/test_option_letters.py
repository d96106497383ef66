"""Every option of a hand-written item (4 to 8 options, A-H) can be chosen by its letter,
in study and in a quiz block; the keys shown say the range ("a-f"); the keys those letters
stand for elsewhere (b bury, f flag) still work where the item has no such option.

The trial-3 student could not answer option F: `f` flagged instead, the quiz said
"Press a-e", and the quiz had no arrows + enter to fall back on."""

from pathlib import Path

import pytest
from textual.pilot import Pilot

from quizapp.quiz.builder import BlockSpec, Mode, build_block
from quizapp.tui.app import QuizApp
from quizapp.tui.quiz.question_screen import QuizQuestionScreen
from quizapp.tui.study.study_screen import StudyScreen
from quizapp.tui.widgets.help_screen import HelpScreen
from quizapp.workspace import Workspace
from tests.support.app import build_context, wait_for
from tests.support.decks import hand_deck
from tests.tui.test_markup_deck import screen_text
from tests.tui.test_study import open_study

IIM_SIX = "iim:card:dm-cancer-antibody-case"
GREEK = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]


def many_options_item(card_id: str, count: int, tests: str) -> str:
    """A hand-written MCQ of `count` options (the key the first), as YAML under `cards:`;
    `tests` names the fact it asks and its key is its own ("Alpha-6 sign"), so that a quiz
    block (one question a fact and an answer) takes it."""
    options = "".join(
        f"      - text: {name if i else f'{name}-{count}'} sign\n"
        + ("        correct: true\n" if i == 0 else "")
        + f"        rationale: The {name.lower()} sign belongs to {name.lower()} disease.\n"
        for i, name in enumerate(GREEK[:count])
    )
    return (
        f"  - id: {card_id}\n    kind: mcq\n    topic: dx\n"
        f"    stem: A man has the disease named after the first letter ({count} options).\n"
        "    lead_in: Which clinical finding is required for his diagnosis?\n"
        f"    options:\n{options}    tests: [{tests}]\n    source: s1\n"
    )


def many_options_context(tmp_path: Path) -> Workspace:
    """The hand deck (items of 4 and 5 options) plus items of 6 and 8 options, each item
    asking its own fact."""
    deck = hand_deck(tmp_path / "decks")
    text = (deck / "deck.yaml").read_text()
    head, case = text.split("  - id: alpha-case", 1)
    case = case.replace("tests: [alpha]", "tests: [delta]", 1)
    (deck / "deck.yaml").write_text(f"{head}  - id: alpha-case{case}")
    with (deck / "deck.yaml").open("a") as f:
        f.write(many_options_item("six", 6, "beta") + many_options_item("eight", 8, "gamma"))
    return build_context(tmp_path, deck.parent)


def footer_line(pilot: Pilot) -> str:
    return screen_text(pilot.app).splitlines()[-1]


async def study_card(pilot: Pilot, context: Workspace, card_id: str) -> StudyScreen:
    context.conn.execute("UPDATE cards SET suspended = (card_id != ?)", (card_id,))
    screen = await open_study(pilot)
    await wait_for(pilot, lambda: screen.card is not None and screen.card.id == card_id)
    return screen


@pytest.mark.parametrize(("card_id", "count"), [("six", 6), ("eight", 8)])
async def test_study_chooses_every_option_by_its_letter(tmp_path: Path, card_id, count) -> None:
    context = many_options_context(tmp_path)
    letters = "abcdefgh"[:count]
    async with QuizApp(context).run_test(size=(100, 30)) as pilot:
        screen = await study_card(pilot, context, f"hand:card:{card_id}")
        assert len(screen.card.options) == count
        assert f"a-{letters[-1]} Choose" in footer_line(pilot)
        assert f"a–{letters[-1]} or ↑↓ enter" in screen_text(pilot.app)
        for letter in letters[-3:]:  # the last three: f is one of them, g and h too
            await pilot.press(letter)
            await wait_for(pilot, lambda: screen.stage == "answer", f"{letter} answers")
            assert screen.chosen == letter.upper()
            assert not screen.flagged  # f chose F, it did not flag
            await pilot.press("f")  # once answered, f flags
            await wait_for(pilot, lambda: screen.flagged, "f flags once answered")
            await pilot.press("f", "1", "u")  # unflag, rate Again, undo: the card again
            await wait_for(pilot, lambda: screen.stage == "question", "the answer undone")
            assert not screen.flagged


async def test_the_iim_six_option_case_takes_f_and_f_still_flags_elsewhere(iim_context) -> None:
    """The trial's item: F (anti-TIF1-gamma) is chosen with f; on a 4-option card f flags."""
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await study_card(pilot, iim_context, IIM_SIX)
        assert [o.label for o in screen.card.options] == list("ABCDEF")
        assert "a-f Choose" in footer_line(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: screen.stage == "answer")
        assert screen.chosen == "F" and not screen.flagged
        await pilot.press("escape")
        await pilot.pause()
        four = iim_context.conn.execute(
            "SELECT card_id FROM cards WHERE kind = 'mcq' AND card_id LIKE 'iim:mcq:%' LIMIT 1"
        ).fetchone()[0]
        screen = await study_card(pilot, iim_context, four)
        assert len(screen.card.options) < 6
        await pilot.press("f")
        await wait_for(pilot, lambda: screen.flagged, "f flags a card without option F")
        assert screen.stage == "question"


async def test_help_lists_each_letter_once(tmp_path: Path) -> None:
    """One row for the option letters, with the card's range; b listed once (bury)."""
    context = many_options_context(tmp_path)
    async with QuizApp(context).run_test(size=(100, 40)) as pilot:
        await study_card(pilot, context, "hand:card:six")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        shown = str(pilot.app.screen.query_one("#help-keys").render())
    assert "a-f " in shown and "Choose an option by its letter" in shown
    assert [line.split()[0] for line in shown.splitlines() if line.strip()].count("b") == 1
    assert "Choose B" not in shown and "a-e" not in shown


async def quiz_on(pilot: Pilot, context: Workspace) -> QuizQuestionScreen:
    """A timed block of the hand deck's items (4, 5, 6 and 8 options among them)."""
    block = build_block(
        context.conn,
        context.library,
        BlockSpec(decks=("hand",), size=100, mode=Mode.TIMED, seed=1),
        context.clock(),
    )
    pilot.app.push_screen(QuizQuestionScreen(block))
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizQuestionScreen))
    await pilot.pause()
    return pilot.app.screen


async def go_to(pilot: Pilot, screen: QuizQuestionScreen, count: int) -> None:
    """Move (← to the first, then →) to the question with `count` options."""
    items = screen.session.block.items
    await pilot.press(*["left"] * screen.session.position)
    for _ in items:
        if len(screen.session.current.item.options) == count:
            await pilot.pause()
            return
        await pilot.press("right")
    raise AssertionError(f"no question of {count} options")


async def test_quiz_chooses_every_option_by_letter_and_by_arrows(tmp_path: Path) -> None:
    context = many_options_context(tmp_path)
    async with QuizApp(context).run_test(size=(100, 30)) as pilot:
        screen = await quiz_on(pilot, context)
        await go_to(pilot, screen, 6)
        assert "a-f or ↑↓ enter answers" in screen_text(pilot.app)
        footer = footer_line(pilot)
        assert "a-f Answer" in footer and " m Flag" in footer
        await pilot.press("f")
        await wait_for(pilot, lambda: screen.session.current.chosen == "F", "f answers F")
        assert not screen.session.current.flagged
        await pilot.press("m")
        await wait_for(pilot, lambda: screen.session.current.flagged, "m flags")

        await go_to(pilot, screen, 8)
        assert "a-h Answer" in footer_line(pilot)
        await pilot.press("h")
        await wait_for(pilot, lambda: screen.session.current.chosen == "H", "h answers H")
        await pilot.press(*["up"] * 5, "enter")  # the cursor followed h: up from H to C
        await wait_for(pilot, lambda: screen.session.current.chosen == "C", "↑×5 enter: C")
        await pilot.press("x", "g")  # strike-out takes the later letters too
        await wait_for(pilot, lambda: "G" in screen.session.current.struck, "x g strikes G")

        await go_to(pilot, screen, 4)
        assert "a-d Answer" in footer_line(pilot) and " f Flag" in footer_line(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: screen.session.current.flagged, "f flags")
        assert screen.session.current.chosen is None
