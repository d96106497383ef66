"""`quizapp forecast`: the next days' workload and memory for several desired retentions."""

import json
import shutil
from datetime import date

import click

from quizapp.commands.config import _opened, _progress
from quizapp.commands.progress import check_deck
from quizapp.errors import InvalidValue
from quizapp.paths import Settings

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
    how many cards that is (total knowledge).

    \b
    Example:
      quizapp forecast --days 90 --retention 0.85,0.9
    """
    from quizapp.srs.forecast import forecast as simulate
    from quizapp.srs.forecast_report import headline, plot_lines, plural, table_lines, to_json

    with _opened(settings) as conn, _progress("Simulating", PROGRESS_FROM) as progress:
        check_deck(conn, deck_id, settings.db_path)
        result = simulate(conn, days, _retentions(retentions), deck_id=deck_id, progress=progress)
    if as_json:
        click.echo(json.dumps(to_json(result), indent=2))
        return
    width = shutil.get_terminal_size((80, 24)).columns
    start = date.fromordinal(result.start_day).isoformat()
    title = f"Forecast for {plural(result.days, 'day')} from {start}: {headline(result)}"
    click.echo("\n".join([title, "", *table_lines(result), "", *plot_lines(result, width)]))


def _retentions(text: str) -> list[float]:
    try:
        values = [float(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise InvalidValue(f"--retention needs numbers separated by commas, not {text!r}") from None
    if not values:
        raise InvalidValue("--retention needs at least one number")
    return sorted(set(values))
