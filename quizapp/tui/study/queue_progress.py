"""The top line of a study session: deck, cards left today by queue, answers so far."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from quizapp.srs.session import Counts, Queue

MIN_TITLE = 12  # a title cut shorter than this would no longer say which deck
QUEUE_STYLE = {Queue.NEW: "$primary", Queue.LEARNING: "$error", Queue.REVIEW: "$success"}


class QueueProgress(Static):
    """Anki's three numbers; the queue the current card came from is underlined."""

    DEFAULT_CSS = """
    QueueProgress { height: 1; padding: 0 1; background: $panel; }
    """

    counts: reactive[Counts | None] = reactive(None)
    queue: reactive[Queue | None] = reactive(None)
    answered = reactive(0)
    deck_title = reactive("")

    def __init__(self, title: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.set_reactive(QueueProgress.deck_title, title)

    def render(self) -> Content:
        """Title, then the counts; on a narrow terminal the title gives way, the counts never."""
        parts: list[Content | str | tuple[str, str]] = []
        if self.counts is not None:
            parts.append("   ")
            for queue, label, number in (
                (Queue.NEW, "New", self.counts.new),
                (Queue.LEARNING, "Learning", self.counts.learning),
                (Queue.REVIEW, "Due", self.counts.review),
            ):
                style = f"bold {QUEUE_STYLE[queue]}"
                if queue == self.queue:
                    style += " underline"
                parts += [(f"{label} ", "dim"), (str(number), style), "  "]
        parts.append((f" answered {self.answered}", "dim"))
        counts = Content.assemble(*parts)
        room = max(MIN_TITLE, self.content_size.width - counts.cell_length)
        title = self.deck_title
        if len(title) > room:
            title = title[: room - 1].rstrip() + "…"
        return Content.styled(title, "bold") + counts
