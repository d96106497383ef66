"""`quizapp` with no command: open the progress file, then the study app.

The progress file is opened here, before the first frame, so a file we cannot use is one
line on stderr and exit 1. When every deck is unchanged since the last start, they are
taken from the progress file (quizapp.library) in a few milliseconds and home is the
first frame. Otherwise loading, generating and syncing the decks (the slow part) happens
in the app's worker, after its first frame is on screen.
"""

from __future__ import annotations

import os
import sqlite3
import time
from typing import TYPE_CHECKING

import click

from quizapp.paths import Settings
from quizapp.store.errors import StoreError

if TYPE_CHECKING:
    from quizapp.tui.context import AppContext

EXIT_WHEN_READY = "QUIZAPP_EXIT_WHEN_READY"  # benchmark: exit once home shows the decks


def run_app(settings: Settings) -> None:
    """Open the store, start the app (with a loader when a deck must be loaded from its
    files), exit with its status."""
    from quizapp.store.connection import open_store

    first_run = not settings.db_path.exists()
    try:
        conn = open_store(settings.db_path)
    except StoreError as exc:
        click.echo(f"quizapp: {exc}", err=True)
        raise SystemExit(1) from None

    moments: dict[str, float] = {}  # for the start-up benchmark's breakdown

    def build(load_decks: bool) -> AppContext | None:
        """The app's context. Without `load_decks`, only when every deck is unchanged since
        the last start (nothing to load: home can be the first frame); else None."""
        from quizapp.gc_policy import freeze_loaded
        from quizapp.health import damaged_message, progress_problems
        from quizapp.library import cached_library, load_library, sync_library
        from quizapp.srs.session import utc_now
        from quizapp.tui.context import AppContext, ContextError

        try:
            if not load_decks:  # the first call: check the file once
                problems = progress_problems(conn)
                if problems:
                    raise ContextError(damaged_message(settings.db_path, problems))
            moments["imported"] = time.time()
            if load_decks:
                library = load_library(settings.decks_dir, conn)
            else:
                cached = cached_library(settings.decks_dir, conn)
                if cached is None:
                    return None
                library = cached
            moments["generated"] = time.time()
            sync_library(conn, library)
            moments["synced"] = time.time()
            freeze_loaded()
        except StoreError as exc:
            raise ContextError(str(exc)) from None
        except sqlite3.Error as exc:
            raise ContextError(
                f"cannot use {settings.db_path}: {exc}. Run `quizapp db check` for details."
            ) from None
        return AppContext(settings, conn, library, utc_now, first_run)

    def load_all() -> AppContext:
        """The context with every deck loaded (never None: that is only the cached path)."""
        context = build(load_decks=True)
        assert context is not None
        return context

    from quizapp.tui.app import QuizApp
    from quizapp.tui.context import ContextError

    benchmark = bool(os.environ.get(EXIT_WHEN_READY))
    try:
        context = build(load_decks=False)
    except ContextError as exc:
        conn.close()
        click.echo(f"quizapp: {exc}", err=True)
        raise SystemExit(1) from None
    if context is not None:
        app = QuizApp(context, exit_when_ready=benchmark)
    else:
        app = QuizApp(loader=load_all, exit_when_ready=benchmark)
    try:
        app.run(headless=benchmark)
    finally:
        conn.close()
    if benchmark:
        moments.update(app.timings)
        print(" ".join(f"{name}={moment:.6f}" for name, moment in moments.items()))
    raise SystemExit(app.return_code or 0)
