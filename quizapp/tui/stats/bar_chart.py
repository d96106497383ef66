"""A bar chart in the terminal (textual-plotext), coloured from the app's theme.

Import this module only where a chart is shown: textual-plotext costs ~176 ms to import.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

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
        # Numeric positions and explicit ticks: plotext's own tick choice varies with the
        # width. Every bar is given, zeros too: with gaps plotext widens the bars to the
        # gap and draws them off their day (a 10 on day 2 drew as a clipped wide bar on 1).
        count = len(self.labels)
        bars = [(i + 1, v) for i, v in enumerate(self.values)]
        if bars:
            orientation: Literal["horizontal", "vertical"] = (
                "horizontal" if self.horizontal else "vertical"
            )
            plt.bar(*zip(*bars, strict=True), color=rgb, orientation=orientation, width=0.6)
        step = 1 if self.horizontal else max(1, count // 6)
        shown: list[float] = [*range(count, 0, -step)][::-1]  # the last bar always labelled
        top = max([1, *self.values])
        # the axis ends at the tallest bar and says its value
        values_axis: list[float] = [*range(0, int(top), max(1, math.ceil(top / 4))), top]
        if self.horizontal:
            plt.ylim(0.5, count + 0.5)
            plt.yticks(shown, [self.labels[int(i) - 1] for i in shown])
            plt.xlim(0, top)
            plt.xticks(values_axis)
        else:
            plt.xlim(0.5, count + 0.5)
            plt.xticks(shown, [self.labels[int(i) - 1] for i in shown])
            plt.ylim(0, top)
            plt.yticks(values_axis)
        if self.title:
            plt.title(self.title)
        self.refresh()
