"""Browse-screen card actions on the real app and a real progress file: select one card or
many (a visible glyph), suspend/unsuspend, bury/unbury, flag/unflag, reset after a yes."""

from fsrs import Rating
from textual.widgets import DataTable, Input

from quizapp.srs.session import StudySession
from quizapp.store.cards import get_card
from quizapp.tui.app import QuizApp
from quizapp.tui.browse.browse_screen import SELECTED, BrowseScreen
from quizapp.tui.widgets.confirm_screen import ConfirmScreen
from quizapp.workspace import Workspace

SIZE = (80, 24)


async def open_browse(pilot) -> BrowseScreen:
    await pilot.press("b")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen)
    return screen


def cell(screen: BrowseScreen, row: int, column: str) -> str:
    table = screen.query_one(DataTable)
    key = list(table.rows)[row]
    return str(table.get_cell(key, column))


def row_id(screen: BrowseScreen, row: int) -> str:
    return list(screen.query_one(DataTable).rows)[row].value


async def test_one_card_suspend_unsuspend_flag_bury(iim_context: Workspace) -> None:
    conn = iim_context.conn
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        first = row_id(screen, 0)
        assert cell(screen, 0, "status") == "new"
        await pilot.press("s")
        await pilot.pause()
        assert get_card(conn, first).suspended == 1
        assert cell(screen, 0, "status") == "suspended"
        await pilot.press("s")  # a toggle, as in Anki: back into study
        await pilot.pause()
        assert get_card(conn, first).suspended == 0 and cell(screen, 0, "status") == "new"
        await pilot.press("f", "b")
        await pilot.pause()
        assert cell(screen, 0, "status") == "buried" and cell(screen, 0, "flag") == "⚑"
        assert "⚑ flagged" in str(screen.query_one("#browse-count").render())  # the legend
        assert get_card(conn, first).flagged == 1 and get_card(conn, first).buried_day > 0
        await pilot.press("b", "f")
        await pilot.pause()
        assert cell(screen, 0, "status") == "new" and cell(screen, 0, "flag") == " "
        assert (get_card(conn, first).flagged, get_card(conn, first).buried_day) == (0, 0)


async def test_many_cards_with_a_visible_mark(iim_context: Workspace) -> None:
    conn = iim_context.conn
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        await pilot.press("space", "down", "space")  # rows 0 and 2 (space moves down)
        await pilot.pause()
        marks = [cell(screen, i, "mark") for i in range(4)]
        assert marks == [SELECTED, " ", SELECTED, " "]
        picked = [row_id(screen, 0), row_id(screen, 2)]
        assert "2 selected" in str(screen.query_one("#browse-count").render())
        await pilot.press("s")
        await pilot.pause()
        assert [get_card(conn, c).suspended for c in picked] == [1, 1]
        assert get_card(conn, row_id(screen, 1)).suspended == 0
        await pilot.press("a")  # everything shown: 1 more suspend makes all suspended
        await pilot.press("s")
        await pilot.pause()
        shown = screen.query_one(DataTable).row_count
        suspended = conn.execute("SELECT count(*) FROM cards WHERE suspended = 1").fetchone()[0]
        assert suspended == shown
        await pilot.press("s")  # every target suspended: the toggle unsuspends them all
        await pilot.pause()
        assert conn.execute("SELECT count(*) FROM cards WHERE suspended = 1").fetchone() == (0,)
        await pilot.press("a")  # all selected already: a clears the selection
        await pilot.pause()
        assert screen.selected == set() and cell(screen, 0, "mark") == " "


async def test_reset_asks_first_and_makes_the_card_new(iim_context: Workspace) -> None:
    conn = iim_context.conn
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        card_id = row_id(screen, 0)
        StudySession(conn, clock=iim_context.clock).answer(card_id, Rating.Good)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert get_card(conn, card_id).state != 0
        await pilot.press("r", "y")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert get_card(conn, card_id).state == 0 and cell(screen, 0, "status") == "new"


async def test_letters_typed_in_search_are_text_not_actions(iim_context: Workspace) -> None:
    conn = iim_context.conn
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        await pilot.press("slash", *"sfbra ")
        await pilot.pause()
        assert screen.query_one(Input).value == "sfbra "
        changed = conn.execute(
            "SELECT count(*) FROM cards WHERE suspended + flagged + buried_day > 0"
        ).fetchone()
        assert changed == (0,)


async def test_esc_in_the_search_box_leaves_the_box_not_browse(iim_context: Workspace) -> None:
    """The trial-3 student's esc in the search box left Browse and lost the search."""
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_browse(pilot)
        await pilot.press("slash", *"gottron")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        matched = screen.matched
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen and isinstance(screen.focused, DataTable)
        assert screen.query_one("#browse-search", Input).value == "gottron"
        assert screen.matched == matched
        await pilot.press("escape")  # from the list: back to the decks
        await pilot.pause()
        assert not isinstance(pilot.app.screen, BrowseScreen)
