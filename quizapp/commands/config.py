"""`quizapp config`: read and change the study settings stored in the progress file.

Settings live in the file (so they travel with the learner's progress); defaults live in
code (`quizapp.srs.config.StudyConfig`). A bad key or value is one line on stderr and
exit status 1; nothing is written.
"""

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict

import click

from quizapp.commands.progress import _store_errors
from quizapp.paths import Settings


@contextmanager
def _opened(settings: Settings) -> Iterator[sqlite3.Connection]:
    """The progress file, with store errors and bad settings as one clear line."""
    from quizapp.store.connection import open_store

    with _store_errors(settings.db_path):
        conn = open_store(settings.db_path)
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
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(show)


@config.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
def show(settings: Settings, as_json: bool = False) -> None:
    """List every setting and its value."""
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
    """Print one setting's value (JSON)."""
    from quizapp.srs.config import load_config

    with _opened(settings) as conn:
        values = asdict(load_config(conn))
        if key not in values:
            raise ValueError(f"unknown setting {key!r}; settings: {', '.join(values)}")
    click.echo(json.dumps(values[key]))


@config.command("set")
@click.argument("key")
@click.argument("value")
@click.pass_obj
def set_(settings: Settings, key: str, value: str) -> None:
    """Change one setting, e.g. `quizapp config set bury_reviews true`."""
    from quizapp.srs.config import parse_setting, save_setting

    with _opened(settings) as conn:
        stored = parse_setting(key, value)
        save_setting(conn, key, stored)
    click.echo(f"{key} = {json.dumps(stored)}")


@config.command()
@click.argument("key")
@click.pass_obj
def unset(settings: Settings, key: str) -> None:
    """Go back to the default for one setting."""
    from quizapp.srs.config import reset_setting

    with _opened(settings) as conn:
        value = asdict(reset_setting(conn, key))[key]
    click.echo(f"{key} = {json.dumps(value)} (default)")
