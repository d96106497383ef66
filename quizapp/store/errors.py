"""The one error type the store raises, so the CLI and the TUI catch a single thing."""

from quizapp.errors import QuizappError


class StoreError(QuizappError):
    """A progress file that cannot be used as it is; the message says which file and why.

    Raised instead of sqlite3 errors at the edge of the store, so that a command can print
    one clear line and exit 1 rather than show a traceback, and so that nothing tries to
    "repair" a file it does not understand.
    """
