"""Browse: find any card by its text, topic or kind, read it whole with its source, and act
on one card or many (suspend, bury, flag as toggles, as in Anki's browser; reset)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Select, Static
from textual.worker import get_current_worker

from quizapp.plural import plural
from quizapp.srs.control import apply_action
from quizapp.store.card_actions import CardStatus, card_statuses
from quizapp.tui.base import QuizappScreen
from quizapp.tui.browse.card_preview import CardPreview
from quizapp.tui.browse.card_table import CardTable, cell
from quizapp.tui.widgets.card_view import KIND_NAMES
from quizapp.tui.widgets.confirm_screen import ConfirmScreen
from quizapp.tui.write_errors import saves

if TYPE_CHECKING:
    from quizapp.generate.card import Card

MAX_ROWS = 500  # a table of 50,000 rows is slow to build and useless to scroll
STATES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
SELECTED, UNSELECTED = "✓", " "
FLAGGED = "⚑"
# key action -> (the action setting it, the one clearing it, the status field)
TOGGLES = {
    "suspend": ("suspend", "unsuspend", "suspended"),
    "bury": ("bury", "unbury", "buried"),
    "flag": ("flag", "unflag", "flagged"),
}
DONE = {
    "suspend": "suspended",
    "unsuspend": "unsuspended",
    "bury": "buried until tomorrow",
    "unbury": "unburied",
    "flag": "flagged",
    "unflag": "unflagged",
    "reset": "reset to new",
}


def status_text(status: CardStatus | None) -> str:
    """A card's status in words: "suspended", "buried", "review" (the flag has its own
    column: "⚑ buried" read as if ⚑ meant buried)."""
    if status is None:
        return "not synced"
    if status.suspended:
        return "suspended"
    if status.buried:
        return "buried"
    return STATES.get(status.state, "?")


def flag_text(status: CardStatus | None) -> str:
    return FLAGGED if status is not None and status.flagged else " "


@dataclass(frozen=True)
class CardFilter:
    """What the learner typed and picked; empty means no restriction."""

    text: str = ""
    kind: str | None = None
    topic: tuple[str, str] | None = None  # (deck, topic): topic ids are per deck

    def matches(self, card: Card) -> bool:
        if self.kind is not None and card.kind != self.kind:
            return False
        if self.topic is not None and (card.deck, card.topic) != self.topic:
            return False
        if not self.text:
            return True
        needle = self.text.casefold()
        haystack = [card.prompt, card.answer, *(o.text for o in card.options)]
        return any(needle in text.casefold() for text in haystack)


class Matched(Message):
    """The search worker's cards matching `wanted`, in library order."""

    def __init__(self, wanted: CardFilter, matches: list[Card]) -> None:
        super().__init__()
        self.wanted, self.matches = wanted, matches


class BrowseScreen(QuizappScreen[None]):
    """Search box and filters on top, matching cards below, the highlighted card beside."""

    CSS_PATH = "browse_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("ctrl+l", "focus_list", "Card list", show=False),
        Binding("space", "select", "Select", tooltip="Select or unselect the card"),
        # a, b and r are listed by ?, not in the footer (it fits 60 columns)
        Binding("a", "select_all", "All", show=False, tooltip="Select every card shown, or none"),
        Binding("s", "toggle_status('suspend')", "Suspend", tooltip="Suspend or unsuspend"),
        Binding(
            "b",
            "toggle_status('bury')",
            "Bury",
            show=False,
            tooltip="Bury until tomorrow, or unbury",
        ),
        Binding("f", "toggle_status('flag')", "Flag", tooltip="Flag or unflag"),
        Binding("r", "reset", "Reset", show=False, tooltip="Make new again (history kept)"),
        Binding(
            "escape",
            "leave",
            "Decks",
            tooltip="Leave the search or a filter; else back to the decks",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected: set[str] = set()
        self.statuses: dict[str, CardStatus] = {}
        self.matched = 0

    def compose(self) -> ComposeResult:
        workspace = self.workspace
        library = workspace.library
        kinds = sorted({c.kind for c in library.cards.values()})
        topics = {
            (deck_id, topic_id): workspace.topic_label(deck_id, topic_id)
            for deck_id, deck in library.decks.items()
            for topic_id in deck.topics
        }
        with Horizontal(id="browse-filters"):
            yield Input(placeholder="Search card text…", id="browse-search")
            yield Select(
                [(Content(KIND_NAMES.get(k, k)), k) for k in kinds],
                prompt="Any kind",
                id="browse-kind",
            )
            yield Select(
                [(Content(title), key) for key, title in topics.items()],
                prompt="Any topic",
                id="browse-topic",
            )
        yield Static(id="browse-count")
        yield CardTable(id="browse-table")
        with VerticalScroll(id="browse-preview"):
            yield CardPreview(id="preview")
        yield Footer(compact=True, show_command_palette=False)  # ctrl+p still works

    def on_mount(self) -> None:
        self.refilter()
        self.query_one(CardTable).focus()

    def current_filter(self) -> CardFilter:
        kind = self.query_one("#browse-kind", Select).value
        topic = self.query_one("#browse-topic", Select).value
        return CardFilter(
            text=self.query_one("#browse-search", Input).value.strip(),
            kind=kind if isinstance(kind, str) else None,
            topic=topic if isinstance(topic, tuple) else None,
        )

    def refilter(self) -> None:
        """Search in a worker (50,000 cards take a while), then fill the table."""
        self.search(self.current_filter())

    @work(thread=True, exclusive=True, group="browse")
    def search(self, wanted: CardFilter) -> None:
        cards = self.workspace.library.cards.values()
        matches = [card for card in cards if wanted.matches(card)]
        if not get_current_worker().is_cancelled:
            self.post_message(Matched(wanted, matches))

    @on(Matched)
    def _matched(self, message: Matched) -> None:
        if message.wanted == self.current_filter():  # else a newer search is on its way
            self.show_matches(message.matches)

    def show_matches(self, matches: list[Card]) -> None:
        """The first MAX_ROWS matches in the table, the first of them previewed."""
        table = self.query_one(CardTable)
        table.clear()
        shown = matches[:MAX_ROWS]
        self.statuses = card_statuses(self.workspace.conn, [c.id for c in shown], self._today())
        self.selected &= {card.id for card in shown}
        for card in shown:
            kind = cell(KIND_NAMES.get(card.kind, card.kind))
            mark = cell(SELECTED if card.id in self.selected else UNSELECTED)
            status = self.statuses.get(card.id)
            flag, words = cell(flag_text(status)), cell(status_text(status))
            table.add_row(mark, flag, kind, words, cell(card.prompt), key=card.id)
        self.matched = len(matches)
        self._show_count()
        if matches:
            self.preview(matches[0].id)
        else:
            self.query_one(CardPreview).update(Content("No card matches."))

    def preview(self, card_id: str) -> None:
        workspace = self.workspace
        card = workspace.library.card(card_id)
        if card is not None:
            title = workspace.topic_title(card.deck, card.topic)
            self.query_one(CardPreview).show(card, title, workspace.library.decks.get(card.deck))

    @on(Input.Changed, "#browse-search")
    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#browse-search")
    def _search_submitted(self) -> None:
        self.action_focus_list()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.preview(event.row_key.value)

    def _show_count(self) -> None:
        shown = self.query_one(CardTable).row_count
        more = f" (showing the first {shown})" if self.matched > shown else ""
        picked = f" · {len(self.selected)} selected" if self.selected else ""
        self.query_one("#browse-count", Static).update(
            Content(
                f"{plural(self.matched, 'card')}{more}{picked}   {FLAGGED} flagged"
                "   ↑↓ preview, / search"
            )
        )

    def _today(self) -> int:
        from quizapp.srs.config import study_today

        return study_today(self.workspace.conn, self.workspace.clock)

    # -- acting on cards: the selected ones, else the highlighted one ----------------------

    def _highlighted(self) -> str | None:
        table = self.query_one(CardTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def targets(self) -> list[str]:
        """The selected cards in table order, or the highlighted one if none is selected."""
        if self.selected:
            table = self.query_one(CardTable)
            return [key.value for key in table.rows if key.value and key.value in self.selected]
        highlighted = self._highlighted()
        return [] if highlighted is None else [highlighted]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Card keys act on the list: not while typing a search (the letters are text)."""
        if action in {"select", "select_all", "toggle_status", "reset"}:
            return not isinstance(self.focused, Input | Select)
        return True

    def action_select(self) -> None:
        card_id = self._highlighted()
        if card_id is None:
            return
        self.selected ^= {card_id}
        table = self.query_one(CardTable)
        table.update_cell(
            card_id, "mark", cell(SELECTED if card_id in self.selected else UNSELECTED)
        )
        table.action_cursor_down()
        self._show_count()

    def action_select_all(self) -> None:
        table = self.query_one(CardTable)
        shown = {key.value for key in table.rows if key.value is not None}
        self.selected = set() if shown <= self.selected else shown
        for key in table.rows:
            table.update_cell(
                key, "mark", cell(SELECTED if key.value in self.selected else UNSELECTED)
            )
        self._show_count()

    def action_toggle_status(self, what: str) -> None:
        """Anki's toggles: set on every target, or clear when every target has it."""
        targets = self.targets()
        if not targets:
            return
        on, off, field = TOGGLES[what]
        every = all(getattr(self.statuses.get(c), field, False) for c in targets)
        self.act(off if every else on, targets)

    def action_reset(self) -> None:
        targets = self.targets()
        if not targets:
            return
        question = Content.assemble(
            (f"Reset {plural(len(targets), 'card')} to new?", "bold"),
            "\n\nThey come back as new cards at their first place in the new-card queue. "
            "Their review history is kept, but their memory state starts again.",
        )
        self.app.push_screen(
            ConfirmScreen(question), lambda yes: self.act("reset", targets) if yes else None
        )

    @saves
    def act(self, action: str, targets: list[str]) -> None:
        """One transaction for every target; the table shows the new statuses."""
        workspace = self.workspace
        result = apply_action(workspace.conn, action, targets, workspace.clock())
        self.statuses.update(card_statuses(workspace.conn, targets, self._today()))
        table = self.query_one(CardTable)
        for card_id in targets:
            status = self.statuses.get(card_id)
            table.update_cell(card_id, "flag", cell(flag_text(status)))
            table.update_cell(card_id, "status", cell(status_text(status)))
        self.notify(f"{plural(result.changed, 'card')} {DONE[action]}")

    async def action_leave(self) -> None:
        """esc in the search box or a filter goes to the list, the search kept; from the
        list, back to the decks."""
        if isinstance(self.focused, Input | Select):
            self.action_focus_list()
        else:
            await self.run_action("app.home")

    def action_focus_search(self) -> None:
        self.query_one("#browse-search", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one(CardTable).focus()
