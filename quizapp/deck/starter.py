"""`quizapp new`: a commented, valid starter deck written into a new folder.

The starter's files live in quizapp/starter/ as real YAML (so tests validate and lint
them as they are); only the deck id, title, schema path and folder name are filled in.
"""

import json
import re
import shlex
from importlib.resources import files
from pathlib import Path

from quizapp.errors import QuizappError
from quizapp.output import replace_atomically
from quizapp.paths import bundled_decks_dir

FILES = ("deck.yaml", "sources.yaml", "schema.yaml", "facts.yaml", "study.yaml", "blueprints.yaml")


class StarterError(QuizappError):
    """A folder the starter deck may not be written into; the message says why."""


def deck_id_for(folder: Path) -> str:
    """A valid deck id from the folder's name ("My Thyroid deck" -> "my-thyroid-deck")."""
    words = re.sub(r"[^a-z0-9_-]+", "-", folder.name.lower()).strip("-_")
    return words if words and words[0].isalnum() else "my-deck"


def title_for(folder: Path) -> str:
    words = re.sub(r"[-_\s]+", " ", folder.name).strip()
    words = "".join(c for c in words if c.isprintable())
    return (words[:1].upper() + words[1:]) if words else "My deck"


def _shown(folder: Path) -> str:
    """The folder as a shell argument for the comments (a name that cannot sit in a YAML
    comment, such as one holding a line break, is shown as DECK_DIR)."""
    text = str(folder)
    return shlex.quote(text) if text.isprintable() else "DECK_DIR"


def check_target(folder: Path) -> None:
    """Refuse anything but a new folder in an existing one, or an empty existing folder."""
    if folder.is_symlink():
        raise StarterError(f"{folder} is a symbolic link; give the folder it points to")
    if folder.exists():
        if not folder.is_dir():
            raise StarterError(f"{folder} exists and is not a folder")
        if any(folder.iterdir()):
            raise StarterError(f"{folder} is not empty; give a new or empty folder")
    elif not folder.parent.is_dir():
        raise StarterError(f"{folder.parent} does not exist; create it first")


def write_starter(folder: Path) -> list[Path]:
    """Write the starter deck into `folder` (new or empty) and return the files written."""
    check_target(folder)
    values = {
        "__SCHEMA__": str((bundled_decks_dir() / "schema.json").resolve()),
        "__DIR__": _shown(folder),
        "__DECK_ID__": deck_id_for(folder),
        "__TITLE__": json.dumps(title_for(folder), ensure_ascii=False),
    }
    folder.mkdir(exist_ok=True)
    written = []
    source = files("quizapp") / "starter"
    for name in FILES:
        text = (source / name).read_text(encoding="utf-8")
        for token, value in values.items():
            text = text.replace(token, value)
        target = folder / name
        replace_atomically(target, text.encode("utf-8"))
        written.append(target)
    return written
