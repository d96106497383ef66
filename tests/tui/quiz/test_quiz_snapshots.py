"""SVG snapshots of the quiz screens in the real app at 80x24: the builder, a timed
question, the submit confirmation, results and the review.

Deterministic: a fixed clock (the block's seed and every date and timer on screen come
from it) and a small real deck. Update with `pytest --snapshot-update` and look at them.
"""

from textual.widgets import Input

from quizapp.quiz.builder import BlockSpec, Mode, Pool, build_block
from quizapp.quiz.session import BlockSession
from quizapp.tui.app import QuizApp
from quizapp.tui.quiz.confirm_submit_screen import ConfirmSubmitScreen
from quizapp.tui.quiz.results_screen import QuizResultsScreen
from quizapp.tui.quiz.review_screen import QuizReviewScreen
from tests.support.app import open_quiz, quiz_context, wait_for
from tests.support.quiz_library import START

SIZE = (80, 24)


def past_blocks(context, clock) -> None:
    """One submitted tutor block and one open timed block, for the builder's list."""
    done = build_block(context.conn, context.library, BlockSpec(size=4, seed=1), START)
    session = BlockSession(context.conn, done, clock)
    session.start()
    for position in range(4):
        session.go(position)
        clock.advance(25)
        session.answer(session.current.item.key if position % 2 == 0 else "E")
    session.submit()
    spec = BlockSpec(pool=Pool.ALL, size=10, seed=2, mode=Mode.TIMED, topics=(("small", "tx"),))
    open_block = build_block(context.conn, context.library, spec, START)
    session = BlockSession(context.conn, open_block, clock)
    session.start()
    clock.advance(50)
    session.answer("B")


async def start_timed(pilot) -> None:
    await open_quiz(pilot)
    await pilot.click("#mode-timed")
    pilot.app.screen.query_one("#builder-size", Input).value = "12"
    pilot.app.screen.query_one("#builder-decks").focus()
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()


def test_builder_snapshot(snap_compare, db_path, clock):
    context = quiz_context(db_path, clock)
    past_blocks(context, clock)
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=open_quiz)


def test_question_snapshot(snap_compare, db_path, clock):
    context = quiz_context(db_path, clock)

    async def run_before(pilot) -> None:
        await start_timed(pilot)
        clock.advance(75)
        await pilot.press("c", "right", "x", "a", "x", "d", "f", "c")
        await pilot.pause()

    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=run_before)


async def answer_all(pilot, clock) -> None:
    """Twelve questions taken at growing speeds: every third one wrong."""
    await start_timed(pilot)
    session = pilot.app.screen.session
    for position in range(12):
        clock.advance(20 + 7 * position)
        key = session.current.item.key.lower()
        await pilot.press(key if position % 3 else "e" if key != "e" else "d", "right")


def test_submit_confirmation_snapshot(snap_compare, db_path, clock):
    """Two of twelve answered, one of them flagged: the dialog says what submitting means."""
    context = quiz_context(db_path, clock)

    async def run_before(pilot) -> None:
        await start_timed(pilot)
        clock.advance(40)
        await pilot.press("b", "f", "right", "c", "s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmSubmitScreen))

    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=run_before)


def test_results_snapshot(snap_compare, db_path, clock):
    context = quiz_context(db_path, clock)

    async def run_before(pilot) -> None:
        await answer_all(pilot, clock)
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizResultsScreen))

    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=run_before)


def test_review_snapshot(snap_compare, db_path, clock):
    """The review of a submitted block, `w` from question 1 to the next wrong answer: the
    verdict, the learner's choice and the key, each option explained."""
    context = quiz_context(db_path, clock)

    async def run_before(pilot) -> None:
        await answer_all(pilot, clock)
        await pilot.press("s", "y")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizResultsScreen))
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizReviewScreen))
        await pilot.press("w")
        await pilot.pause()

    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=run_before)
