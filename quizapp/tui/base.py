"""The app as every screen sees it: one typed workspace, reached without knowing the app.

Screens subclass `QuizappScreen` and read `self.workspace`; they never import the app
module (tests/test_layers.py checks there is no import circle), and they navigate by
posting the messages of `quizapp.tui.navigation` or through `app.*` actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.app import App
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.binding import Binding

    from quizapp.workspace import Workspace

ResultType = TypeVar("ResultType")


class WorkspaceApp(App[int]):
    """An app holding a workspace: set at once, or once the decks have loaded."""

    def __init__(self, workspace: Workspace | None = None) -> None:
        super().__init__()
        self._workspace = workspace

    @property
    def has_workspace(self) -> bool:
        """False while the decks are still loading."""
        return self._workspace is not None

    @property
    def workspace(self) -> Workspace:
        """The progress file, decks and clock; set before any screen that needs it exists."""
        if self._workspace is None:
            raise RuntimeError("the decks are still loading")
        return self._workspace

    def get_key_display(self, binding: Binding) -> str:
        """The screen's own display for a key whose meaning follows what it shows (the
        letters of the options on screen), else Textual's."""
        screen = self.screen
        shown = screen.key_display(binding) if isinstance(screen, QuizappScreen) else None
        return shown or super().get_key_display(binding)


class QuizappScreen(Screen[ResultType]):
    """A screen over the workspace."""

    def on_unmount(self) -> None:
        """Let go of the removed widgets' render caches: Textual's
        `StylesCache.get_inner_outer` is an lru_cache on a method, so it keeps the caches
        (and their rendered lines) of up to 1,024 removed widgets alive
        (Textualize/textual#6665), a heap every full collection walks."""
        from textual._styles_cache import StylesCache

        StylesCache.get_inner_outer.cache_clear()

    def key_display(self, binding: Binding) -> str | None:
        """How the footer and help show `binding` now, if that depends on the screen's
        state; None for the binding's own display."""
        return None

    @property
    def workspace(self) -> Workspace:
        app = self.app
        if not isinstance(app, WorkspaceApp):
            raise TypeError(f"{type(self).__name__} runs inside a WorkspaceApp, not {app!r}")
        return app.workspace
