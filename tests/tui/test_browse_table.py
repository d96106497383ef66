"""Browse's card list at any width: a prompt too long for its column ends in "…" (never cut
silently, never off the table's edge), the preview shows it whole, and deck text that
looks like markup is shown as written."""

from pathlib import Path

import pytest

from quizapp.tui.app import QuizApp
from quizapp.tui.browse.browse_screen import BrowseScreen
from quizapp.tui.browse.card_preview import CardPreview
from quizapp.tui.browse.card_table import PROMPT, CardTable
from quizapp.workspace import Workspace
from tests.support.app import build_context, wait_for
from tests.tui.test_markup_deck import FINDING, MARKUP_DECKS, screen_text


async def open_browse(pilot) -> CardTable:
    app = pilot.app
    await pilot.press("b")
    await wait_for(pilot, lambda: isinstance(app.screen, BrowseScreen), "browse")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one(CardTable)


def shown_prompts(app: QuizApp, table: CardTable) -> list[tuple[str, str]]:
    """(card id, its table line on screen) for each row in view."""
    lines = screen_text(app).splitlines()
    first = table.region.y + 1  # under the header
    rows = list(table.rows)[: table.scrollable_content_region.height - 1]
    return [(str(key.value), lines[first + i]) for i, key in enumerate(rows)]


@pytest.mark.parametrize("width", [60, 100])
async def test_long_prompts_end_in_an_ellipsis(iim_context: Workspace, width: int) -> None:
    library = iim_context.library
    async with QuizApp(iim_context).run_test(size=(width, 24)) as pilot:
        table = await open_browse(pilot)
        room = table.columns[PROMPT].width
        assert table.max_scroll_x == 0  # the whole row in view: no cut past the edge
        cut = 0
        for card_id, line in shown_prompts(pilot.app, table):
            prompt = library.cards[card_id].prompt.replace("\n", " ")
            if len(prompt) <= room:
                assert prompt in line, (prompt, line)
            else:
                assert line.rstrip().endswith(prompt[: room - 1] + "…"), (prompt, line)
                cut += 1
        assert cut, "no prompt was long enough to be cut: the test would prove nothing"

        await pilot.press("down")
        await pilot.pause()
        card_id = str(list(table.rows)[1].value)
        preview = str(pilot.app.screen.query_one(CardPreview).render())
        assert library.cards[card_id].prompt in preview


async def test_markup_in_prompts_is_shown_as_written(tmp_path: Path) -> None:
    app = QuizApp(build_context(tmp_path, MARKUP_DECKS))
    async with app.run_test(size=(120, 24)) as pilot:
        table = await open_browse(pilot)
        lines = [line for _, line in shown_prompts(app, table)]
        assert any(f"Which conditions typically show {FINDING}?" in line for line in lines), lines
