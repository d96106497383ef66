"""`quizapp export anki|csv|lms`: generated cards for Anki, spreadsheets and an LMS.

Thin calls into `quizapp.export`. Bad input (a deck with errors, an unknown topic, an output
that exists or is of the wrong type) raises ExportError: a located message on stderr and
exit status 1 (quizapp.cli), never a traceback, and no file is written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from quizapp.commands.bar import progress_bar
from quizapp.commands.deck_arg import DeckArg
from quizapp.commands.generate import _load as load_decks
from quizapp.deck.topics import TOPIC_HELP
from quizapp.kinds import KINDS
from quizapp.plural import plural

PROGRESS_FROM = 500  # cards; a smaller export is done before a bar could be read


def _common(kinds: tuple[str, ...]) -> Callable:
    """The options every export takes: decks, output, force, seed and the filters."""

    def decorate(command: Callable) -> Callable:
        for option in reversed(
            [
                click.argument("paths", metavar="DECK...", nargs=-1, required=True, type=DeckArg()),
                click.option(
                    "-o",
                    "--output",
                    required=True,
                    type=click.Path(path_type=Path),
                    help="File to write; - for standard output (text formats).",
                ),
                click.option("--force", is_flag=True, help="Replace the output file if it exists."),
                click.option(
                    "--seed",
                    default=0,
                    show_default=True,
                    help="Seed for distractors and vignette cases (recorded in the export).",
                ),
                click.option(
                    "--kind",
                    "kinds",
                    multiple=True,
                    type=click.Choice(kinds),
                    help="Only cards of this kind (repeat for several).",
                ),
                click.option(
                    "--topic",
                    "topics",
                    multiple=True,
                    help=TOPIC_HELP + " Repeat for several.",
                ),
            ]
        ):
            command = option(command)
        return command

    return decorate


def _selection(paths, seed: int, kinds, topics):
    from quizapp.export import ExportError, select_cards

    if sys.stderr.isatty():
        click.echo(f"Loading and generating {plural(len(paths), 'deck path')}...", err=True)
    decks, errors = load_decks(list(paths))
    if errors:
        raise ExportError(f"{plural(errors, 'error')} in the decks (listed above); nothing written")
    return select_cards(decks, seed=seed, kinds=kinds, topics=topics)


def _export(
    paths,
    output: Path,
    force: bool,
    suffixes: tuple[str, ...],
    select: Callable,
    what: str,
    write: Callable,
) -> None:
    """Every export's steps: check the output (the writers check again just before
    writing), load and select, write with a progress bar, say how many were written. `select()` gives the selection; `write(selection,
    progress)` writes it and returns how many items it wrote (None: one per card)."""
    from quizapp.export.output import check_target

    check_target(output, suffixes, force)  # before the decks load (seconds for a large deck)
    selection = select()
    cards = len(selection.cards)
    with progress_bar(cards, f"Writing {cards:,} {what}", PROGRESS_FROM) as progress:
        written = write(selection, progress)
    count = cards if written is None else written
    noun = "card" if written is None else "item"
    where = "standard output" if str(output) == "-" else output
    click.echo(f"Wrote {plural(count, noun)} to {where}.", err=True)


@click.group()
def export() -> None:
    """Generated cards for Anki, a spreadsheet or your school's LMS.

    Each export takes the decks (files, folders, or the name of a deck in your decks
    folder, e.g. a bundled one: iim), -o FILE, and optionally --kind, --topic, --seed
    and --force; `quizapp export anki --help` and so on say more.

    \b
    Example:
      quizapp export anki iim -o iim.apkg         # a bundled deck, from anywhere
      quizapp export anki decks/iim -o iim.apkg   # a deck folder
      quizapp export csv decks/iim -o iim-cards.csv
      quizapp export lms decks/iim --format qti -o iim-quiz.zip
    """


@export.command("anki")
@_common(KINDS)
def anki_command(paths, output: Path, force: bool, seed: int, kinds, topics) -> None:
    """Write the decks' generated cards as an Anki package (.apkg).

    Each card becomes one note in the Anki deck `Deck title::Topic title`, tagged
    quizapp::deck::ID, quizapp::topic::ID and quizapp::kind::KIND. Importing a newer
    export of the same deck into Anki updates these notes (matched by card id) and keeps
    your Anki review history.

    \b
    Example:
      quizapp export anki iim -o iim.apkg
      quizapp export anki decks/iim --kind mcq --kind vignette -o iim-mcq.apkg
    """
    from quizapp.export.anki import SUFFIXES, write_anki

    _export(
        paths,
        output,
        force,
        SUFFIXES,
        lambda: _selection(paths, seed, kinds, topics),
        "Anki notes",
        lambda selection, progress: write_anki(selection, output, force, progress=progress),
    )


@export.command("csv")
@_common(KINDS)
def csv_command(paths, output: Path, force: bool, seed: int, kinds, topics) -> None:
    """Write the decks' generated cards to a spreadsheet file (.csv).

    One row per card with every field: prompt, answer, key, sources with citations, the
    deck facts behind it (proof), and for each option its text, verdict, explanation and
    proof. UTF-8 with a byte order mark, so Excel shows accents; text that a spreadsheet
    would run as a formula (=, +, -, @) is prefixed with '.

    \b
    Example:
      quizapp export csv decks/iim -o iim-cards.csv
      quizapp export csv decks/iim --kind mcq --topic antibodies -o mcqs.csv
      quizapp export csv decks/iim -o - | less
    """
    from quizapp.export.csv_cards import SUFFIXES, write_csv

    _export(
        paths,
        output,
        force,
        SUFFIXES,
        lambda: _selection(paths, seed, kinds, topics),
        "CSV rows",
        lambda selection, progress: write_csv(selection, output, force, progress=progress),
    )


@export.command("lms")
@_common(("mcq", "vignette"))
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["qti", "moodle", "gift"]),
    help="qti: QTI 2.1 package (.zip) for Canvas, Blackboard and others; moodle: Moodle XML "
    "(.xml); gift: Moodle GIFT text (.gift or .txt).",
)
def lms_command(paths, output: Path, force: bool, seed: int, kinds, topics, fmt: str) -> None:
    """Write the decks' MCQs and vignettes as a quiz for your school's LMS.

    Each item keeps its options in order, the key, each option's explanation as that
    option's feedback and the cited sources as general feedback. The seed the items were
    drawn with is recorded in each item's title, so the same command gives the same quiz.

    \b
    Example:
      quizapp export lms decks/iim --format qti -o iim-quiz.zip
      quizapp export lms decks/iim --kind vignette --format moodle -o cases.xml
      quizapp export lms decks/iim --topic antibodies --format gift -o ab.gift
    """
    from quizapp.export.lms import FORMATS, LMS_KINDS, write_lms

    _export(
        paths,
        output,
        force,
        FORMATS[fmt],
        lambda: _selection(paths, seed, kinds or LMS_KINDS, topics),
        "items",
        lambda selection, progress: write_lms(selection, output, fmt, force, progress=progress),
    )
