"""What every screen needs, handed to the app once: no screen opens files on its own."""

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from quizapp.library import Library
from quizapp.paths import Settings


@dataclass
class AppContext:
    """The opened progress file, the loaded decks and the clock (fixed in tests)."""

    settings: Settings
    conn: sqlite3.Connection
    library: Library
    clock: Callable[[], datetime]
    first_run: bool = False
