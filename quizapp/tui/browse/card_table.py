"""Browse's list of cards: one row a card, its prompt given the width the others leave.

A cell too narrow for its text ends in "…", so a cut is always seen (the preview beside
shows the card whole). The prompt column grows and shrinks with the table, so at any
width the cut falls inside the table, never off its edge.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

PROMPT = "prompt"
MIN_PROMPT = 12  # narrower than this, the table scrolls sideways instead


def cell(text: str) -> Text:
    """Deck text as a cell: never markup, one line, "…" where the column cuts it."""
    return Text(text.replace("\n", " "), no_wrap=True, overflow="ellipsis", end="")


class CardTable(DataTable[Text]):
    """Mark, flag, kind, status and prompt of each card; the row key is the card id."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")

    def on_mount(self) -> None:
        self.add_column(" ", width=1, key="mark")
        self.add_column("⚑", width=1, key="flag")  # the legend above the table says ⚑ flagged
        self.add_column("Kind", width=15)
        self.add_column("Status", width=12, key="status")
        self.add_column("Prompt", width=MIN_PROMPT, key=PROMPT)
        self.fit_prompt()

    def on_resize(self, _: events.Resize) -> None:
        self.fit_prompt()

    def fit_prompt(self) -> None:
        """Give the prompt column what the other columns and the scrollbar leave."""
        prompt = self.columns[ColumnKey(PROMPT)]
        others = sum(c.get_render_width(self) for key, c in self.columns.items() if key != PROMPT)
        room = self.size.width - self.styles.scrollbar_size_vertical - others
        width = max(MIN_PROMPT, room - 2 * self.cell_padding)
        if width != prompt.width:
            prompt.width = width
            # DataTable has no public call to resize a column: this is what its own
            # add_column sets so that the next idle recomputes its virtual size.
            self._require_update_dimensions = True
            self.refresh()
