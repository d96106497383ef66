"""The first frame: shown at once while the decks load, generate and sync in a worker."""

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static


class LoadingScreen(Screen[None]):
    """Something to look at (and ctrl+q to leave) while the library is being prepared."""

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static("quizapp", id="loading-title")
            yield Static("Loading your decks…", id="loading-message")
            yield LoadingIndicator()
        yield Footer()
