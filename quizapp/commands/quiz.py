"""`quizapp quiz history`, `quizapp results export|import` and `quizapp report`.

Thin calls into `quizapp.quiz`. Bad input (a results file, a path, a damaged progress file)
is raised, and becomes one message on stderr and exit status 1 (quizapp.cli), never a
traceback; nothing is written unless everything was read and checked.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quizapp.errors import QuizappError
from quizapp.paths import Settings
from quizapp.plural import plural

if TYPE_CHECKING:
    from quizapp.quiz.results_file import ResultsFile


@contextmanager
def _store(settings: Settings) -> Iterator[sqlite3.Connection]:
    """The progress file, which must exist: these commands only read it."""
    from quizapp.store.connection import open_store

    conn = open_store(settings.db_path, create=False)
    try:
        yield conn
    finally:
        conn.close()


# --- quiz history --------------------------------------------------------------------------


@click.group()
def quiz() -> None:
    """Self-assessment blocks (take them in the app: run `quizapp`).

    \b
    Example:
      quizapp quiz history
    """


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@quiz.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
def history(settings: Settings, as_json: bool) -> None:
    """List your quiz blocks, newest first, with score and time.

    \b
    Example:
      quizapp quiz history --json
    """
    from quizapp.quiz.scoring import history as block_history

    with _store(settings) as conn:
        rows = block_history(conn)
    if as_json:
        data = [
            {
                "id": r.id,
                "title": r.title,
                "mode": r.mode,
                "created_at": _when(r.created_at),
                "submitted_at": _when(r.submitted_at),
                "questions": r.total,
                "answered": r.answered,
                "correct": r.correct,
                "score": round(r.share, 4) if r.submitted else None,
                "seconds": round(r.seconds, 1),
            }
            for r in rows
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("No quiz blocks yet. Start one in the app: run `quizapp`, then open Quiz.")
        return
    for r in rows:
        status = f"{r.share:4.0%}" if r.submitted else "open"
        date = r.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        click.echo(
            f"#{r.id:<4} {date}  {status:>4}  {r.correct}/{r.total} correct, "
            f"{r.answered} answered, {r.seconds / 60:.1f} min  {r.title}"
        )


# --- results export / import ---------------------------------------------------------------


@click.group()
def results() -> None:
    """Results files: hand in your quiz answers, or collect a class's files.

    \b
    Example:
      quizapp results export my-results.json           # a learner
      quizapp results import ~/inbox/student-07.json   # the instructor
    """


FORCE = click.option("--force", is_flag=True, help="Replace PATH if it already exists.")


def _progress_file(settings: Settings) -> dict[Path, str]:
    """What an output path must never be: the progress file (see `quizapp.output`)."""
    return {settings.db_path: f"your progress file ({settings.db_path})"}


@results.command("export")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--name", help="Add your name to the file (otherwise nothing personal is written).")
@FORCE
@click.pass_obj
def export_command(settings: Settings, path: Path, name: str | None, force: bool) -> None:
    """Write your submitted quiz blocks to PATH as a results file (`-` for standard output).

    PATH must be a new file, or an existing results file with --force; the progress file,
    databases, decks and devices are never written.

    \b
    Example:
      quizapp results export my-results.json
      quizapp results export --name "A. Student" - | gzip > results.json.gz
    """
    from quizapp.output import check_output, is_stdout
    from quizapp.quiz.export import export_results

    check_output(path, force=force, keep=_progress_file(settings))
    with _store(settings) as conn:
        from quizapp.store.quiz import block_ids

        if not block_ids(conn, submitted=True):
            raise QuizappError(
                "no submitted quiz blocks to export yet; submit a block in the app first."
            )
        now = datetime.now(UTC).replace(microsecond=0)
        written = export_results(conn, path, now, name, force=force, keep=_progress_file(settings))
    items = sum(len(b.items) for b in written.blocks)
    where = "standard output" if is_stdout(path) else path
    click.echo(
        f"Wrote {plural(len(written.blocks), 'block')}, {plural(items, 'answer')} to {where}.",
        err=is_stdout(path),
    )


@results.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--into",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Class folder to add it to. Default: class-results beside the progress file.",
)
@click.pass_obj
def import_command(settings: Settings, path: Path, folder: Path | None) -> None:
    """Check a learner's results file and add it to the class folder for `quizapp report`.

    \b
    Example:
      quizapp results import ~/inbox/student-07.json --into ~/class-2026
    """
    from quizapp.quiz.export import class_folder, import_results

    target_folder = folder or class_folder(settings.db_path)

    def replaced(old: Path, moved: Path) -> None:
        click.echo(f"Replaced this learner's earlier export {old.name} (kept in {moved.parent}).")

    target = import_results(path, target_folder, on_replace=replaced)
    click.echo(f"Imported {path} as {target}.")
    click.echo(f"Report on the class: quizapp report {target_folder}")


# --- report --------------------------------------------------------------------------------


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; a folder stands for every *.json file in it."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.json"))
            if not found:
                raise QuizappError("no results files (*.json) in this folder", path=path)
            files += found
        else:
            files.append(path)
    return files


def _one_file_per_learner(read: list[tuple[Path, ResultsFile]]) -> list[ResultsFile]:
    """A learner's newest export only (same learner_id); each older one named on stderr."""
    from quizapp.quiz.results_file import newest_per_learner

    kept, older = newest_per_learner([(index, results) for index, (_, results) in enumerate(read)])
    for index in older:
        click.echo(
            f"quizapp: {read[index][0]}: an older export of a learner given again; "
            "counted once, with their newest file.",
            err=True,
        )
    return [read[index][1] for index in kept]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table to read, csv for a spreadsheet, json for programs.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write to this file instead of the terminal (`-`: standard output).",
)
@click.option("--force", is_flag=True, help="Replace the --output file if it already exists.")
@click.pass_obj
def report(
    settings: Settings, paths: tuple[Path, ...], fmt: str, output: Path | None, force: bool
) -> None:
    """Item statistics over one or many results files (a class): p, D, r_pb, distractors,
    items to revise, KR-20 of shared blocks. A folder means every *.json file in it.

    \b
    Example:
      quizapp report ~/class-2026
      quizapp report ~/class-2026 --format csv -o item-statistics.csv
    """
    from quizapp.output import check_output, write_output
    from quizapp.quiz.class_report import analyse_class
    from quizapp.quiz.report_format import render_csv, render_json, render_table
    from quizapp.quiz.results_file import read_results

    inputs = _expand(paths)
    if output is not None:  # before the (possibly long) analysis
        check_output(output, force=force, keep=_progress_file(settings), inputs=inputs)
    read = [(path, read_results(path)) for path in inputs]
    files = _one_file_per_learner(read)
    analysis = analyse_class(files)
    text = {"table": render_table, "csv": render_csv, "json": render_json}[fmt](analysis)
    if output is None:
        click.echo(text, nl=False)
        return
    # written as is: the CSV renderer already ends rows in CRLF; no translation on any OS
    write_output(output, text, force=force, keep=_progress_file(settings), inputs=inputs)
    click.echo(f"Wrote the report for {plural(len(files), 'results file')} to {output}.", err=True)
