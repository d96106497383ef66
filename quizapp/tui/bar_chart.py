"""A bar chart in the terminal (textual-plotext), coloured from the app's theme.

Import this module only where a chart is shown: textual-plotext costs ~176 ms to import.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.color import Color
from textual_plotext import PlotextPlot


class BarChart(PlotextPlot):
    """Vertical or horizontal bars; redrawn with the theme's colours when the theme changes."""

    DEFAULT_CSS = """
    BarChart { height: 12; }
    """

    def __init__(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        *,
        title: str = "",
        horizontal: bool = False,
        colour: str = "primary",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.labels = list(labels)
        self.values = list(values)
        self.title = title
        self.horizontal = horizontal
        self.colour = colour

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.draw())
        self.draw()

    def draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        rgb = Color.parse(self.app.theme_variables.get(self.colour, "blue")).rgb
        orientation = "horizontal" if self.horizontal else "vertical"
        plt.bar(self.labels, self.values, color=rgb, orientation=orientation, width=0.6)
        if not self.horizontal:
            plt.ylim(0, max([1, *self.values]))
        if self.title:
            plt.title(self.title)
        self.refresh()
