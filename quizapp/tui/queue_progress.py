"""The top line of a study session: deck, cards left today by queue, answers so far."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from quizapp.srs.session import Counts, Queue

QUEUE_STYLE = {Queue.NEW: "$primary", Queue.LEARNING: "$error", Queue.REVIEW: "$success"}


class QueueProgress(Static):
    """Anki's three numbers; the queue the current card came from is underlined."""

    DEFAULT_CSS = """
    QueueProgress { height: 1; padding: 0 1; background: $panel; }
    """

    counts: reactive[Counts | None] = reactive(None)
    queue: reactive[Queue | None] = reactive(None)
    answered = reactive(0)

    def __init__(self, title: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.deck_title = title

    def render(self) -> Content:
        parts: list[Content | str | tuple[str, str]] = [Content.styled(self.deck_title, "bold")]
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
        return Content.assemble(*parts)
