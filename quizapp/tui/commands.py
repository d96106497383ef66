"""The command palette's entries: every screen, every deck to study, the theme switch."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp


class ScreenCommands(Provider):
    """Open any screen from anywhere (ctrl+p), as Posting and Harlequin do."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: QuizApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Home", "The decks and today's counts", app.action_home),
            ("Study all decks", "Today's cards from every deck", app.action_study),
            ("Custom study", "A topic, a kind, flagged cards; or cram", app.action_custom_study),
            ("Quiz", "Build a self-assessment block", app.action_quiz),
            ("Statistics", "Forecast, heatmap, retention, topics", app.action_statistics),
            ("Browse cards", "Search cards by text, topic or kind", app.action_browse),
            ("Help", "The keys of this screen", app.action_help),
            (
                "Toggle light/dark theme",
                "Switch between the light and dark theme",
                app.action_toggle_dark,
            ),
        ]
        if app.has_context:
            for deck_id, deck in app.context.library.decks.items():
                commands.append(
                    (
                        f"Study {deck.title}",
                        f"Today's cards from deck {deck_id}",
                        partial(app.action_study, deck_id),
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
