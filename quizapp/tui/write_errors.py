"""When the progress file refuses a write: say so, keep the screen as it was, let the learner
retry or quit. Never acknowledge what was not committed.

A write can fail while a session runs: another program holds the write lock past the busy
timeout, the disk is full, the file was moved or became read-only. Every write a screen makes
goes through a method wrapped in `saves`: the error becomes a notification saying the answer
was *not* saved and why, and the screen is redrawn from the session, whose state changes only
after a commit. What was committed before is untouched (each answer is its own transaction).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from quizapp.store.errors import StoreError

WRITE_ERRORS = (sqlite3.Error, StoreError, OSError)
F = TypeVar("F", bound=Callable[..., Any])


def not_saved_message(error: BaseException) -> str:
    """Why the write failed, in the learner's words, and what they can do."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        reason = "another program (another quizapp?) is writing to your progress file"
    elif "full" in text or "no space" in text:
        reason = "the disk is full"
    elif "readonly" in text or "read-only" in text:
        reason = "the progress file has become read-only"
    else:
        reason = str(error) or type(error).__name__
    return (
        f"Not saved: {reason}. It is still on screen: try again, or quit with ctrl+q. "
        "Everything saved before is safe."
    )


def saves(method: F) -> F:
    """Run a screen method that writes; a failed write is shown, never raised.

    After a failure the screen's `after_failed_write()` (if any) redraws it from the
    session, so it shows only what is committed."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except WRITE_ERRORS as error:
            message = not_saved_message(error)  # carries paths and SQLite text: not markup
            self.notify(message, title="Not saved", severity="error", timeout=20, markup=False)
            redraw = getattr(self, "after_failed_write", None)
            if redraw is not None:
                redraw()
            return None

    return wrapper  # type: ignore[return-value]
