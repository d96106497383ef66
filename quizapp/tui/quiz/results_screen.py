"""A submitted block's results: score, score per topic, and the time spent on each question."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from quizapp.plural import plural
from quizapp.quiz.scoring import BlockScore, score_block
from quizapp.quiz.session import Block, load_block
from quizapp.store.quiz import returned_misses
from quizapp.tui.base import QuizappScreen
from quizapp.tui.quiz.clock_text import clock_text
from quizapp.tui.quiz.review_screen import QuizReviewScreen

NARROW = 100  # below this width the per-topic table goes above the times
BAR_WIDTH = 10
MIN_TOPIC_WIDTH = 12


def misses_text(added: int, suspended: int) -> str:
    """How many missed questions came back into study (see `BlockSession.submit`)."""
    if not added:
        return "No missed questions added to your reviews"
    text = f"{plural(added, 'missed question')} added to your reviews"
    if suspended:
        verb = "is" if suspended == 1 else "are"
        text += f" ({suspended} {verb} suspended: unsuspend in Browse to study)"
    return text


def summary(block: Block, score: BlockScore, misses: tuple[int, int] = (0, 0)) -> Content:
    """Three lines: the block, the score and the pace, and the misses back in study."""
    return Content.assemble(
        (f"Block #{block.id}", "bold"),
        " · ",
        Content(block.title),
        "\n",
        (f"Score {score.correct}/{score.total} ({score.share:.0%})", "bold $accent"),
        f" · {score.answered} answered · {clock_text(score.total_seconds)} in all,"
        f" {score.mean_seconds:.0f} s per question",
        "\n",
        (misses_text(*misses), "$text-muted" if not misses[0] else "$warning"),
    )


def bar(share: float, width: int = BAR_WIDTH) -> Text:
    filled = round(share * width)
    return Text("█" * filled + "░" * (width - filled))


def result_mark(block: Block, position: int) -> Text:
    state = block.items[position]
    if not state.answered:
        return Text("–  omitted")
    return Text("✓  right") if state.correct else Text("✗  wrong")


class QuizResultsScreen(QuizappScreen[None]):
    """Shown after submitting, and for any past block from the builder's list."""

    CSS_PATH = "results_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "review", "Review"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, block_id: int) -> None:
        super().__init__()
        self.block_id = block_id

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        self.call_after_refresh(self._fill_topics)

    def compose(self) -> ComposeResult:
        yield Static(id="results-summary")
        with Horizontal(id="results-tables"):
            with Vertical(classes="results-column", id="results-topics-column"):
                yield Static("Per topic", classes="results-title")
                yield DataTable(id="results-topics", cursor_type="row", zebra_stripes=True)
            with Vertical(classes="results-column"):
                yield Static("Time per question", classes="results-title")
                yield DataTable(id="results-times", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        conn = self.workspace.conn
        block = load_block(conn, self.block_id)
        score = score_block(block)
        misses = returned_misses(conn, self.block_id)
        self.query_one("#results-summary", Static).update(summary(block, score, misses))
        self.score = score
        self._fill_topics()
        times = self.query_one("#results-times", DataTable)
        times.add_columns("#", "result", "seconds")
        for i, seconds in enumerate(score.seconds):
            times.add_row(
                Text(str(i + 1), justify="right"),
                result_mark(block, i),
                Text(f"{seconds:.0f}", justify="right"),
                key=str(i),
            )
        times.focus()

    def _fill_topics(self) -> None:
        """One row per topic; the topic column takes the width the scores leave and cuts
        a long title with "…", so the scores are never pushed off the table's edge."""
        topics = self.query_one("#results-topics", DataTable)
        width = topics.scrollable_content_region.width
        if not width:
            return
        rows = [
            (
                self.workspace.topic_label(topic.deck, topic.topic),
                Text(f"{topic.correct}/{topic.total}", justify="right"),
                Text(f"{topic.share:.0%}", justify="right"),
                bar(topic.share),
            )
            for topic in self.score.topics
        ]
        scores = max(len("right"), *(len(row[1]) for row in rows)) + len("100%") + BAR_WIDTH
        cell_padding = 2 * topics.cell_padding * 4
        longest = max((len(row[0]) for row in rows), default=0)
        name_width = max(MIN_TOPIC_WIDTH, min(longest, width - scores - cell_padding))
        topics.clear(columns=True)
        topics.add_column("topic", width=name_width)
        topics.add_columns("right", "%", "")
        for name, *cells in rows:
            topics.add_row(Text(name, no_wrap=True, overflow="ellipsis"), *cells)

    def action_review(self) -> None:
        times = self.query_one("#results-times", DataTable)
        self.app.push_screen(QuizReviewScreen(self.block_id, max(times.cursor_row, 0)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "results-times":
            self.app.push_screen(QuizReviewScreen(self.block_id, event.cursor_row))

    def action_back(self) -> None:
        self.dismiss()
