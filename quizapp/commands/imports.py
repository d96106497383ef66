"""`quizapp import anki`: a student's Anki reviews of quizapp's cards, into the progress file.

The package is read completely before the progress file is opened for writing: a file that
is no Anki package, a damaged one, or one with no quizapp notes is one message and exit 1,
and the progress file is neither created nor touched. `--dry-run` only reads.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from quizapp.commands.bar import progress_bar
from quizapp.paths import Settings

PROGRESS_FROM = 500  # cards; fewer are replayed before a bar could be read


def _n(count: int, noun: str, plural: str | None = None) -> str:
    """`1 review`, `2 reviews`, `1,500 notes`."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


@click.group("import")
def import_group() -> None:
    """Bring study history from another app into your progress file.

    \b
    Example:
      quizapp import anki collection.colpkg --dry-run
      quizapp import anki collection.colpkg
    """


@import_group.command("anki")
@click.argument("package", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Say what would be imported; change nothing.")
@click.pass_obj
def anki_command(settings: Settings, package: Path, dry_run: bool) -> None:
    """Bring your Anki reviews of quizapp's cards into the progress file.

    PACKAGE is what Anki exports (File > Export): a collection package (.colpkg), or a
    deck package (.apkg) with "Include scheduling information" ticked; any Anki version.
    The notes that `quizapp export anki` made are recognised by their id (GUID), even
    if you edited their text; other notes are left out.

    Each review becomes an answer in quizapp at its time, with its rating (Again, Hard,
    Good, Easy) and time taken; each card's memory state is then recomputed from its
    whole review log, so quizapp schedules it as if you had studied it here. Entries
    that are no answer (set due date, reset, rescheduling, cramming without
    rescheduling) are skipped, and so are reviews from before a card was reset.
    Importing the same package again adds nothing, and nothing else in the progress
    file changes.

    \b
    Example:
      quizapp import anki ~/Downloads/collection.colpkg --dry-run
      quizapp import anki ~/Downloads/collection.colpkg
      quizapp --decks my-decks import anki "Myositis.apkg"
    """
    from quizapp.importing.anki import read_history
    from quizapp.importing.package import PackageError
    from quizapp.library import load_library

    library = load_library(settings.decks_dir)
    if library.problems:
        click.echo(
            f"quizapp: {_n(len(library.problems), 'problem')} in the decks of "
            f"{settings.decks_dir}: the notes of their cards cannot be matched "
            "(`quizapp validate` lists them)",
            err=True,
        )
    known = _file_card_ids(settings.db_path)
    history = read_history(package, [*library.cards, *known])
    if not history.matched_notes:
        raise PackageError(
            f"none of its {_n(history.notes, 'note')} came from "
            "`quizapp export anki` (no note has the id of a quizapp card in "
            f"{settings.decks_dir} or the progress file); nothing imported",
            path=package,
        )
    if dry_run or not history.answer_count:  # nothing to write: only read
        _preview(settings, library, history, package, dry_run)
        return
    from quizapp.health import damaged_message, progress_problems
    from quizapp.importing.apply import import_history
    from quizapp.store.connection import open_store
    from quizapp.store.errors import StoreError

    conn = open_store(settings.db_path)  # importing is writing: a new user gets a file
    try:
        problems = progress_problems(conn)
        if problems:
            raise StoreError(damaged_message(settings.db_path, problems))
        cards = len(history.answers)
        label = f"Importing the reviews of {_n(cards, 'card')}"
        with progress_bar(cards, label, PROGRESS_FROM) as bar:
            result = import_history(conn, library, history, bar)
    finally:
        conn.close()
    _report(package, history, result, dry_run=False)


def _file_card_ids(path: Path) -> list[str]:
    """The card ids the progress file has (none when there is no file): read-only."""
    from quizapp.store.connection import open_snapshot

    if not path.exists():
        return []
    conn = open_snapshot(path)
    try:
        return [card_id for (card_id,) in conn.execute("SELECT card_id FROM cards")]
    finally:
        conn.close()


def _preview(settings: Settings, library, history, package: Path, dry_run: bool) -> None:
    from quizapp.importing.apply import preview
    from quizapp.store.connection import open_snapshot

    conn: sqlite3.Connection | None = None
    if settings.db_path.exists():
        conn = open_snapshot(settings.db_path)
    try:
        result = preview(conn, library, history)
    finally:
        if conn is not None:
            conn.close()
    _report(package, history, result, dry_run=dry_run)


def _report(package: Path, history, result, *, dry_run: bool) -> None:
    """The summary line, then what was skipped and why."""
    would = "would be " if dry_run else ""
    skipped = sum(history.skipped.values())
    parts = [
        f"{history.matched_notes:,} of {_n(history.notes, 'note')} matched",
        f"{_n(result.added, 'review')} {would}imported",
        f"{_n(result.present, 'review')} already there",
        f"{_n(skipped, 'log entry', 'log entries')} skipped",
        f"{_n(result.cards, 'card')} {would}updated",
    ]
    click.echo(
        ("Dry run, nothing changed. " if dry_run else "") + f"{package}: " + "; ".join(parts) + "."
    )
    for reason, count in sorted(history.skipped.items()):
        click.echo(f"  skipped {_n(count, 'entry', 'entries')} {reason}")
    if result.decks:
        added = "would be added" if dry_run else "added"
        decks = "deck" if len(result.decks) == 1 else "decks"
        click.echo(f"  {decks} {', '.join(result.decks)} {added} to the progress file")
    if not history.answer_count:
        click.echo(
            "  The package holds no reviews of quizapp's notes: in Anki, export them with "
            '"Include scheduling information" ticked, or export the whole collection (.colpkg).'
        )
