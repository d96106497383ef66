"""Where quizapp keeps things: the progress file and the bundled decks."""

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import platformdirs

APP_NAME = "quizapp"


def default_db_path() -> Path:
    """The progress file in the user's data directory (created on first use)."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "progress.sqlite3"


def bundled_decks_dir() -> Path:
    """The decks that ship inside the package, so a `pipx install` user has them too."""
    return Path(str(files(APP_NAME) / "decks"))


@dataclass(frozen=True)
class Settings:
    """What every command needs to know, resolved once from options and environment."""

    db_path: Path
    decks_dir: Path
