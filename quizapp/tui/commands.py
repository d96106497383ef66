"""The command palette's entries: every screen, every deck to study, the theme switch."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from quizapp.tui.base import WorkspaceApp

SCREENS = [  # (name, what it opens, the app's action)
    ("Home", "The decks and today's counts", "home"),
    ("Study all decks", "Today's cards from every deck", "study"),
    ("Custom study", "A topic, a kind, flagged cards; or cram", "custom_study"),
    ("Quiz", "Build a self-assessment block", "quiz"),
    ("Statistics", "Forecast, heatmap, retention, topics", "statistics"),
    ("Browse cards", "Search cards by text, topic or kind", "browse"),
    ("Settings", "Daily limits, retention, card kinds, theme", "settings"),
    ("Help", "The keys of this screen", "help"),
    ("Toggle light/dark theme", "Switch between the light and dark theme", "toggle_dark"),
]


class ScreenCommands(Provider):
    """Open any screen from anywhere (ctrl+p), as Posting and Harlequin do: each entry
    runs one of the app's actions, as a key binding would."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Awaitable[bool]]]]:
        app = self.app
        commands: list[tuple[str, str, Callable[[], Awaitable[bool]]]] = [
            (name, text, partial(app.run_action, action)) for name, text, action in SCREENS
        ]
        if isinstance(app, WorkspaceApp) and app.has_workspace:
            for deck_id, deck in app.workspace.library.decks.items():
                commands.append(
                    (
                        f"Study {deck.title}",
                        f"Today's cards from deck {deck_id}",
                        partial(app.run_action, f"study({deck_id!r})"),
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, _highlight(matcher, query, name), callback, text=name, help=help_text
                )


def _highlight(matcher: Matcher, query: str, name: str) -> Content:
    """Like `Matcher.highlight`, which parses the name as markup: a deck title is text."""
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
