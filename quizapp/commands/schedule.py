"""`quizapp schedule`: the learner's card actions from the command line, Anki's names.

Cards are named by id (`quizapp cards DECK --format json` lists them; the app's Browse
screen shows them) or chosen by `--deck`, `--topic`, `--kind`, `--flagged`. Every action is
one transaction: an unknown id changes nothing. None writes a review.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from quizapp.commands.config import _opened
from quizapp.errors import InvalidValue
from quizapp.paths import Settings
from quizapp.plural import plural

# action -> (what the cards became, what the unchanged ones already were)
_WORDS = {
    "suspend": ("suspended", "suspended"),
    "unsuspend": ("unsuspended", "not suspended"),
    "bury": ("buried until tomorrow", "buried"),
    "unbury": ("unburied", "not buried"),
    "reset": ("reset to new", "new"),
    "flag": ("flagged", "flagged"),
    "unflag": ("unflagged", "not flagged"),
}
_HELP = {
    "suspend": "Take cards out of study until unsuspended.",
    "unsuspend": "Bring suspended cards (leeches too) back into study.",
    "bury": "Hide cards until the next study day.",
    "unbury": "Bring cards buried today back into today's study.",
    "reset": "Make cards new again, at their first place in the new-card queue; "
    "the review log is kept as history (Anki's Reset).",
    "flag": "Mark cards for attention (a card to check or edit).",
    "unflag": "Remove the flag.",
}


@click.group()
def schedule() -> None:
    """Change which cards you study and when (the actions of Anki's card browser).

    \b
    Examples:
      quizapp schedule suspend iim:basic:dm:subtype_of iim:basic:pm:subtype_of
      quizapp schedule unsuspend --deck iim --topic antibodies
      quizapp schedule flag --kind vignette --topic biopsy
      quizapp schedule postpone 7     # spread today's overdue reviews over 7 days
      quizapp schedule advance 30     # study 30 of the coming days' reviews today
    """


def _action(action: str) -> None:
    example = f"\n\n\b\nExample:\n  quizapp schedule {action} --deck iim --topic antibodies"

    @schedule.command(action, help=_HELP[action] + example)
    @click.argument("card_ids", nargs=-1, metavar="[ID]...")
    @click.option("--deck", "deck_id", metavar="ID", help="Cards of this deck.")
    @click.option("--topic", metavar="ID", help="Cards of this topic.")
    @click.option("--kind", metavar="KIND", help="Cards of this kind (basic, mcq, vignette, ...).")
    @click.option("--flagged", is_flag=True, help="Flagged cards only.")
    @click.pass_obj
    def command(
        settings: Settings,
        card_ids: tuple[str, ...],
        deck_id: str | None,
        topic: str | None,
        kind: str | None,
        flagged: bool,
    ) -> None:
        from quizapp.srs.control import apply_action
        from quizapp.store.card_actions import select_cards

        filters = deck_id is not None or topic is not None or kind is not None or flagged
        if card_ids and filters:
            raise click.UsageError("give card ids or filters (--deck, --topic, ...), not both")
        if not card_ids and not filters:
            raise click.UsageError("give card ids, or choose cards with --deck, --topic, ...")
        with _opened(settings) as conn:
            chosen = list(card_ids) or select_cards(
                conn, deck_id=deck_id, topic=topic, kind=kind, flagged=flagged
            )
            if not chosen:
                raise InvalidValue(f"no card in {settings.db_path} matches those filters")
            try:
                result = apply_action(conn, action, chosen, datetime.now(UTC))
            except KeyError as exc:
                raise InvalidValue(
                    f"no card {exc.args[0]!r} in {settings.db_path}; nothing was changed"
                ) from None
        done, already = _WORDS[action]
        line = f"{plural(result.changed, 'card')} {done}"
        if result.unchanged:
            line += f"; {result.unchanged} already {already}"
        click.echo(line)


for _name in _WORDS:
    _action(_name)

_DECK = click.option(
    "--deck", "deck_ids", metavar="ID", multiple=True, help="Only this deck (repeatable)."
)


@schedule.command()
@click.argument("days", type=click.IntRange(1, 365))
@_DECK
@click.pass_obj
def postpone(settings: Settings, days: int, deck_ids: tuple[str, ...]) -> None:
    """Spread today's review backlog over DAYS study days (today included).

    The cards you are least likely to recall stay today; the most stable ones wait
    longest. Only due dates move: memory states and the review log are not touched.

    \b
    Example:
      quizapp schedule postpone 7
    """
    from quizapp.srs.control import postpone as spread

    with _opened(settings) as conn:
        moved = spread(conn, days, datetime.now(UTC), deck_ids or None)
    click.echo(f"{plural(moved, 'review')} moved to later days (over {plural(days, 'day')})")


@schedule.command()
@click.argument("count", type=click.IntRange(1, 999_999))
@_DECK
@click.pass_obj
def advance(settings: Settings, count: int, deck_ids: tuple[str, ...]) -> None:
    """Bring up to COUNT reviews due on later days into today, lowest recall first.

    For a day with time to spare (an exam coming): only due dates move.

    \b
    Example:
      quizapp schedule advance 30
    """
    from quizapp.srs.control import advance as bring_in

    with _opened(settings) as conn:
        moved = bring_in(conn, count, datetime.now(UTC), deck_ids or None)
    click.echo(f"{plural(moved, 'review')} brought into today")
