"""The app on a restart with unchanged decks: cards, vignettes, sources and browse all come
from the progress file's cache and the lazily loaded deck; an edit shows at the next start."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from textual.widgets import DataTable

from quizapp.tui.app import QuizApp
from quizapp.tui.browse.browse_screen import MAX_ROWS, BrowseScreen
from quizapp.tui.study.study_screen import StudyScreen
from quizapp.tui.widgets.source_view import SourceView
from tests.support.app import build_context, study_only
from tests.support.decks import IIM_ONLY
from tests.support.paths import DECK_DATA, REPO
from tests.tui.test_markup_deck import screen_text


async def test_a_restart_studies_and_browses_from_the_cache(tmp_path: Path) -> None:
    fresh = build_context(tmp_path, IIM_ONLY)
    fresh.conn.close()
    context = build_context(tmp_path, IIM_ONLY)  # the restart
    assert list(context.library.cached) == ["iim"]
    study_only(context, "vignette")
    async with QuizApp(context).run_test(size=(100, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, StudyScreen)
        card = screen.card
        assert card is not None and card.kind == "vignette"
        assert card == fresh.library.render(card.id, screen.seed)  # the same case, re-rendered
        await pilot.press("i")
        await pilot.pause()
        citation = fresh.library.decks["iim"].sources[card.sources[0]].citation
        assert citation[:30] in str(screen.query_one(SourceView).render())
        await pilot.press("escape", "b")
        await pilot.pause()
        assert isinstance(pilot.app.screen, BrowseScreen)
        table = pilot.app.screen.query_one(DataTable)
        await pilot.wait_for_scheduled_animations()
        assert table.row_count == min(MAX_ROWS, len(fresh.library.cards))


async def test_a_deck_edit_shows_at_the_next_start(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    shutil.copytree(IIM_ONLY, decks)
    build_context(tmp_path, decks).conn.close()
    deck_file = decks / "iim" / "deck.yaml"
    deck_file.write_text(deck_file.read_text().replace("title: Idiopathic", "title: Edited"))
    for restart in range(2):  # loaded from the files, then from the cache
        context = build_context(tmp_path, decks)
        assert bool(context.library.cached) == (restart == 1)
        async with QuizApp(context).run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "Edited inflammatory myopathies" in screen_text(pilot.app)
        context.conn.close()


def start_moments(decks: Path, db: Path) -> dict[str, float]:
    """One real `quizapp` start, headless, exiting once home shows: its printed moments."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "QUIZAPP_EXIT_WHEN_READY": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "quizapp", "--db", str(db), "--decks", str(decks)],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return {k: float(v) for k, v in (item.split("=") for item in run.stdout.split())}


def test_home_is_the_first_frame_when_no_deck_changed(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    shutil.copytree(DECK_DATA, decks)
    db = tmp_path / "progress.sqlite3"
    first = start_moments(decks, db)
    assert first["first_frame"] < first["imported"]  # loading screen, then the worker
    again = start_moments(decks, db)
    assert again["synced"] < again["first_frame"]  # nothing to load: straight to home
    root = sorted(decks.glob("*.yaml"))[0]
    root.write_text(root.read_text() + "\n# edited\n")
    edited = start_moments(decks, db)
    assert edited["first_frame"] < edited["imported"]
