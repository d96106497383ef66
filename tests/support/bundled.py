"""A decks folder holding only the bundled IIM deck, for tests that pin its cards and screens.

decks/ ships more than one deck; the app tests and snapshots were written against the IIM
deck alone, so they study a copy of it in a folder of its own (removed at exit)."""

import atexit
import shutil
import tempfile
from pathlib import Path

from tests.support.paths import DECKS


def iim_only_folder() -> Path:
    """A fresh folder `decks/` with a copy of decks/iim in it."""
    root = Path(tempfile.mkdtemp(prefix="quizapp-iim-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    folder = root / "decks"
    shutil.copytree(DECKS / "iim", folder / "iim")
    return folder


IIM_ONLY = iim_only_folder()  # one copy for the session's app tests, which only read it
