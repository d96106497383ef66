"""A grid of the last weeks' answers, a column a week and a row a weekday (like GitHub's)."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

SHADES = "░▒▓█"  # density, not colour, carries the level: readable on any theme
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def heatmap_text(today: int, counts: dict[int, int], weeks: int) -> Content:
    """`today` and the keys of `counts` are date ordinals (study days)."""
    last_monday = today - date.fromordinal(today).weekday()
    first = last_monday - 7 * (weeks - 1)
    busiest = max(counts.values(), default=0)

    def cell(day: int) -> tuple[str, str]:
        if day > today:
            return "  ", ""
        n = counts.get(day, 0)
        if n == 0:
            return "· ", "dim"
        level = min(len(SHADES) - 1, (n * len(SHADES) - 1) // max(1, busiest))
        return SHADES[level] * 2, "$success"

    lines = []
    for weekday in range(7):
        parts: list[tuple[str, str] | str] = [(f"{WEEKDAYS[weekday]:<4}", "dim")]
        parts += [cell(first + 7 * week + weekday) for week in range(weeks)]
        lines.append(Content.assemble(*parts))
    legend = Content.assemble(("    less ", "dim"), ("· ", "dim"),
                              *[(s * 2, "$success") for s in SHADES], (" more", "dim"))  # fmt: skip
    lines.append(legend)
    return Content("\n").join(lines)


class ReviewHeatmap(Static):
    DEFAULT_CSS = """
    ReviewHeatmap { width: auto; height: auto; padding: 0 1; }
    """

    def show(self, today: int, counts: dict[int, int], weeks: int) -> None:
        self.update(heatmap_text(today, counts, weeks))
