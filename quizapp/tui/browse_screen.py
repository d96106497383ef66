"""Browse: find any card by its text, topic or kind, and read it whole with its source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static
from textual.worker import get_current_worker

from quizapp.tui.card_preview import CardPreview
from quizapp.tui.card_view import KIND_NAMES

if TYPE_CHECKING:
    from quizapp.generate.card import Card
    from quizapp.tui.app import QuizApp

MAX_ROWS = 500  # a table of 50,000 rows is slow to build and useless to scroll


@dataclass(frozen=True)
class CardFilter:
    """What the learner typed and picked; empty means no restriction."""

    text: str = ""
    kind: str | None = None
    topic: str | None = None

    def matches(self, card: Card) -> bool:
        if self.kind is not None and card.kind != self.kind:
            return False
        if self.topic is not None and card.topic != self.topic:
            return False
        if not self.text:
            return True
        needle = self.text.casefold()
        haystack = [card.prompt, card.answer, *(o.text for o in card.options)]
        return any(needle in text.casefold() for text in haystack)


class BrowseScreen(Screen[None]):
    """Search box and filters on top, matching cards below, the highlighted card beside."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("ctrl+l", "focus_list", "Card list"),
        Binding("escape", "app.home", "Decks"),
    ]

    @property
    def quiz_app(self) -> QuizApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        library = self.quiz_app.context.library
        kinds = sorted({c.kind for c in library.cards.values()})
        topics = {
            topic_id: topic.title
            for deck in library.decks.values()
            for topic_id, topic in deck.topics.items()
        }
        with Horizontal(id="browse-filters"):
            yield Input(placeholder="Search card text…", id="browse-search")
            yield Select(
                [(Content(KIND_NAMES.get(k, k)), k) for k in kinds],
                prompt="Any kind",
                id="browse-kind",
            )
            yield Select(
                [(Content(title), topic_id) for topic_id, title in topics.items()],
                prompt="Any topic",
                id="browse-topic",
            )
        yield Static(id="browse-count")
        table: DataTable[str | Content] = DataTable(id="browse-table", cursor_type="row")
        yield table
        with VerticalScroll(id="browse-preview"):
            yield CardPreview(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Kind", width=14)
        table.add_column("Prompt", width=58)
        self.refilter()
        table.focus()

    def current_filter(self) -> CardFilter:
        kind = self.query_one("#browse-kind", Select).value
        topic = self.query_one("#browse-topic", Select).value
        return CardFilter(
            text=self.query_one("#browse-search", Input).value.strip(),
            kind=kind if isinstance(kind, str) else None,
            topic=topic if isinstance(topic, str) else None,
        )

    def refilter(self) -> None:
        """Search in a worker (50,000 cards take a while), then fill the table."""
        self.search(self.current_filter())

    @work(thread=True, exclusive=True, group="browse")
    def search(self, wanted: CardFilter) -> None:
        cards = self.quiz_app.context.library.cards.values()
        matches = [card for card in cards if wanted.matches(card)]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_matches, matches)

    def show_matches(self, matches: list[Card]) -> None:
        """The first MAX_ROWS matches in the table, the first of them previewed."""
        table = self.query_one(DataTable)
        table.clear()
        for card in matches[:MAX_ROWS]:
            prompt = card.prompt.replace("\n", " ")
            kind = Content(KIND_NAMES.get(card.kind, card.kind))
            table.add_row(kind, Content(prompt), key=card.id)
        shown = min(len(matches), MAX_ROWS)
        more = f" (showing the first {shown})" if len(matches) > shown else ""
        self.query_one("#browse-count", Static).update(
            Content(f"{len(matches)} cards{more}   ↑↓ to preview, / to search")
        )
        if matches:
            self.preview(matches[0].id)
        else:
            self.query_one(CardPreview).update(Content("No card matches."))

    def preview(self, card_id: str) -> None:
        library = self.quiz_app.context.library
        card = library.card(card_id)
        if card is not None:
            self.query_one(CardPreview).show(card, library.decks.get(card.deck))

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

    def action_focus_search(self) -> None:
        self.query_one("#browse-search", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one(DataTable).focus()
