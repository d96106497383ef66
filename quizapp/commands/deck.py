"""Commands for deck authors: validate (and, with the generators, lint and cards)."""

import json
import sys
from pathlib import Path

import click

from quizapp.deck.errors import Location, Problem
from quizapp.deck.files import find_decks
from quizapp.deck.loader import check_deck

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


NO_DECK = (
    "no deck here; a deck is a .yaml file or a folder with deck.yaml, "
    "and a folder of decks holds them one level down"
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
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
    roots, problems = deck_roots(list(paths))
    for root in roots:
        problems.extend(check_deck(root).problems)
    emit_problems(problems, fmt)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt == "text":
        summary = f"{len(roots)} deck(s): {errors} error(s), {warnings} warning(s)"
        click.echo(summary, err=True)
    if errors:
        sys.exit(EXIT_INVALID)
