"""What every screen needs, handed to the app once: no screen opens files on its own."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from quizapp.errors import QuizappError
from quizapp.paths import Settings
from quizapp.tui.progress_reader import Readers

if TYPE_CHECKING:  # the library pulls in the deck loader: kept off the start-up path
    from quizapp.library import Library


@dataclass
class AppContext:
    """The opened progress file, the loaded decks and the clock (fixed in tests)."""

    settings: Settings
    conn: sqlite3.Connection
    library: Library
    clock: Callable[[], datetime]
    first_run: bool = False
    readers: Readers = field(default_factory=Readers)  # workers' connections, stopped on exit


class ContextError(QuizappError):
    """The context could not be built (e.g. the progress file failed during sync).

    The app shows its message as one line on exit, without a traceback.
    """
