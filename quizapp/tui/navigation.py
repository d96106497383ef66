"""Requests to open a screen, posted by a screen and handled by the app, which owns
navigation (every screen opens on top of home, so escape always leads back).

A screen asks for another by one of these messages (or an `app.*` action in its
bindings) instead of calling the app or importing the other screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from quizapp.srs.session import StudySession
    from quizapp.workspace import Workspace


class StudyRequested(Message):
    """Study today's cards of one deck, or of every deck when `deck_id` is None."""

    def __init__(self, deck_id: str | None) -> None:
        super().__init__()
        self.deck_id = deck_id


class CustomStudyRequested(Message):
    """Custom study, starting from `deck_id` (all decks when None)."""

    def __init__(self, deck_id: str | None) -> None:
        super().__init__()
        self.deck_id = deck_id


class SessionRequested(Message):
    """Study a session of its own (custom study's scoped or cram session), on top of the
    screen that asked, titled `title`."""

    def __init__(
        self, deck_ids: list[str], title: str, make_session: Callable[[Workspace], StudySession]
    ) -> None:
        super().__init__()
        self.deck_ids, self.title, self.make_session = deck_ids, title, make_session


class HomeReady(Message):
    """Home shows the decks (the end of the start-up benchmark)."""


class StudyScreenReady(Message):
    """The study screen is built and shows its first card (once per screen: the app
    keeps one and reuses it)."""
