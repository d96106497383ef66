"""Commands for deck authors: validate (and, with the generators, lint and cards)."""

import json
import sys
from pathlib import Path

import click

from quizapp.deck.errors import Problem
from quizapp.deck.files import find_decks
from quizapp.deck.loader import check_deck
from quizapp.plural import plural

EXIT_INVALID = 1


def emit_problems(problems: list[Problem], fmt: str) -> None:
    """Print problems as compiler-style lines (stderr) or as one JSON list (stdout)."""
    if fmt == "json":
        click.echo(json.dumps([p.to_json() for p in problems], indent=2))
        return
    for problem in problems:
        click.echo(str(problem), err=True)


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
    """
    roots = find_decks(list(paths))
    problems: list[Problem] = []
    for root in roots:
        problems.extend(check_deck(root).problems)
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
