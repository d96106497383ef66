"""The workspace: what the command line and the app share once a progress file and a decks
folder are open (the library, the store connection, the clock, workers' readers) and the
services over it that are not user interface (deck summaries, statistics, topic titles).

No Textual here (tests/test_layers.py): the TUI and the CLI both build a `Workspace`
through `quizapp.workspace.opening`.
"""

from quizapp.workspace.context import ContextError, Workspace

__all__ = ["ContextError", "Workspace"]
