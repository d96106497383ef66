"""`quizapp stats` and `quizapp db check|backup`: the progress file from the command line.

A `StoreError` (or a damaged page failing in a query) becomes one line on stderr and exit
status 1 (quizapp.cli); the file is never modified to make a command succeed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import textwrap
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quizapp.paths import Settings
from quizapp.plural import plural
from quizapp.store.errors import StoreError

if TYPE_CHECKING:
    from quizapp.srs.knowledge import Knowledge
    from quizapp.store.stats import TopicStats


def check_deck(conn: sqlite3.Connection, deck_id: str | None, path: Path) -> None:
    """StoreError unless `deck_id` is None or a deck in the file."""
    from quizapp.store.sync import list_decks

    known = [deck.deck_id for deck in list_decks(conn)]
    if deck_id is not None and deck_id not in known:
        raise StoreError(
            f"no deck {deck_id!r} in {path}; decks there: {', '.join(known) or 'none yet'}."
        )


@click.command()
@click.option("--deck", "deck_id", metavar="ID", help="Only this deck.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
def stats(settings: Settings, deck_id: str | None, as_json: bool) -> None:
    """Show what is due, how today went, retention and progress per topic.

    \b
    Example:
      quizapp stats --deck iim
      quizapp stats --json
    """
    from quizapp.health import damaged_message, progress_problems
    from quizapp.srs.config import load_config
    from quizapp.srs.knowledge import knowledge
    from quizapp.srs.optimize import fit_suggestion
    from quizapp.srs.stats import memory_stats, stats_today
    from quizapp.store.connection import open_store
    from quizapp.store.sync import list_decks
    from quizapp.workspace.opening import synced_workspace

    conn = open_store(settings.db_path, create=False)  # reading never creates a file
    try:
        problems = progress_problems(conn)
        if problems:
            raise StoreError(damaged_message(settings.db_path, problems))
        check_deck(conn, deck_id, settings.db_path)
        deck_titles = {deck.deck_id: deck.title for deck in list_decks(conn)}
        config = load_config(conn)
        result = stats_today(conn, deck_id, config=config)
        memory = memory_stats(conn, deck_id, config=config)
        known = knowledge(conn, result.day, config, deck_id)
        suggestion = fit_suggestion(conn)
        workspace = synced_workspace(settings, conn)
    finally:
        conn.close()
    topic_titles = [workspace.topic_label(t.deck, t.topic) for t in result.topics]
    if as_json:
        data = asdict(result)
        data["date"] = date.fromordinal(result.day).isoformat()
        for topic, title in zip(data["topics"], topic_titles, strict=True):
            topic["title"] = title
        data["memory"] = {k: v for k, v in asdict(memory).items() if k not in {"day", "deck_id"}}
        data["desired_retention"] = config.desired_retention
        data["knowledge"] = _knowledge_json(known)
        click.echo(json.dumps(data, indent=2))
        return
    deck_title = deck_titles.get(deck_id, deck_id) if deck_id else None
    width = shutil.get_terminal_size().columns  # 80 when not a terminal
    lines = (
        wrap_lines(_format_stats(result, deck_title), width)
        + topic_lines(result.topics, topic_titles, width)
        + wrap_lines(
            _format_knowledge(known, result.retention, config.desired_retention)
            + _format_memory(memory)
            + ([suggestion] if suggestion else []),
            width,
        )
    )
    click.echo("\n".join(lines))


def wrap_lines(lines: list[str], width: int) -> list[str]:
    """Each line wrapped to `width`, its continuation indented two more spaces than the
    line, so facts stay apart."""
    out: list[str] = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip()) + 2)
        wrapped = textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False)
        out += wrapped or [line]
    return out


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _format_stats(result, deck_title: str | None) -> list[str]:
    """Plain text, one fact a line, readable in any terminal."""
    retention = ", ".join(f"{k} {_pct(v)}" for k, v in result.retention.items())
    lines = [
        f"Study day {date.fromordinal(result.day).isoformat()}"
        + (f" ({deck_title})" if deck_title else ""),
        f"Due today: {result.due_today}",
        f"Due next 30 days: {sum(result.due_forecast[1:])} "
        f"(per day: {' '.join(str(n) for n in result.due_forecast[1:])})",
        f"Reviewed today: {result.reviewed_today} in {result.seconds_today / 60:.0f} min",
        f"Streak: {plural(result.streak_days, 'day')}",
        f"True retention: {retention}",
        f"Cards: {result.new} new, {result.learning} learning, {result.young} young, "
        f"{result.mature} mature, {result.suspended} suspended, {result.retired} retired",
    ]
    if result.topics:
        lines.append("Topics (accuracy over the last 30 days; mastery = share of cards mature):")
    return lines


def topic_lines(topics: list[TopicStats], titles: list[str], width: int) -> list[str]:
    """One row a topic: its title in a column of its own, wrapped there when long, and its
    numbers beside the title's first line, aligned from row to row at any `width`."""
    if not topics:
        return []
    accuracy = [_pct(t.accuracy) for t in topics]
    answers = [str(t.answers) for t in topics]
    wide = max(map(len, accuracy)), max(map(len, answers))
    numbers = [
        f"{a:>{wide[0]}} of {n:>{wide[1]}}  mastery {t.mastery:>4.0%} ({t.mature}/{t.cards})"
        for a, n, t in zip(accuracy, answers, topics, strict=True)
    ]
    room = width - len("  ") - len("  ") - max(map(len, numbers))
    longest_word = max(len(word) for title in titles for word in title.split() or [""])
    column = min(max(map(len, titles)), max(longest_word, room))
    lines = []
    for title, figures in zip(titles, numbers, strict=True):
        first, *rest = textwrap.wrap(title, column, break_long_words=False) or [""]
        lines.append(f"  {first:<{column}}  {figures}")
        lines += [f"  {part}" for part in rest]
    return lines


def _knowledge_json(known: Knowledge) -> dict:
    first = known.day - len(known.seconds_per_day) + 1
    return {
        "answered_cards": known.answered_cards,
        "total_knowledge": round(known.total_knowledge, 2),
        "seconds_per_day": [
            {"date": date.fromordinal(first + i).isoformat(), "seconds": round(seconds, 1)}
            for i, seconds in enumerate(known.seconds_per_day)
        ],
        "average_minutes_per_day": {k: round(v, 2) for k, v in known.average_minutes.items()},
    }


def _format_knowledge(
    known: Knowledge, retention: dict[str, float | None], desired: float
) -> list[str]:
    """True retention against the desired one, total knowledge, time per day."""
    achieved = retention.get("30d")
    against = "no answers to review cards yet" if achieved is None else f"achieved {achieved:.0%}"
    averages = ", ".join(
        f"{minutes:.0f} min ({days.removesuffix('d')} days)"
        for days, minutes in known.average_minutes.items()
    )
    return [
        f"Desired retention: {desired:.0%}; true retention over 30 days: {against}",
        f"Estimated total knowledge: {known.total_knowledge:.1f} of "
        f"{plural(known.answered_cards, 'answered card')} recalled if asked now",
        f"Time per day: {known.seconds_per_day[-1] / 60:.0f} min today; on average {averages}",
    ]


def _format_memory(memory) -> list[str]:
    """Predicted recall now, and predicted against achieved recall by bins."""
    calibration = memory.calibration
    if memory.retrievability is None:
        lines = ["Predicted recall of review cards today: - (no review cards yet)"]
    else:
        lines = [
            f"Predicted recall of review cards today: {memory.retrievability:.1%} "
            f"({plural(memory.review_cards, 'card')})"
        ]
    if not calibration.count:
        return [*lines, f"Calibration: no answers to review cards in the last {memory.days} days"]
    lines.append(
        f"Calibration over {calibration.count} answers to review cards in the last "
        f"{memory.days} days: predicted {calibration.predicted:.1%}, achieved "
        f"{calibration.achieved:.1%}, error {calibration.error:.1%}"
    )
    for b in calibration.bins:
        if b.count:
            lines.append(
                f"  predicted {b.low:.2f}-{b.high:.2f}: {b.count:>5} answers, "
                f"predicted {b.predicted:.1%}, achieved {b.achieved:.1%}"
            )
    return lines


@click.group()
def db() -> None:
    """Look after the progress file: check it, back it up.

    \b
    Example:
      quizapp db check
      quizapp db backup ~/backups/progress.sqlite3
    """


@db.command()
@click.pass_obj
def check(settings: Settings) -> None:
    """Run SQLite's integrity and foreign-key checks on the progress file.

    Read-only: the file is not migrated, stamped or switched to WAL, and another program's
    database is refused untouched.

    \b
    Example:
      quizapp db check
      quizapp --db ~/old/progress.sqlite3 db check
    """
    from quizapp.health import progress_problems
    from quizapp.store.connection import check_file, open_read_only

    conn = open_read_only(settings.db_path)
    try:
        problems = check_file(conn)  # pages first: content checks need sound pages
        if not problems:
            problems = progress_problems(conn, thorough=True)
    finally:
        conn.close()
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        raise StoreError(f"{settings.db_path} has {plural(len(problems), 'problem')}; see above.")
    click.echo(f"{settings.db_path}: ok")


@db.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup(settings: Settings, path: Path | None) -> None:
    """Copy the progress file to PATH (default: beside it, named with the time).

    A consistent copy, safe while the app is open.

    \b
    Example:
      quizapp db backup
      quizapp db backup ~/backups/progress-2026-12-01.sqlite3
    """
    from quizapp.output import check_output
    from quizapp.store.connection import backup_to, open_store

    if path is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = settings.db_path.with_name(f"{settings.db_path.stem}-backup-{stamp}.sqlite3")
    check_output(  # a new regular file only: never a link, device, or the progress file itself
        path,
        keep={settings.db_path: "the progress file"},
        exists_hint="choose another path for the backup",
    )
    conn = open_store(settings.db_path, create=False)
    try:
        backup_to(conn, path)
    finally:
        conn.close()
    click.echo(f"backed up {settings.db_path} to {path}")
