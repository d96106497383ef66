"""What every screen and command needs, built once: no screen opens files on its own."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from quizapp.errors import QuizappError
from quizapp.paths import Settings
from quizapp.workspace.readers import Readers

if TYPE_CHECKING:  # the library pulls in the deck loader: kept off the start-up path
    from quizapp.library import Library


@dataclass
class Workspace:
    """The opened progress file, the loaded decks and the clock (fixed in tests)."""

    settings: Settings
    conn: sqlite3.Connection
    library: Library
    clock: Callable[[], datetime]
    first_run: bool = False
    readers: Readers = field(default_factory=Readers)  # workers' connections, stopped on exit

    def reader(self) -> AbstractContextManager[sqlite3.Connection]:
        """A connection of a worker's own on the progress file, closed after."""
        return self.readers.open(self.settings.db_path)

    def topic_title(self, deck_id: str, topic_id: str) -> str:
        """A topic's title as its deck names it."""
        return self.library.topic_title(deck_id, topic_id)

    def topic_label(self, deck_id: str, topic_id: str) -> str:
        """The title, with its deck's when another deck has a topic of that title."""
        return self.library.topic_label(deck_id, topic_id)


class ContextError(QuizappError):
    """The context could not be built (e.g. the progress file failed during sync).

    The app shows its message as one line on exit, without a traceback.
    """
