"""`quizapp` with no command: open the progress file, then the study app.

The progress file is opened here, before the first frame, so a file we cannot use is one
line on stderr and exit 1 (quizapp.cli); a failure while the app loads the decks is the
same line, printed by the app as it exits. When every deck is unchanged since the last
start, they are taken from the progress file (quizapp.library) in a few milliseconds and
home is the first frame. Otherwise loading, generating and syncing the decks (the slow part) happens
in the app's worker, after its first frame is on screen.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from quizapp.paths import Settings

if TYPE_CHECKING:
    from quizapp.tui.context import AppContext

EXIT_WHEN_READY = "QUIZAPP_EXIT_WHEN_READY"  # benchmark: exit once home shows the decks


def run_app(settings: Settings) -> None:
    """Open the store, start the app (with a loader when a deck must be loaded from its
    files), exit with its status."""
    from quizapp.store.connection import open_store

    first_run = not settings.db_path.exists()
    conn = open_store(settings.db_path)
    moments: dict[str, float] = {}  # for the start-up benchmark's breakdown

    def build(load_decks: bool) -> AppContext | None:
        """The app's context. Without `load_decks`, only when every deck is unchanged since
        the last start (nothing to load: home can be the first frame); else None."""
        from quizapp.gc_policy import freeze_loaded
        from quizapp.health import damaged_message, progress_problems
        from quizapp.library import cached_library, load_library, sync_library
        from quizapp.srs.session import utc_now
        from quizapp.tui.context import AppContext, ContextError

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
        return AppContext(settings, conn, library, utc_now, first_run)

    def load_all() -> AppContext:
        """The context with every deck loaded (never None: that is only the cached path).

        It runs in the app's worker: an error quizapp expects becomes a ContextError,
        which the app prints as it exits, in the words of the command line."""
        from quizapp.errors import error_line
        from quizapp.tui.context import ContextError

        try:
            context = build(load_decks=True)
        except Exception as error:
            line = error_line(error, settings.db_path)
            if line is None:
                raise  # a bug: the app shows its traceback
            raise ContextError(line) from None
        assert context is not None
        return context

    from quizapp.tui.app import QuizApp

    benchmark = bool(os.environ.get(EXIT_WHEN_READY))
    try:
        context = build(load_decks=False)
        if context is not None:
            app = QuizApp(context, exit_when_ready=benchmark)
        else:
            app = QuizApp(loader=load_all, exit_when_ready=benchmark)
        app.run(headless=benchmark)
    finally:
        conn.close()
    if benchmark:
        moments.update(app.timings)
        print(" ".join(f"{name}={moment:.6f}" for name, moment in moments.items()))
    raise SystemExit(app.return_code or 0)
