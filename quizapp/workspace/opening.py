"""Building the workspace, the one way the app and the command line both use.

The app opens its progress file before the first frame and asks first for the decks
unchanged since the last start (milliseconds: home can be the first frame), then, when
one changed, loads, generates and syncs them all in a worker. A reading command takes
the decks as last synced into the file and reads no deck file at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from quizapp.errors import error_line
from quizapp.paths import Settings
from quizapp.srs.session import utc_now
from quizapp.workspace.context import ContextError, Workspace

Moments = dict[str, float]  # named wall-clock moments, for the start-up benchmark


def open_workspace(
    settings: Settings,
    conn: sqlite3.Connection,
    *,
    load_decks: bool,
    first_run: bool = False,
    clock: Callable[[], datetime] = utc_now,
    moments: Moments | None = None,
) -> Workspace | None:
    """The workspace on the opened progress file `conn`, its decks synced into it.

    Without `load_decks` (the first call) the file is checked for damage, and the
    workspace is built only when every deck is unchanged since the last start; else
    None. ContextError when the file is damaged or fails.
    """
    import time

    from quizapp.gc_policy import freeze_loaded
    from quizapp.health import damaged_message, progress_problems
    from quizapp.library import cached_library, load_library, sync_library

    moments = {} if moments is None else moments
    try:
        if not load_decks:
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
    except ContextError:
        raise
    except Exception as error:  # what quizapp expects becomes the command line's one line
        line = error_line(error, settings.db_path)
        if line is None:
            raise  # a bug: its traceback shows
        raise ContextError(line) from None
    return Workspace(settings, conn, library, clock, first_run)


def synced_workspace(
    settings: Settings, conn: sqlite3.Connection, clock: Callable[[], datetime] = utc_now
) -> Workspace:
    """The workspace of a reading command: decks and topics named as last synced into
    the file, no deck file read, nothing written."""
    from quizapp.library import synced_titles

    return Workspace(settings, conn, synced_titles(conn), clock)
