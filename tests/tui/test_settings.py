"""The settings screen on the real app and a real progress file: a change is in the file and
survives a restart, bad values are refused with the CLI's reason, the theme comes back,
study_kinds and per-deck limits shape what is studied."""

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from quizapp.srs.setting_help import settings_info
from quizapp.tui.app import QuizApp
from quizapp.tui.home.deck_list import DeckList
from quizapp.tui.settings.setting_edit_screen import SettingEditScreen
from quizapp.tui.settings.settings_screen import SettingsScreen
from quizapp.tui.study.study_screen import StudyScreen
from quizapp.tui.widgets.confirm_screen import ConfirmScreen
from quizapp.workspace import Workspace
from tests.support.app import build_context
from tests.support.decks import IIM_ONLY
from tests.support.paths import DECK_DATA

SIZE = (80, 24)


def stored(db: Path) -> dict[str, str]:
    """The settings table as another connection reads it (committed values only)."""
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT key, value FROM settings"))


@pytest.fixture
def context(tmp_path: Path) -> Workspace:
    return build_context(tmp_path, DECK_DATA)


async def open_settings(pilot) -> SettingsScreen:
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def go_to(pilot, screen: SettingsScreen, option_id: str) -> None:
    """Move the highlight with the arrow keys to the row of `option_id`."""
    options = screen.query_one(OptionList)
    for _ in range(options.option_count):
        if options.highlighted_option is not None and options.highlighted_option.id == option_id:
            return
        await pilot.press("down")
    raise AssertionError(f"no row {option_id}")


async def enter_value(pilot, text: str) -> SettingEditScreen:
    """Open the editor on the highlighted row and submit `text`."""
    await pilot.press("enter")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, SettingEditScreen)
    editor.query_one(Input).value = ""
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()
    return editor


def row_text(screen: SettingsScreen, option_id: str) -> str:
    return str(screen.query_one(OptionList).get_option(option_id).prompt)


def deck_line(app: QuizApp, index: int) -> str:
    prompt = app.screen.query_one(DeckList).get_option_at_index(index).prompt
    return " ".join(str(prompt).split())


async def test_a_change_is_in_the_file_and_survives_a_restart(
    tmp_path: Path, context: Workspace
) -> None:
    db = context.settings.db_path
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await go_to(pilot, screen, "new_per_day")
        await enter_value(pilot, "2")
        assert pilot.app.screen is screen
        assert stored(db)["new_per_day"] == "2"
        assert "* New cards per day" in row_text(screen, "new_per_day")
    context.conn.close()
    again = build_context(tmp_path, DECK_DATA, db=db)
    async with QuizApp(again).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "New 2" in deck_line(pilot.app, 0)  # mini has 3 new cards: the limit shows
        screen = await open_settings(pilot)
        assert " 2 " in row_text(screen, "new_per_day")


async def test_bad_values_are_refused_with_the_reason_and_nothing_is_saved(
    tmp_path: Path, context: Workspace
) -> None:
    db = context.settings.db_path
    before = stored(db)
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await go_to(pilot, screen, "new_per_day")
        editor = await enter_value(pilot, "lots")
        error = str(editor.query_one("#edit-error", Static).render())
        label = next(i.label for i in settings_info() if i.name == "new_per_day")
        assert f"{label} needs a whole number, not 'lots'" in error
        editor.query_one(Input).value = ""
        await pilot.press(*"1000000", "enter")
        await pilot.pause()
        error = str(editor.query_one("#edit-error", Static).render())
        assert f"{label} must be from 0 to 999999" in error and "new_per_day" not in error
        assert pilot.app.screen is editor
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
    assert stored(db) == before


async def test_a_switch_toggles_and_d_goes_back_to_the_default(
    tmp_path: Path, context: Workspace
) -> None:
    db = context.settings.db_path
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await go_to(pilot, screen, "bury_reviews")
        await pilot.press("enter")
        await pilot.pause()
        assert stored(db)["bury_reviews"] == "true"
        assert " on " in row_text(screen, "bury_reviews")
        await pilot.press("d")
        await pilot.pause()
        assert "bury_reviews" not in stored(db)
        assert " off " in row_text(screen, "bury_reviews")


async def test_the_theme_survives_a_restart(tmp_path: Path, context: Workspace) -> None:
    db = context.settings.db_path
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await go_to(pilot, screen, "theme")
        await pilot.press("enter")  # Textual's theme picker
        await pilot.pause()
        await pilot.press(*"nord")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.theme == "nord"
        assert stored(db)["theme"] == '"nord"'
        assert " nord " in row_text(screen, "theme")  # the row shows it at once
    context.conn.close()
    again = build_context(tmp_path, DECK_DATA, db=db)
    app = QuizApp(again)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        await pilot.press("ctrl+t")  # the light/dark switch is remembered too
        await pilot.pause()
        assert stored(db)["theme"] == f'"{app.theme}"' != '"nord"'


async def test_study_kinds_vignette_shows_only_vignettes(iim_context: Workspace) -> None:
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await go_to(pilot, screen, "new_per_day")
        await enter_value(pilot, "50")
        await go_to(pilot, screen, "study_kinds")
        await enter_value(pilot, "vignette")
        await pilot.press("escape")
        await pilot.pause()
        vignettes = sum(c.kind == "vignette" for c in iim_context.library.cards.values())
        assert 0 < vignettes < 50
        assert f"New {vignettes} " in deck_line(pilot.app, 0) + " "
        await pilot.press("s")
        await pilot.pause()
        study = pilot.app.screen
        assert isinstance(study, StudyScreen)
        for _ in range(4):
            assert study.card is not None and study.card.kind == "vignette"
            await pilot.press("a")  # choose an option, which shows the answer
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()
    kinds = iim_context.conn.execute(
        "SELECT DISTINCT c.kind FROM review_log r JOIN cards c ON c.id = r.card"
    ).fetchall()
    assert kinds == [("vignette",)]


def two_decks(tmp_path: Path) -> Path:
    """The iim deck and the mini deck side by side."""
    decks = tmp_path / "decks"
    shutil.copytree(IIM_ONLY, decks)
    shutil.copy(DECK_DATA / "mini.yaml", decks / "mini.yaml")
    return decks


async def test_per_deck_limits_are_honoured(tmp_path: Path) -> None:
    context = build_context(tmp_path, two_decks(tmp_path))
    db = context.settings.db_path
    assert set(context.library.decks) == {"iim", "mini"}
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await go_to(pilot, screen, "new_per_day@iim")
        await enter_value(pilot, "3")
        await go_to(pilot, screen, "new_per_day@mini")
        await enter_value(pilot, "1")
        assert stored(db)["new_per_day@iim"] == "3"
        assert stored(db)["new_per_day@mini"] == "1"
        await pilot.press("escape")
        await pilot.pause()
        lines = [deck_line(pilot.app, i) for i in range(3)]
        assert lines[0].removeprefix("▶ ").startswith("All decks New 4 ")  # 3 + 1, within 20
        assert "New 3 " in lines[1] and "New 1 " in lines[2]  # iim, then Mini deck
        await pilot.press("a")  # study all decks
        await pilot.pause()
        study = pilot.app.screen
        assert isinstance(study, StudyScreen)
        while study.stage != "done":
            await pilot.press("a" if study.card.options else "space")
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()
    with sqlite3.connect(db) as conn:
        served = dict(
            conn.execute(
                "SELECT c.deck_id, count(*) FROM review_log r JOIN cards c ON c.id = r.card "
                "GROUP BY c.deck_id"
            )
        )
    assert served == {"iim": 3, "mini": 1}


async def test_desired_retention_asks_then_recomputes(tmp_path: Path, context: Workspace) -> None:
    db = context.settings.db_path
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await go_to(pilot, screen, "desired_retention")
        await enter_value(pilot, "0.85")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert "desired_retention" not in stored(db)
        await enter_value(pilot, "0.85")
        await pilot.press("y")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert stored(db)["desired_retention"] == "0.85"
        assert " 0.85 " in row_text(screen, "desired_retention")


async def test_every_label_stands_apart_from_its_value(context: Workspace) -> None:
    """A label that fills its column ("  Maximum reviews per day" under a deck) read as one
    phrase with its value: "Maximum reviews per day global: 200"."""
    labels = {info.name: info.label for info in settings_info()}
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        options = screen.query_one(OptionList)
        rows = [options.get_option_at_index(i) for i in range(options.option_count)]
        deck_rows = [row for row in rows if row.id and "@" in row.id]
        assert deck_rows, "each deck's own limits are listed"
        for row in rows:
            if row.id:
                label = labels[row.id.partition("@")[0]]
                assert re.search(rf"{re.escape(label)}\s{{2,}}\S", str(row.prompt)), row.prompt
