"""Commands that show what a deck generates: `lint` (item-writing checks) and `cards` (preview)."""

import json
import sys
from pathlib import Path

import click

from quizapp.commands.deck import EXIT_INVALID, emit_problems
from quizapp.deck.files import find_decks
from quizapp.deck.loader import check_deck
from quizapp.deck.model import Deck
from quizapp.deck.topics import TOPIC_HELP, UnknownTopic, match_topics
from quizapp.generate import Card, generate_deck, lint_deck
from quizapp.generate.card import KINDS
from quizapp.plural import plural

PATHS = click.Path(exists=True, path_type=Path)


def _load(paths: list[Path]) -> tuple[list[Deck], int]:
    """The decks that load, and how many errors the others had (printed like `validate`)."""
    decks: list[Deck] = []
    errors = 0
    for root in find_decks(paths):
        result = check_deck(root)
        emit_problems(result.problems, "text")
        errors += sum(p.severity == "error" for p in result.problems)
        if result.deck is not None:
            decks.append(result.deck)
    return decks, errors


@click.command()
@click.argument("paths", nargs=-1, required=True, type=PATHS)
@click.option("--seeds", default=50, show_default=True, help="Renderings checked per vignette.")
@click.option("--options", "n_options", default=5, show_default=True, type=click.IntRange(4, 8))
def lint(paths: tuple[Path, ...], seeds: int, n_options: int) -> None:
    """Check every generated item against the NBME item-writing checklist and its proof.

    Findings are printed as `path:line:col: severity: check: message`, pointing at
    the deck place that produced the item. Errors: an item that breaks a rule, or
    whose proof does not follow from the deck. Warnings: testwise cues. Notes: an item
    not generated because the deck does not prove enough options wrong, with the facts
    (`absent`, `complete`) that would bring it back. Exit status: 0 no errors, 1 errors.
    """
    decks, errors = _load(list(paths))
    counts = {"warning": 0, "note": 0}
    for deck in decks:
        for finding in lint_deck(deck, seeds=seeds, options=n_options):
            click.echo(str(finding))
            errors += finding.severity == "error"
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
    click.echo(
        f"{plural(len(decks), 'deck')} linted: {plural(errors, 'error')}, "
        f"{plural(counts['warning'], 'warning')}, "
        f"{plural(counts['note'], 'item')} not generated for want of proof (notes)",
        err=True,
    )
    if errors:
        sys.exit(EXIT_INVALID)


@click.command()
@click.argument("path", type=PATHS)
@click.option("--kind", type=click.Choice(KINDS), help="Only cards of this kind.")
@click.option("--topic", help=TOPIC_HELP)
@click.option("--seed", default=0, show_default=True, help="Seed for distractors and cases.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def cards(path: Path, kind: str | None, topic: str | None, seed: int, fmt: str) -> None:
    """Preview the cards a deck (or a folder of decks) generates."""
    decks, errors = _load([path])
    if errors:
        sys.exit(EXIT_INVALID)
    try:
        topics = match_topics(decks, [topic] if topic is not None else [])
    except UnknownTopic as exc:
        click.echo(f"quizapp: {exc}", err=True)
        sys.exit(EXIT_INVALID)
    chosen: list[Card] = []
    for deck in decks:
        generated = generate_deck(deck, seed=seed)
        for finding in generated.findings:
            click.echo(str(finding), err=True)
        chosen += [
            c
            for c in generated.cards
            if (kind is None or c.kind == kind) and (topic is None or (c.deck, c.topic) in topics)
        ]
    if fmt == "json":
        click.echo(json.dumps([c.to_json() for c in chosen], indent=2, ensure_ascii=False))
        return
    for card in chosen:
        click.echo(_preview(card))


def _preview(card: Card) -> str:
    """Plain text; deck strings are printed as written, never as markup."""
    lines = [f"[{card.kind}] {card.id}  ({card.loc})", card.prompt]
    for o in card.options:
        mark = "*" if o.correct else " "
        lines.append(f"  {mark} {o.label}. {o.text}")
        lines.append(f"       {o.explanation}")
    lines.append(f"Answer: {card.answer}")
    if card.extra:
        lines.append(card.extra)
    return "\n".join(lines) + "\n"
