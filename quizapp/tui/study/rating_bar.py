"""The four answer buttons, each showing the interval it would give (as Anki's do)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from fsrs import Rating
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

LABELS = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}
SUGGESTED_MARK = "▸"  # no space: "▸1 Again 10m" fits a button at 60 columns
SUGGESTED_VARIANT = {Rating.Again: "error", Rating.Good: "success"}


def format_interval(interval: timedelta) -> str:
    """Anki's short form: 1m, 10m, 3h, 4d, 2.5mo, 1.2y."""
    minutes = interval.total_seconds() / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


class RatingBar(Horizontal):
    """Shows the ratings; a click posts `Rated`. Keys 1-4 are the screen's bindings."""

    DEFAULT_CSS = """
    RatingBar {
        height: 1;  /* one line: at 80x24 the question and the chosen option need the rows */
        & > Button { width: 1fr; min-width: 10; margin: 0 1 0 0; }
    }
    """

    class Rated(Message):
        """The learner picked a rating with the mouse."""

        def __init__(self, rating: Rating) -> None:
            super().__init__()
            self.rating = rating

    def compose(self) -> ComposeResult:
        for rating, label in LABELS.items():
            button = Button(f"{int(rating)} {label}", id=f"rate-{int(rating)}", compact=True)
            button.can_focus = False  # keys go to the screen: 1-4, space and enter
            yield button

    def show(self, intervals: Mapping[Rating, timedelta | str], suggestion: Rating | None) -> None:
        """Label each button with its interval (or what it does, when cramming: "done");
        mark the suggested one (what space and enter rate) with ▸ and its colour, so the
        mark does not rest on colour alone."""
        for rating, label in LABELS.items():
            button = self.query_one(f"#rate-{int(rating)}", Button)
            shown = intervals[rating]
            when = shown if isinstance(shown, str) else format_interval(shown)
            mark = SUGGESTED_MARK if rating == suggestion else ""
            button.label = f"{mark}{int(rating)} {label} {when}"
            button.variant = (
                SUGGESTED_VARIANT.get(rating, "primary") if rating == suggestion else "default"
            )

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        rating = Rating(int((event.button.id or "rate-3").removeprefix("rate-")))
        self.post_message(self.Rated(rating))
