"""Every screen is reachable by keys and from the command palette; start-up and errors."""

import subprocess
import sys
import threading
from pathlib import Path

from textual.widgets import DataTable, Input

from quizapp.tui.app import QuizApp
from quizapp.tui.browse.browse_screen import BrowseScreen
from quizapp.tui.browse.card_preview import CardPreview
from quizapp.tui.home.home_screen import HomeScreen
from quizapp.tui.loading_screen import LoadingScreen
from quizapp.tui.stats.statistics_screen import StatisticsScreen
from quizapp.tui.study.study_screen import StudyScreen
from quizapp.tui.widgets.help_screen import HelpScreen
from quizapp.workspace import Workspace
from tests.support.app import palette_settled, wait_for
from tests.support.paths import REPO


async def test_home_keys_open_each_screen(iim_app: QuizApp) -> None:
    async with iim_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, screen_type in (
            ("s", StudyScreen),
            ("a", StudyScreen),
            ("t", StatisticsScreen),
            ("b", BrowseScreen),
            ("question_mark", HelpScreen),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(iim_app.screen, screen_type), key
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(iim_app.screen, HomeScreen), key


async def test_quiz_key_opens_the_quiz_builder(iim_app: QuizApp) -> None:
    async with iim_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert type(iim_app.screen).__name__ == "QuizBuilderScreen"


async def test_command_palette_reaches_screens(iim_app: QuizApp) -> None:
    async with iim_app.run_test(size=(80, 24)) as pilot:
        for words, screen_type in (
            ("statistics", StatisticsScreen),
            ("browse cards", BrowseScreen),
            ("study idiopathic", StudyScreen),
            ("home", HomeScreen),
        ):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*words)
            await wait_for(pilot, lambda: palette_settled(iim_app), f"matches for {words!r}")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(iim_app.screen, screen_type), words


async def test_light_and_dark(iim_app: QuizApp) -> None:
    async with iim_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dark = iim_app.theme
        await pilot.press("ctrl+t")
        assert iim_app.theme != dark
        await pilot.press("ctrl+t")
        assert iim_app.theme == dark


async def test_browse_filters_and_previews(iim_app: QuizApp) -> None:
    async with iim_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await iim_app.workers.wait_for_complete()
        await pilot.pause()
        table = iim_app.screen.query_one(DataTable)
        everything = table.row_count
        await pilot.press("slash", *"gottron")
        await iim_app.workers.wait_for_complete()
        await pilot.pause()
        assert iim_app.screen.query_one(Input).value == "gottron"
        assert 0 < table.row_count < everything
        preview = str(iim_app.screen.query_one(CardPreview).render())
        assert "gottron" in preview.casefold()
        assert "Deck: " in preview  # the deck location of the card
        # ... as the deck's folder and file, not the install path (trial 3: '/work/main/...')
        card = iim_app.workspace.library.card(table.coordinate_to_cell_key((0, 0)).row_key.value)
        place = Path(card.loc.path)
        assert f"Deck: {place.parent.name}/{place.name}:{card.loc.line}:" in preview
        assert str(place.parent) not in preview


async def test_loader_shows_loading_then_home(iim_context: Workspace) -> None:
    app = QuizApp(loader=lambda: iim_context)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_unusable_progress_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "progress.sqlite3"
    bad.write_text("not a database")
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", "--db", str(bad), "--decks", str(REPO / "decks")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("quizapp: ") and "not a quizapp progress file" in done.stderr
    assert "Traceback" not in done.stderr
    assert bad.read_text() == "not a database"


async def test_help_while_loading_then_home(iim_context: Workspace) -> None:
    release = threading.Event()

    def slow_loader() -> Workspace:
        release.wait(10)
        return iim_context

    app = QuizApp(loader=slow_loader)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_statistics_show_quiz_results(iim_context: Workspace) -> None:
    conn = iim_context.conn
    stamp = int(iim_context.clock().timestamp() * 1_000_000)
    block = conn.execute(
        "INSERT INTO quiz_blocks(title, mode, created_at, submitted_at) "
        "VALUES ('[b]Antibodies[/b] block', 'timed', ?, ?)",
        (stamp, stamp),
    ).lastrowid
    card_ids = [c for c in iim_context.library.cards][:2]
    for position, (card_id, correct) in enumerate(zip(card_ids, (1, 0), strict=True)):
        conn.execute(
            "INSERT INTO quiz_items(block_id, position, card_id, item_json, chosen, correct) "
            "VALUES (?, ?, ?, '{}', 'A', ?)",
            (block, position, card_id, correct),
        )
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        quizzes = str(pilot.app.screen.query_one("#quizzes").render())
        assert "50% (1/2)  [b]Antibodies[/b] block" in quizzes
