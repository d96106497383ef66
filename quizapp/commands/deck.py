"""Commands for deck authors: validate, deck upgrade (and, with the generators, lint and
cards)."""

import difflib
import json
import sys
from pathlib import Path

import click

from quizapp.commands.deck_arg import DeckArg
from quizapp.deck.errors import Location, Problem
from quizapp.deck.files import find_decks
from quizapp.deck.links import resolve_all
from quizapp.deck.loader import check_deck
from quizapp.deck.model import Deck
from quizapp.deck.spec import LATEST_FORMAT
from quizapp.plural import plural

EXIT_INVALID = 1


def emit_problems(problems: list[Problem], fmt: str) -> None:
    """Print problems as compiler-style lines (stderr) or as one JSON list (stdout)."""
    if fmt == "json":
        click.echo(json.dumps([p.to_json() for p in problems], indent=2))
        return
    for problem in problems:
        click.echo(str(problem), err=True)


def deck_roots(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The deck root files under `paths`, and an error for each path that holds no deck:
    a folder without decks is a mistyped path, not a deck that passes every check."""
    roots: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        found = find_decks([path])
        if not found:
            problems.append(Problem(Location(str(path)), "error", NO_DECK))
        roots += found
    return roots, problems


def checked_decks(paths: list[Path]) -> tuple[list[Path], list[Deck], list[Problem]]:
    """The deck roots under `paths`, the decks that load with their references to one
    another resolved (`quizapp.deck.links`), and every problem found (warnings too)."""
    roots, problems = deck_roots(paths)
    decks: list[Deck] = []
    for root in roots:
        result = check_deck(root)
        problems += result.problems
        if result.deck is not None:
            decks.append(result.deck)
    decks, found = resolve_all(decks)
    return roots, decks, problems + found


NO_DECK = (
    "no deck here; a deck is a .yaml file or a folder with deck.yaml, "
    "and a folder of decks holds them one level down"
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=DeckArg())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print problems.",
)
def validate(paths: tuple[Path, ...], fmt: str) -> None:
    """Check decks (files or folders) against the deck format.

    Every problem is printed as `path:line:col: severity: message`. Exit
    status: 0 valid, 1 invalid, 2 usage error.

    \b
    Example:
      quizapp validate decks/iim
      quizapp validate decks --format json
    """
    roots, _, problems = checked_decks(list(paths))
    emit_problems(problems, fmt)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt == "text":
        summary = (
            f"{plural(len(roots), 'deck')}: {plural(errors, 'error')}, "
            f"{plural(warnings, 'warning')}"
        )
        click.echo(summary, err=True)
    if errors:
        sys.exit(EXIT_INVALID)


@click.group(name="deck")
def deck_group() -> None:
    """Maintain deck files (see `quizapp deck upgrade --help`).

    \b
    Example:
      quizapp deck upgrade decks/mydeck --dry-run
    """


@deck_group.command()
@click.argument("paths", nargs=-1, required=True, type=DeckArg(names=False))
@click.option("--dry-run", is_flag=True, help="Print the change as a diff; write nothing.")
def upgrade(paths: tuple[Path, ...], dry_run: bool) -> None:
    """Move decks (files or folders) to the latest deck format.

    Only the `format:` line of each deck's root file changes: comments, ids and
    every other line stay as written, so learners' progress is kept. A deck with
    errors is not touched.

    \b
    Example:
      quizapp deck upgrade decks/mydeck --dry-run
    """
    from quizapp.deck.upgrade import plan_upgrade, write_upgrade
    from quizapp.output import OutputError

    failed = False
    for root in find_decks(list(paths)):
        plan = plan_upgrade(root)
        if plan.problems:
            emit_problems(plan.problems, "text")
            click.echo(f"{root}: not upgraded; fix the errors above first", err=True)
            failed = True
        elif not plan.changed:
            click.echo(f"{root}: already format {LATEST_FORMAT}; nothing to do", err=True)
        elif dry_run:
            diff = difflib.unified_diff(
                plan.old.splitlines(keepends=True),
                plan.new.splitlines(keepends=True),
                f"{root} (format 1)",
                f"{root} (format {LATEST_FORMAT})",
            )
            click.echo("".join(diff), nl=False)
        else:
            try:
                write_upgrade(plan)
            except (OutputError, OSError) as exc:
                click.echo(f"{root}: not upgraded: {exc}", err=True)
                failed = True
                continue
            click.echo(f"{root}:{plan.line}: upgraded to format {LATEST_FORMAT}", err=True)
    if failed:
        sys.exit(EXIT_INVALID)


@click.command()
@click.argument("deck_dir", type=click.Path(path_type=Path))
def new(deck_dir: Path) -> None:
    """Create a starter deck in DECK_DIR (a new or empty folder) to write your topic in.

    The starter is small, commented and valid: it validates and lints clean, and
    generates every kind of card, including diagnosis vignettes. Replace its content
    with your own, checking as you go with `quizapp validate`, `lint`, `explain` and
    `cards --watch`.

    \b
    Example:
      quizapp new decks/heart-failure
    """
    from quizapp.deck.starter import write_starter

    written = write_starter(deck_dir)
    click.echo(f"Created a starter deck in {deck_dir} ({len(written)} files):")
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"Next: quizapp cards {deck_dir} --watch, and edit {deck_dir / 'facts.yaml'}.")
