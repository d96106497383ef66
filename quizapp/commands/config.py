"""`quizapp config`: read and change the study settings stored in the progress file.

Settings live in the file (so they travel with the learner's progress); defaults live in
code (`quizapp.srs.config.StudyConfig`). A bad key or value is one line on stderr and
exit status 1; nothing is written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from quizapp.commands.progress import _store_errors
from quizapp.paths import Settings
from quizapp.plural import plural

if TYPE_CHECKING:
    from quizapp.srs.recompute import RecomputeResult

PROGRESS_FROM_CARDS = 2000  # below this the recomputation takes well under a second


@contextmanager
def _opened(settings: Settings, create: bool = False) -> Iterator[sqlite3.Connection]:
    """The progress file, with store errors and bad settings as one clear line. Only a
    command that stores something may create it (`create`)."""
    from quizapp.store.connection import open_store

    with _store_errors(settings.db_path):
        conn = open_store(settings.db_path, create=create)
        try:
            yield conn
        except ValueError as exc:
            click.echo(f"quizapp: {exc}", err=True)
            raise SystemExit(1) from None
        finally:
            conn.close()


@click.group(invoke_without_command=True)
@click.pass_context
def config(ctx: click.Context) -> None:
    """Show or change study settings (desired retention, limits, burying, ...).

    Without a subcommand, lists every setting; `*` marks those changed from the default.

    \b
    Example:
      quizapp config
      quizapp config set desired_retention 0.85
      quizapp config unset new_per_day
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(show)


@config.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
def show(settings: Settings, as_json: bool = False) -> None:
    """List every setting and its value; `*` marks those changed from the default.

    \b
    Example:
      quizapp config list --json
    """
    from quizapp.srs.config import load_config
    from quizapp.store.settings import read_settings

    with _opened(settings) as conn:
        values = asdict(load_config(conn))
        stored = read_settings(conn)
    if as_json:
        click.echo(json.dumps(values, indent=2))
        return
    for key, value in values.items():
        mark = "*" if key in stored else " "
        click.echo(f"{mark} {key} = {json.dumps(value)}")


@config.command()
@click.argument("key")
@click.pass_obj
def get(settings: Settings, key: str) -> None:
    """Print one setting's value (JSON).

    \b
    Example:
      quizapp config get learning_steps_minutes
    """
    from quizapp.srs.config import load_config

    with _opened(settings) as conn:
        values = asdict(load_config(conn))
        if key not in values:
            raise ValueError(f"unknown setting {key!r}; settings: {', '.join(values)}")
    click.echo(json.dumps(values[key]))


_RESCHEDULE = click.option(
    "--reschedule",
    is_flag=True,
    help="Also give review cards new due dates from their recomputed memory (as Anki's "
    "'Reschedule cards on change').",
)


@config.command("set", context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")
@_RESCHEDULE
@click.pass_obj
def set_(settings: Settings, key: str, value: str, reschedule: bool) -> None:
    """Change one setting.

    Changing `parameters` or `desired_retention` recomputes every card's memory state
    from the review log, in one transaction with the change.

    \b
    Example:
      quizapp config set bury_reviews true
      quizapp config set learning_steps_minutes "[1, 10, 60]"
      quizapp config set desired_retention 0.85 --reschedule
    """
    from quizapp.srs.config import parse_setting, save_setting
    from quizapp.srs.recompute import MEMORY_SETTINGS, change_memory_settings

    with _opened(settings, create=True) as conn:
        stored = parse_setting(key, value)
        if key in MEMORY_SETTINGS:
            with _progress() as progress:
                result = change_memory_settings(
                    conn, {key: stored}, reschedule=reschedule, progress=progress
                )
        else:
            _no_reschedule(reschedule, key)
            save_setting(conn, key, stored)
    click.echo(f"{key} = {json.dumps(stored)}")
    if key in MEMORY_SETTINGS:
        _report(result)


@config.command()
@click.argument("key")
@_RESCHEDULE
@click.pass_obj
def unset(settings: Settings, key: str, reschedule: bool) -> None:
    """Go back to the default for one setting.

    \b
    Example:
      quizapp config unset desired_retention
    """
    from quizapp.srs.config import StudyConfig, reset_setting
    from quizapp.srs.recompute import MEMORY_SETTINGS, change_memory_settings

    with _opened(settings) as conn:
        if key in MEMORY_SETTINGS:
            with _progress() as progress:
                result = change_memory_settings(
                    conn, {}, forget=[key], reschedule=reschedule, progress=progress
                )
        else:
            _no_reschedule(reschedule, key)
            reset_setting(conn, key)
        value = asdict(StudyConfig())[key]
    click.echo(f"{key} = {json.dumps(value)} (default)")
    if key in MEMORY_SETTINGS:
        _report(result)


@config.command()
@_RESCHEDULE
@click.pass_obj
def recompute(settings: Settings, reschedule: bool) -> None:
    """Recompute every card's memory state from the review log under the current settings.

    \b
    Example:
      quizapp config recompute --reschedule
    """
    from quizapp.srs.recompute import recompute_memory

    with _opened(settings) as conn, _progress() as progress:
        result = recompute_memory(conn, reschedule=reschedule, progress=progress)
    _report(result)


def _no_reschedule(reschedule: bool, key: str) -> None:
    if reschedule:
        raise ValueError(f"--reschedule applies to parameters and desired_retention, not {key}")


@contextmanager
def _progress(
    label: str = "Recomputing memory states", from_total: int = PROGRESS_FROM_CARDS
) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr (drawn only on a terminal, and only for large work)."""
    from quizapp.terminal import own_stderr

    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if total < from_total:
                return
            bar = click.progressbar(
                length=total,
                label=label,
                file=own_stderr(),  # the bar's \r and cursor codes, not data
                update_min_steps=max(1, total // 200),
            )
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _report(result: RecomputeResult) -> None:
    line = f"recomputed the memory state of {plural(result.cards, 'card')}"
    if result.rescheduled:
        line += f"; {plural(result.rescheduled, 'review card')} rescheduled"
    click.echo(line)
