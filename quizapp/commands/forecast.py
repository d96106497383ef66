"""`quizapp forecast`: the next days' workload and memory for several desired retentions."""

import json
import shutil
from dataclasses import asdict
from datetime import date

import click

from quizapp.commands.config import _opened, _progress
from quizapp.commands.progress import check_deck
from quizapp.paths import Settings

BLOCKS = "▁▂▃▄▅▆▇█"
PROGRESS_FROM = 40_000  # cards x simulations x retentions: below this it takes under a second


@click.command()
@click.option(
    "--days", default=365, show_default=True, type=click.IntRange(1, 3650), help="Days ahead."
)
@click.option(
    "--retention",
    "retentions",
    default="0.8,0.85,0.9,0.95",
    show_default=True,
    metavar="R,R,...",
    help="Desired retentions to compare (each from 0.70 to 0.99).",
)
@click.option("--deck", "deck_id", metavar="ID", help="Only this deck's cards.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, every day's figures.")
@click.pass_obj
def forecast(
    settings: Settings, days: int, retentions: str, deck_id: str | None, as_json: bool
) -> None:
    """Help decide a desired retention: simulate the days ahead for several.

    Each desired retention is simulated from your cards' memory as it is now, with your
    FSRS parameters, limits and steps, and the way you rate and how long you take: answers
    and minutes a day, the expected share of your cards you would recall at the end, and
    how many cards that is (total knowledge). Example:

        quizapp forecast --days 90 --retention 0.85,0.9
    """
    from quizapp.srs.forecast import forecast as simulate

    with _opened(settings) as conn, _progress("Simulating", PROGRESS_FROM) as progress:
        check_deck(conn, deck_id, settings.db_path)
        result = simulate(conn, days, _retentions(retentions), deck_id=deck_id, progress=progress)
    if as_json:
        click.echo(json.dumps(_as_json(result), indent=2))
        return
    click.echo("\n".join(_table(result) + [""] + _plot(result)))


def _retentions(text: str) -> list[float]:
    try:
        values = [float(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise ValueError(f"--retention needs numbers separated by commas, not {text!r}") from None
    if not values:
        raise ValueError("--retention needs at least one number")
    return sorted(set(values))


def _plural(count: float, word: str) -> str:
    return f"{count:,.0f} {word}" + ("" if round(count) == 1 else "s")


def _table(result) -> list[str]:
    start = date.fromordinal(result.start_day)
    lines = [
        f"Forecast for {_plural(result.days, 'day')} from {start.isoformat()}: "
        f"{_plural(result.cards, 'card')} studied, {_plural(result.new_cards, 'new card')}"
        + (f" (mean of {result.runs} simulations)" if result.runs > 1 else ""),
        "",
        f"  {'retention':<10}{'answers/day':>12}{'minutes/day':>12}"
        f"{'recall at end':>15}{'cards known':>13}",
    ]
    for outlook in result.outlooks:
        lines.append(
            f"  {outlook.desired_retention:<10.2f}"
            f"{sum(outlook.answers) / result.days:>12.1f}"
            f"{sum(outlook.minutes) / result.days:>12.1f}"
            f"{outlook.retention:>15.1%}"
            f"{outlook.knowledge[-1][1]:>13,.0f}"
        )
    return lines


def _plot(result) -> list[str]:
    """Answers a day, one row of block characters per retention, on one scale."""
    width = max(10, min(result.days, shutil.get_terminal_size((80, 24)).columns - 8))
    per_column = result.days / width
    rows = {
        outlook.desired_retention: _columns(outlook.answers, width) for outlook in result.outlooks
    }
    top = max((max(row) for row in rows.values()), default=0) or 1
    spread = f"each column about {_plural(per_column, 'day')}; " if per_column > 1.5 else ""
    lines = [f"Answers a day ({spread}▁ to █ = 0 to {top:,.0f}; one row per desired retention):"]
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


def _as_json(result) -> dict:
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
            }
            for o in result.outlooks
        ],
    }
