"""A forecast as plain text: a table and a block-character plot (the CLI and the TUI)."""

from dataclasses import asdict
from datetime import date
from typing import Any

from quizapp.srs.forecast import Forecast

BLOCKS = "▁▂▃▄▅▆▇█"
LABEL = 7  # "  0.90 " before each plot row


def plural(count: float, word: str) -> str:
    return f"{count:,.0f} {word}" + ("" if round(count) == 1 else "s")


def headline(result: Forecast) -> str:
    """What was simulated: the cards, and how many runs were averaged."""
    runs = f" (mean of {result.runs} runs)" if result.runs > 1 else ""
    return f"{plural(result.cards, 'card')} studied, {plural(result.new_cards, 'new card')}{runs}"


def table_lines(result: Forecast) -> list[str]:
    """One row per desired retention: answers and minutes a day, recall and cards known at
    the end, and cards known on average over the days; then a note where the end figures
    do not rise with retention, saying why."""
    lines = [
        f"  {'retention':<10}{'answers/day':>12}{'minutes/day':>12}"
        f"{'recall at end':>15}{'known at end':>14}{'known, mean':>13}",
    ]
    for outlook in result.outlooks:
        lines.append(
            f"  {outlook.desired_retention:<10.2f}"
            f"{sum(outlook.answers) / result.days:>12.1f}"
            f"{sum(outlook.minutes) / result.days:>12.1f}"
            f"{outlook.retention:>15.1%}"
            f"{outlook.knowledge[-1][1]:>14,.0f}"
            f"{outlook.mean_knowledge:>13,.0f}"
        )
    return lines + uneven_end_note(result)


def uneven_end_note(result: Forecast) -> list[str]:
    """Why the last day's figures can fall as retention rises: they are one day's, and
    cards introduced on the same day come due together, so on that day one retention can
    find many cards just before their review (lowest recall), another just after."""
    ends = [o.knowledge[-1][1] for o in result.outlooks]
    if all(a <= b for a, b in zip(ends, ends[1:], strict=False)):
        return []
    return [
        "",
        "The end figures are the last day's alone: cards started on the same day come due",
        "together, so on that day a higher retention can catch more of them just before",
        "a review. 'known, mean' (over every day simulated) shows the trend.",
    ]


def plot_lines(result: Forecast, width: int) -> list[str]:
    """Answers a day, one row of block characters per retention, on one scale, in `width`
    columns of text."""
    width = max(10, min(result.days, width - LABEL - 1))
    per_column = result.days / width
    rows = {
        outlook.desired_retention: _columns(outlook.answers, width) for outlook in result.outlooks
    }
    top = max((max(row) for row in rows.values()), default=0) or 1
    spread = f"a column is about {plural(per_column, 'day')}; " if per_column > 1.5 else ""
    lines = [f"Answers a day ({spread}█ = {top:,.0f}):"]
    for retention, row in rows.items():
        lines.append(f"  {retention:.2f} " + "".join(_block(value, top) for value in row))
    return lines


def _columns(values: list[float], width: int) -> list[float]:
    """`values` averaged into `width` columns (or as they are, if fewer)."""
    if len(values) <= width:
        return values
    edges = [round(i * len(values) / width) for i in range(width + 1)]
    return [sum(values[a:b]) / (b - a) for a, b in zip(edges, edges[1:], strict=False)]


def _block(value: float, top: float) -> str:
    return BLOCKS[min(len(BLOCKS) - 1, int(value / top * len(BLOCKS)))] if value > 0 else " "


def to_json(result: Forecast) -> dict[str, Any]:
    return {
        "start": date.fromordinal(result.start_day).isoformat(),
        "days": result.days,
        "cards": result.cards,
        "new_cards": result.new_cards,
        "simulations": result.runs,
        "profile": asdict(result.profile),
        "retentions": [
            {
                "desired_retention": o.desired_retention,
                "answers_per_day": [round(v, 2) for v in o.answers],
                "minutes_per_day": [round(v, 2) for v in o.minutes],
                "knowledge": [{"day": day, "cards": round(k, 1)} for day, k in o.knowledge],
                "expected_retention": round(o.retention, 4),
                "mean_knowledge": round(o.mean_knowledge, 1),
            }
            for o in result.outlooks
        ],
    }
