"""Forecast: the days ahead simulated for several desired retentions ("help me decide").

The same table and plot as `quizapp forecast`, computed in a worker on a read-only
connection; `d` changes how far ahead, escape goes back to the statistics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, LoadingIndicator, Static

from quizapp.tui.base import QuizappScreen

if TYPE_CHECKING:
    from quizapp.srs.forecast import Forecast

SPANS = (30, 90, 365)  # days ahead, in the order `d` goes through them
NOTE = (
    "Recall at end: the share of your cards you would recall on the last day. "
    "Set your desired retention in Settings (o on the home screen)."
)


class ForecastLoaded(Message):
    """The worker's forecast for `days` (or why there is none) and the hint to fit
    parameters."""

    def __init__(self, days: int, result: Forecast | str, hint: str | None) -> None:
        super().__init__()
        self.days, self.result, self.hint = days, result, hint


class ForecastScreen(QuizappScreen[None]):
    """Answers, minutes and recall ahead for desired retentions 0.80 to 0.95."""

    CSS_PATH = "forecast_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "days", "Days ahead", tooltip="30, 90 or 365 days"),
        Binding("escape", "app.pop_screen", "Statistics"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.days = SPANS[-1]
        self.result: Forecast | str | None = None  # str: why there is nothing to forecast
        self.hint: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="forecast-title")
        yield LoadingIndicator(id="forecast-loading")
        yield Static(id="forecast-body")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def on_resize(self) -> None:
        self._draw()

    def action_days(self) -> None:
        self.days = SPANS[(SPANS.index(self.days) + 1) % len(SPANS)]
        self.query_one("#forecast-title", Static).update(self._title())
        self.query_one("#forecast-loading").display = True
        self.load()

    def _title(self, cards: str = "") -> Content:
        return Content.assemble(
            ("Forecast", "bold"), f" · the next {self.days} days", f" · {cards}" if cards else ""
        )

    @work(thread=True, exclusive=True, group="forecast")
    def load(self) -> None:
        from quizapp.srs.forecast import forecast
        from quizapp.srs.optimize import fit_suggestion

        workspace, days = self.workspace, self.days
        with workspace.reader() as conn:
            try:
                result: Forecast | str = forecast(conn, days, clock=workspace.clock)
            except ValueError as exc:
                result = str(exc)
            hint = fit_suggestion(conn)
        self.post_message(ForecastLoaded(days, result, hint))

    @on(ForecastLoaded)
    def show(self, message: ForecastLoaded) -> None:
        if message.days != self.days:
            return  # a span the learner has already moved on from
        self.query_one("#forecast-loading").display = False
        self.result, self.hint = message.result, message.hint
        self._draw()

    def _draw(self) -> None:
        from quizapp.srs.forecast_report import headline, plot_lines, table_lines

        body = self.query_one("#forecast-body", Static)
        if self.result is None:
            return  # still loading
        if isinstance(self.result, str):
            body.update(Content(f"Nothing to forecast: {self.result}."))
            return
        width = body.size.width
        self.query_one("#forecast-title", Static).update(self._title(headline(self.result)))
        lines = [Content(line) for line in table_lines(self.result) + [""]]
        lines += [Content(line) for line in plot_lines(self.result, width)]
        lines += [Content(""), Content.styled(NOTE, "dim")]
        if self.hint:
            lines.append(Content.styled(self.hint, "$accent"))
        body.update(Content("\n").join(lines))
