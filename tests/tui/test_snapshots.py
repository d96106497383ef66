"""SVG snapshots of every screen at 80x24 on a fixed clock; review them like code.

Update with `pytest tests/tui/test_snapshots.py --snapshot-update`. The IIM pictures
(home, study, vignette) follow the deck: an edit of its first cards or of bp-dm changes
them, and the new picture is reviewed like the deck diff that caused it. The progress file is
opened by a relative name inside a temporary working directory, so no temporary path
reaches the screen, and vignette seeds come from the fixed clock.
"""

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from textual.worker import get_current_worker

from quizapp.srs.config import save_deck_setting, save_setting
from quizapp.srs.exam import set_exam_date
from quizapp.tui.app import QuizApp
from quizapp.tui.loading_screen import LoadingScreen
from quizapp.workspace import Workspace
from tests.support.app import build_context, study_only, wait_for
from tests.support.clock import NOON
from tests.support.decks import IIM_ONLY
from tests.support.paths import DECK_DATA

SIZE = (80, 24)


@pytest.fixture
def context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.chdir(tmp_path)
    context = build_context(tmp_path, IIM_ONLY, db=Path("progress.sqlite3"))
    save_setting(context.conn, "fuzz", False)  # fsrs fuzz draws from the global random
    return context


async def settle(pilot) -> None:
    """Let workers (today's totals, statistics, forecast) finish before the picture."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def keys_then_settle(*keys: str):
    """snap_compare presses its keys after run_before: press them here, then settle."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_home_first_run(snap_compare, context: Workspace) -> None:
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=settle)


def test_home_with_exam_date(snap_compare, context: Workspace) -> None:
    """The exam line under today's totals: days left and the expected recall on exam day."""
    set_exam_date(context.conn, "iim", date(2027, 3, 15), NOON.date())
    context.first_run = False  # a learner who has been here before
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=settle)


def test_exam_date_dialog(snap_compare, context: Workspace) -> None:
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=keys_then_settle("e"))


def test_study_prompt(snap_compare, context: Workspace) -> None:
    assert snap_compare(
        QuizApp(context), terminal_size=SIZE, run_before=keys_then_settle(*["enter"])
    )


def test_study_answer(snap_compare, context: Workspace) -> None:
    app = QuizApp(context)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle(*["enter", "space"]))


def test_study_answer_light_theme(snap_compare, context: Workspace) -> None:
    app = QuizApp(context)

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await keys_then_settle("enter", "space")(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=light)


def test_vignette_with_explanations(snap_compare, context: Workspace) -> None:
    study_only(context, "vignette")
    app = QuizApp(context)

    async def answer_wrongly(pilot) -> None:
        await pilot.press("enter")
        card = pilot.app.screen.card
        wrong = next(o for o in card.options if not o.correct)
        await pilot.press(wrong.label.lower())
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=answer_wrongly)


def test_done_for_today(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    context = build_context(tmp_path, DECK_DATA, db=Path("progress.sqlite3"))
    save_setting(context.conn, "fuzz", False)
    app = QuizApp(context)
    keys = ["enter"] + ["space", "4"] * 5  # every card of the mini deck, Easy
    assert snap_compare(app, terminal_size=SIZE, run_before=keys_then_settle(*keys))


def test_statistics(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the small test deck, so this picture changes only when the screen does."""
    monkeypatch.chdir(tmp_path)
    context = build_context(tmp_path, DECK_DATA, db=Path("progress.sqlite3"))
    save_setting(context.conn, "fuzz", False)
    keys = ["enter", "space", "4", "space", "3", "escape", "t"]
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=keys_then_settle(*keys))


def test_help(snap_compare, context: Workspace) -> None:
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=keys_then_settle(*["?"]))


def test_browse_with_actions(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cards selected (the mark column), one suspended, one flagged and buried. The
    decks are copied under the working directory, so the preview shows a relative path."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DECK_DATA, "decks")
    context = build_context(tmp_path, Path("decks"), db=Path("progress.sqlite3"))
    keys = ["b", "s", "down", "f", "b", "up", "space", "down", "space"]

    async def run_before(pilot) -> None:
        await keys_then_settle(*keys)(pilot)
        pilot.app.clear_notifications()  # the three toasts would hide the table
        await settle(pilot)

    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=run_before)


def test_custom_study(snap_compare, context: Workspace) -> None:
    async def choose(pilot) -> None:
        await keys_then_settle("c")(pilot)
        pilot.app.screen.query_one("#custom-kind").value = "vignette"
        await settle(pilot)

    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=choose)


def test_cram_answer(snap_compare, context: Workspace) -> None:
    """Cram's rating buttons say what each does: Again comes back soon, the others end it."""

    async def cram(pilot) -> None:
        await keys_then_settle("c")(pilot)
        pilot.app.screen.query_one("#custom-kind").value = "basic"
        pilot.app.screen.query_one("#custom-mode").value = "cram"
        await settle(pilot)
        await keys_then_settle("s", "space")(pilot)

    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=cram)


def test_postpone_prompt(snap_compare, context: Workspace) -> None:
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=keys_then_settle("c", "p"))


def test_forecast(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Statistics, then `f`: the forecast of the small test deck after a few answers."""
    monkeypatch.chdir(tmp_path)
    context = build_context(tmp_path, DECK_DATA, db=Path("progress.sqlite3"))
    save_setting(context.conn, "fuzz", False)
    keys = ["enter", "space", "4", "space", "3", "escape", "t", "f"]
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=keys_then_settle(*keys))


def test_settings(snap_compare, context: Workspace) -> None:
    save_deck_setting(context.conn, "new_per_day", "iim", 10)  # a deck's own: marked changed
    keys = ("o", "down", "down", "down", "down", "down", "down", "down")
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=keys_then_settle(*keys))


def test_loading(snap_compare, iim_context: Workspace) -> None:
    """The first frame while the decks load (the spinner held still: no animation)."""

    def loading() -> Workspace:
        """Still loading when the picture is taken; ends when the app closes."""
        while not get_current_worker().is_cancelled:
            time.sleep(0.01)
        return iim_context

    async def still(pilot) -> None:
        pilot.app.animation_level = "none"
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, LoadingScreen), "loading")
        await pilot.pause()

    assert snap_compare(QuizApp(loader=loading), terminal_size=SIZE, run_before=still)


def test_browse(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The card browser as it opens: the small test deck's cards and the first one's preview
    (decks under the working directory: a relative path in the preview)."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DECK_DATA, "decks")
    context = build_context(tmp_path, Path("decks"), db=Path("progress.sqlite3"))
    assert snap_compare(QuizApp(context), terminal_size=SIZE, run_before=keys_then_settle("b"))
