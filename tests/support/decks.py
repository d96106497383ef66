"""Deck folders for tests: copies of real deck files in a folder of their own.

decks/ ships more than one deck; the app tests and snapshots were written against the IIM
deck alone, so they study a copy of it in a folder of its own."""

import atexit
import shutil
import tempfile
from pathlib import Path

from tests.support.paths import DECKS, GENERATE_DATA, SMALL_DECK


def deck_folder(parent: Path, *decks: Path) -> Path:
    """A new folder `decks/` in `parent` with a copy of each deck file, as a learner's
    decks folder (the tests may then add, break or remove files in it)."""
    folder = parent / "decks"
    folder.mkdir()
    for deck in decks:
        shutil.copy(deck, folder / deck.name)
    return folder


def hand_deck(parent: Path) -> Path:
    """The hand-written items' test deck (format2/hand.yaml and its shared file) as a deck
    folder `hand` in `parent`."""
    deck = parent / "hand"
    shutil.copytree(GENERATE_DATA / "format2" / "shared", deck / "shared")
    shutil.copyfile(GENERATE_DATA / "format2" / "hand.yaml", deck / "deck.yaml")
    return deck


def session_folder(*decks: Path) -> Path:
    """A folder `decks/` holding copies of these decks (files or deck folders), made once
    for the test session and removed at exit: for tests that only read it."""
    root = Path(tempfile.mkdtemp(prefix="quizapp-decks-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    folder = root / "decks"
    folder.mkdir()
    for deck in decks:
        copy = shutil.copytree if deck.is_dir() else shutil.copy
        copy(deck, folder / deck.name)
    return folder


IIM_ONLY = session_folder(DECKS / "iim")  # the app tests and snapshots pin the IIM deck
SMALL_ONLY = session_folder(SMALL_DECK)
BOTH_DECKS = session_folder(
    DECKS / "iim", DECKS / "metabolic"
)  # the bundled decks together  # the quiz tests' deck: 78 questions, two topics
SESSION_FOLDERS = (IIM_ONLY, SMALL_ONLY, BOTH_DECKS)  # never changed while the tests run
