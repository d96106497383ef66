"""Deck folders for tests: copies of real deck files in a folder of their own.

decks/ ships more than one deck; the app tests and snapshots were written against the IIM
deck alone, so they study a copy of it in a folder of its own (removed at exit)."""

import atexit
import shutil
import tempfile
from pathlib import Path

from tests.support.paths import DECKS


def deck_folder(parent: Path, *decks: Path) -> Path:
    """A new folder `decks/` in `parent` with a copy of each deck file, as a learner's
    decks folder (the tests may then add, break or remove files in it)."""
    folder = parent / "decks"
    folder.mkdir()
    for deck in decks:
        shutil.copy(deck, folder / deck.name)
    return folder


def iim_only_folder() -> Path:
    """A fresh folder `decks/` with a copy of decks/iim in it."""
    root = Path(tempfile.mkdtemp(prefix="quizapp-iim-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    folder = root / "decks"
    shutil.copytree(DECKS / "iim", folder / "iim")
    return folder


IIM_ONLY = iim_only_folder()  # one copy for the session's app tests, which only read it
