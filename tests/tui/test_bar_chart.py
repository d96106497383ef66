"""The bar charts agree with their numbers: each bar on its own day, as tall as its value
on an axis that ends at the tallest bar and says its value. The trial-3 statistics drew
'today 19' clipped under a top label of 9 and the 10 due in two days about 1 row high."""

from textual.app import App, ComposeResult

from quizapp.tui.stats.bar_chart import BarChart
from tests.tui.test_markup_deck import screen_text

DUE = [19, 0, 10, 0, 0, 0, 1] + [0] * 24  # today (with overdue), then the next 30 days


class ChartApp(App):
    def __init__(self, values: list[float]) -> None:
        super().__init__()
        self.values = values

    def compose(self) -> ComposeResult:
        chart = BarChart([str(day) for day in range(len(self.values))], self.values)
        chart.styles.width = 49  # the forecast chart's width at 80 columns
        yield chart


def bar_rows(lines: list[str], column: int) -> int:
    return sum(len(line) > column and line[column] in "█▄▀" for line in lines)


async def test_each_bar_is_on_its_day_and_as_tall_as_its_value() -> None:
    async with ChartApp(DUE).run_test(size=(60, 14)) as pilot:
        await pilot.pause()
        lines = screen_text(pilot.app).splitlines()
    rows = [line for line in lines if "┤" in line or "│" in line[:4]]
    plot = rows[1:] if "─" in rows[0] else rows  # the rows inside the frame
    assert plot[0].lstrip().startswith("19┤"), plot[0]  # the axis ends at the tallest bar
    labels = lines[lines.index(next(x for x in lines if "└" in x)) + 1]
    zero, five = labels.index(" 0 ") + 1, labels.index(" 5 ") + 1  # day 0 and day 5 ticks
    per_day = (five - zero) / 5
    height = len(plot)
    for day, value in enumerate(DUE[:7]):
        column = round(zero + day * per_day)
        assert abs(bar_rows(plot, column) - value / 19 * height) <= 1, (day, value, plot)
