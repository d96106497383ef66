"""The DECK argument of the commands that read decks: a file or folder, or a deck's name.

A deck that is not there is bad input like any other: one line on stderr naming the decks
there are, and exit status 1 (`quizapp.cli`), not click's usage error and status 2.
"""

from __future__ import annotations

from pathlib import Path

import click

from quizapp.errors import QuizappError
from quizapp.paths import Settings, bundled_decks_dir


class DeckArg(click.ParamType):
    """A deck file or folder, or (`names`) the name of a deck in the decks folder (by
    default the bundled decks, so `export anki iim` works from any folder, as after a pipx
    install). `deck upgrade` takes paths only: it must never rewrite a bundled deck."""

    name = "deck"

    def __init__(self, *, names: bool = True) -> None:
        self.names = names

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Path:
        path = Path(str(value))
        if path.exists():
            return path
        if not self.names or path.name != str(value):  # a path, with folders: not a name
            # quoted as repr quotes it: a control character in the name shows as text
            raise QuizappError(f"no such deck file or folder: {str(value)!r}.")
        settings = ctx.find_object(Settings) if ctx is not None else None
        folder = settings.decks_dir if settings is not None else bundled_decks_dir()
        named = folder / path.name
        if named.is_dir():
            return named
        names = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
        known = f" (the decks there: {', '.join(names)})" if names else ""
        raise QuizappError(f"{value!r} is neither a path nor a deck in {folder}{known}.")
