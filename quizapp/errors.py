"""The one base of every error quizapp expects: bad input, a file it cannot use.

Each domain error (a deck, the progress file, an output path, a results file, ...)
subclasses `QuizappError`. `error_line` is the one place that turns any of them, and the
failures of the files quizapp is given (sqlite3 and OS errors), into one located line:
the command line prints it and exits 1 (`quizapp.cli`); the app, loading its decks in a
worker, prints it as it exits (`quizapp.commands.app`). Any
other exception is a bug and keeps its traceback.

This module imports nothing of quizapp, so every layer may use it.
"""

from __future__ import annotations

import errno
import os


class QuizappError(Exception):
    """What went wrong and, when known, where: a file, and in it a line and column.

    `str()` is the one located line: `path:line:col: what`, `path: what`, or `what` when
    there is no place. A subclass keeps its own name, so callers read `except StoreError`.
    """

    def __init__(
        self,
        what: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        super().__init__(what)
        self.what = what
        self.path = None if path is None else os.fspath(path)
        self.line = line
        self.col = col

    @property
    def where(self) -> str | None:
        """`path`, `path:line` or `path:line:col`; None when the error has no place."""
        if self.path is None:
            return None
        place = [self.path, *(str(n) for n in (self.line, self.col) if n is not None)]
        return ":".join(place)

    def __str__(self) -> str:
        where = self.where
        return self.what if where is None else f"{where}: {self.what}"


class InvalidValue(QuizappError, ValueError):
    """A value the user gave (a setting, a date, an option) that is not accepted.

    A ValueError too, so a screen that checks typed input catches it as it catches
    `int("x")` failing.
    """


IN_USE = "another program (another quizapp?) is using it; close that and try again"


def in_use(error: BaseException) -> bool:
    """SQLite's "database is locked": another connection holds the file, which is not damage
    (telling the learner to move the file aside would lose their progress)."""
    import sqlite3  # here, not at the top: only a failure pays for it (see error_line)

    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def error_line(error: BaseException, progress_file: str | os.PathLike[str]) -> str | None:
    """The one located line to show (after `quizapp: `) for an error quizapp expects; None
    for a bug.

    sqlite3 errors that reach here come from the progress file (the store turns what it
    can foresee into StoreError; a damaged page can still fail in the middle of a query).
    A broken pipe is left to click, which exits quietly when a reader such as `head` stops.
    """
    import sqlite3  # here: every layer imports this module; `validate` needs no SQLite

    if isinstance(error, QuizappError):
        what = str(error)
    elif isinstance(error, sqlite3.Error):
        advice = f": {IN_USE}." if in_use(error) else ". Run `quizapp db check` for details."
        what = f"{os.fspath(progress_file)}: {error}{advice}"
    elif isinstance(error, OSError) and error.errno != errno.EPIPE:
        reason = error.strerror or str(error)
        what = f"{os.fspath(error.filename)}: {reason}" if error.filename else reason
    else:
        return None
    return what
