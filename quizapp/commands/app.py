"""`quizapp` with no command: open the progress file, then the study app.

The progress file is opened here, before the first frame, so a file we cannot use is one
line on stderr and exit 1. When every deck is unchanged since the last start, they are
taken from the progress file (quizapp.library) in a few milliseconds and home is the
first frame. Otherwise loading, generating and syncing the decks (the slow part) happens
in the app's worker, after its first frame is on screen.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from quizapp.paths import Settings

if TYPE_CHECKING:
    from quizapp.workspace import Workspace

EXIT_WHEN_READY = "QUIZAPP_EXIT_WHEN_READY"  # benchmark: exit once home shows the decks


def run_app(settings: Settings) -> None:
    """Open the store, start the app (with a loader when a deck must be loaded from its
    files), exit with its status."""
    from quizapp.store.connection import open_store

    first_run = not settings.db_path.exists()
    conn = open_store(settings.db_path)

    from quizapp.tui.app import QuizApp
    from quizapp.workspace import ContextError
    from quizapp.workspace.opening import open_workspace

    moments: dict[str, float] = {}  # for the start-up benchmark's breakdown

    def load_all() -> Workspace:
        """The workspace with every deck loaded (never None: that is only the cached path)."""
        workspace = open_workspace(
            settings, conn, load_decks=True, first_run=first_run, moments=moments
        )
        assert workspace is not None
        return workspace

    benchmark = bool(os.environ.get(EXIT_WHEN_READY))
    try:
        workspace = open_workspace(
            settings, conn, load_decks=False, first_run=first_run, moments=moments
        )
    except ContextError:
        conn.close()
        raise  # the command line prints it as one line
    if workspace is not None:
        app = QuizApp(workspace, exit_when_ready=benchmark, manage_gc=True)
    else:
        app = QuizApp(loader=load_all, exit_when_ready=benchmark, manage_gc=True)
    try:
        app.run(headless=benchmark)
    finally:
        conn.close()
    if benchmark:
        moments.update(app.timings)
        print(" ".join(f"{name}={moment:.6f}" for name, moment in moments.items()))
    raise SystemExit(app.return_code or 0)
