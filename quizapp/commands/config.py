"""`quizapp config`: read and change the study settings stored in the progress file.

Settings live in the file (so they travel with the learner's progress); defaults live in
code (`quizapp.srs.config.StudyConfig`). A bad key or value raises InvalidValue: one line on
stderr and exit status 1 (quizapp.cli); nothing is written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from quizapp.errors import InvalidValue
from quizapp.paths import Settings
from quizapp.plural import plural

if TYPE_CHECKING:
    from quizapp.srs.recompute import RecomputeResult

PROGRESS_FROM_CARDS = 2000  # below this the recomputation takes well under a second


@contextmanager
def _opened(settings: Settings, create: bool = False) -> Iterator[sqlite3.Connection]:
    """The progress file, closed after use. Only a command that stores something may
    create it (`create`)."""
    from quizapp.store.connection import open_store

    conn = open_store(settings.db_path, create=create)
    try:
        yield conn
    finally:
        conn.close()


@click.group(invoke_without_command=True)
@click.pass_context
def config(ctx: click.Context) -> None:
    """Show or change study settings (desired retention, limits, burying, ...).

    Without a subcommand, lists every setting; `*` marks those changed from the default.
    A deck's exam date is set per deck (see README "Scheduling").
    The daily limits (new_per_day, reviews_per_day) can also be set for one deck with
    `--deck ID`: studied alone, the deck uses its own; studied with others, it gives at most
    that many within the global limit. `study_kinds` limits daily study to some kinds of
    card; `theme` is the app's colours (the app also remembers a theme chosen in it).

    \b
    Example:
      quizapp config
      quizapp config set desired_retention 0.85
      quizapp config set exam_date 2027-03-15 --deck iim
      quizapp config set new_per_day 5 --deck iim
      quizapp config set study_kinds vignette,mcq
      quizapp config unset new_per_day
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(show)


@config.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
def show(settings: Settings, as_json: bool = False) -> None:
    """List every setting and its value; `*` marks those changed from the default, and
    each deck's own daily limits follow.

    \b
    Example:
      quizapp config list --json
    """
    from quizapp.srs.config import load_config, setting_values
    from quizapp.srs.exam import SETTING, exam_dates
    from quizapp.store.settings import read_settings

    with _opened(settings) as conn:
        config = load_config(conn)
        stored = read_settings(conn)
        exams = {deck: when.isoformat() for deck, when in exam_dates(conn).items()}
    values = setting_values(config)
    per_deck: dict[str, dict[str, Any]] = {}
    for deck_id, key, value in config.per_deck:
        per_deck.setdefault(deck_id, {})[key] = value
    if as_json:
        click.echo(json.dumps({**values, "per_deck": per_deck, SETTING: exams}, indent=2))
        return
    for key, value in values.items():
        mark = "*" if key in stored else " "
        click.echo(f"{mark} {key} = {json.dumps(value)}")
    for deck_id, own in per_deck.items():
        for key, value in own.items():
            click.echo(f"* {key} = {json.dumps(value)} (deck {deck_id})")
    for deck, when in exams.items():
        click.echo(f"* {EXAM_DATE} --deck {deck} = {json.dumps(when)}")


EXAM_DATE = "exam_date"  # set per deck only (quizapp.srs.exam)

_DECK = click.option(
    "--deck",
    "deck_id",
    metavar="ID",
    help="One deck: its exam_date, or its own daily limit (new_per_day, reviews_per_day).",
)


@config.command()
@click.argument("key")
@_DECK
@click.pass_obj
def get(settings: Settings, key: str, deck_id: str | None) -> None:
    """Print one setting's value (JSON); with --deck, the value that deck uses.

    \b
    Example:
      quizapp config get learning_steps_minutes
      quizapp config get new_per_day --deck iim
      quizapp config get exam_date --deck iim
    """
    from quizapp.srs.config import load_config, setting_values
    from quizapp.srs.exam import exam_dates

    with _opened(settings) as conn:
        if (exam_deck := _exam_deck(key, deck_id)) is not None:
            when = exam_dates(conn).get(exam_deck)
            click.echo(json.dumps(when.isoformat() if when else None))
            return
        config = load_config(conn)
        values = setting_values(config)
        if key not in values:
            raise InvalidValue(f"unknown setting {key!r}; settings: {', '.join(values)}")
        if deck_id is not None:
            _check_deck(conn, key, deck_id)
            click.echo(json.dumps(config.daily_limit(key, [deck_id])))
            return
    click.echo(json.dumps(values[key]))


def _check_deck(conn: sqlite3.Connection, key: str, deck_id: str) -> None:
    """A deck's own value only for the per-deck settings and a deck the file knows."""
    from quizapp.srs.config import deck_key
    from quizapp.store.sync import list_decks

    deck_key(key, deck_id)
    known = [deck.deck_id for deck in list_decks(conn)]
    if deck_id not in known:
        listed = ", ".join(known) or "none yet"
        raise InvalidValue(f"no deck {deck_id!r} in the progress file; decks: {listed}")


def _check_theme(key: str, value: Any) -> None:
    """A theme the app can show (Textual's own themes), so a typo is caught here."""
    if key == "theme" and value:
        from quizapp.tui.settings.themes import theme_names

        if value not in theme_names():
            raise InvalidValue(f"unknown theme {value!r}; themes: {', '.join(theme_names())}")


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
@_DECK
@click.pass_obj
def set_(settings: Settings, key: str, value: str, reschedule: bool, deck_id: str | None) -> None:
    """Change one setting.

    Changing `parameters` or `desired_retention` recomputes every card's memory state
    from the review log, in one transaction with the change. An exam date (per deck,
    YYYY-MM-DD) aims the deck's schedule at that day: new cards paced to come in time, no
    interval past it with recall there below the desired retention.

    \b
    Example:
      quizapp config set bury_reviews true
      quizapp config set learning_steps_minutes "[1, 10, 60]"
      quizapp config set desired_retention 0.85 --reschedule
      quizapp config set exam_date 2027-03-15 --deck iim
      quizapp config set reviews_per_day 100 --deck iim
      quizapp config set study_kinds vignette
      quizapp config set theme nord
    """
    from quizapp.srs.config import (
        StudyConfig,
        parse_setting,
        save_deck_setting,
        save_setting,
        with_settings,
    )
    from quizapp.srs.recompute import MEMORY_SETTINGS, change_memory_settings

    if (exam_deck := _exam_deck(key, deck_id)) is not None:
        _no_reschedule(reschedule, key)
        _set_exam_date(settings, exam_deck, value)
        return
    if deck_id is not None:
        with _opened(settings) as conn:
            _no_reschedule(reschedule, key)
            _check_deck(conn, key, deck_id)
            stored = parse_setting(key, value)
            save_deck_setting(conn, key, deck_id, stored)
        click.echo(f"{key} = {json.dumps(stored)} (deck {deck_id})")
        return
    stored = parse_setting(key, value)  # a bad value is refused before the file is created
    _check_theme(key, stored)
    with_settings(StudyConfig(), {key: stored})
    if key not in MEMORY_SETTINGS:
        _no_reschedule(reschedule, key)
    with _opened(settings, create=True) as conn:
        if key in MEMORY_SETTINGS:
            with _progress() as progress:
                result = change_memory_settings(
                    conn, {key: stored}, reschedule=reschedule, progress=progress
                )
        else:
            save_setting(conn, key, stored)
    click.echo(f"{key} = {json.dumps(stored)}")
    if key in MEMORY_SETTINGS:
        _report(result)


@config.command()
@click.argument("key")
@_RESCHEDULE
@_DECK
@click.pass_obj
def unset(settings: Settings, key: str, reschedule: bool, deck_id: str | None) -> None:
    """Go back to the default for one setting; with --deck, to the global value.

    \b
    Example:
      quizapp config unset desired_retention
      quizapp config unset exam_date --deck iim
      quizapp config unset new_per_day --deck iim
    """
    from quizapp.srs.config import StudyConfig, reset_deck_setting, reset_setting, setting_values
    from quizapp.srs.recompute import MEMORY_SETTINGS, change_memory_settings

    if (exam_deck := _exam_deck(key, deck_id)) is not None:
        _no_reschedule(reschedule, key)
        _set_exam_date(settings, exam_deck, None)
        return

    with _opened(settings) as conn:
        if deck_id is not None:
            _no_reschedule(reschedule, key)
            _check_deck(conn, key, deck_id)
            config = reset_deck_setting(conn, key, deck_id)
            click.echo(f"{key} = {json.dumps(getattr(config, key))} (deck {deck_id}: global)")
            return
        if key in MEMORY_SETTINGS:
            with _progress() as progress:
                result = change_memory_settings(
                    conn, {}, forget=[key], reschedule=reschedule, progress=progress
                )
        else:
            _no_reschedule(reschedule, key)
            reset_setting(conn, key)
        value = setting_values(StudyConfig())[key]
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


def _exam_deck(key: str, deck_id: str | None) -> str | None:
    """The deck whose exam date `key` names, else None: the exam date is set per deck only
    (exit 1 without --deck); the other settings with --deck are checked by `_check_deck`."""
    if key != EXAM_DATE:
        return None
    if deck_id is None:
        raise InvalidValue(f"{EXAM_DATE} is set per deck: add --deck ID")
    return deck_id


def _set_exam_date(settings: Settings, deck_id: str, text: str | None) -> None:
    """Store (or, with None, forget) the deck's exam date, then say what it means."""
    from quizapp.srs.config import load_config
    from quizapp.srs.days import study_day
    from quizapp.srs.exam import exam_outlook, outlook_lines, parse_exam_date, set_exam_date
    from quizapp.srs.session import utc_now
    from quizapp.store.sync import list_decks

    with _opened(settings) as conn:  # a deck must be in the file: no new file here
        when = None if text is None else parse_exam_date(text)
        config = load_config(conn)
        today = study_day(utc_now(), config.day_starts_hour, config.tzinfo())
        set_exam_date(conn, deck_id, when, date.fromordinal(today))
        if when is None:
            click.echo(f"{EXAM_DATE} --deck {deck_id} = null (no exam)")
            return
        click.echo(f"{EXAM_DATE} --deck {deck_id} = {json.dumps(when.isoformat())}")
        title = next(deck.title for deck in list_decks(conn) if deck.deck_id == deck_id)
        line, warning = outlook_lines(exam_outlook(conn, deck_id, when, config, today), title)
    click.echo(line)
    if warning is not None:
        click.echo(f"warning: {warning}")


def _no_reschedule(reschedule: bool, key: str) -> None:
    if reschedule:
        raise InvalidValue(f"--reschedule applies to parameters and desired_retention, not {key}")


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
