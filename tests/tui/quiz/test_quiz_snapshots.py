"""SVG snapshots of the quiz builder, a timed question and results at 80x24.

Deterministic: a fixed clock (the block's seed and every date and timer on screen come
from it) and the small quiz library. Update with `pytest --snapshot-update` and look at them.
"""

from conftest import QuizTestApp, make_context
from quiz_helpers import START
from textual.widgets import Input

from quizapp.quiz.builder import BlockSpec, Mode, Pool, build_block
from quizapp.quiz.session import BlockSession

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
    spec = BlockSpec(pool=Pool.ALL, size=10, seed=2, mode=Mode.TIMED, topics=(("iim", "biopsy"),))
    open_block = build_block(context.conn, context.library, spec, START)
    session = BlockSession(context.conn, open_block, clock)
    session.start()
    clock.advance(50)
    session.answer("B")


async def start_timed(pilot) -> None:
    await pilot.pause()
    await pilot.click("#mode-timed")
    pilot.app.screen.query_one("#builder-size", Input).value = "12"
    pilot.app.screen.query_one("#builder-decks").focus()
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()


def test_builder_snapshot(snap_compare, db_path, clock):
    context = make_context(db_path, clock)
    past_blocks(context, clock)
    assert snap_compare(QuizTestApp(context), terminal_size=SIZE)


def test_question_snapshot(snap_compare, db_path, clock):
    context = make_context(db_path, clock)

    async def run_before(pilot) -> None:
        await start_timed(pilot)
        clock.advance(75)
        await pilot.press("c", "right", "x", "a", "x", "d", "f", "c")
        await pilot.pause()

    assert snap_compare(QuizTestApp(context), terminal_size=SIZE, run_before=run_before)


def test_results_snapshot(snap_compare, db_path, clock):
    context = make_context(db_path, clock)

    async def run_before(pilot) -> None:
        await start_timed(pilot)
        session = pilot.app.screen.session
        for position in range(12):
            clock.advance(20 + 7 * position)
            key = session.current.item.key.lower()
            await pilot.press(key if position % 3 else "e" if key != "e" else "d", "right")
        await pilot.press("s", "y")
        await pilot.pause()

    assert snap_compare(QuizTestApp(context), terminal_size=SIZE, run_before=run_before)
