"""The keys of the screen the learner is on, read from its own BINDINGS (and the app's),
so help never lists another screen's keys and never goes stale."""

from __future__ import annotations

import re
import textwrap
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from quizapp.tui.base import QuizappScreen

WIDGET_KEYS = {  # keys a screen's widgets handle rather than its bindings, by screen class
    "HomeScreen": [("↑ ↓", "Highlight a deck"), ("enter", "Study the highlighted deck")],
    "StudyScreen": [
        ("↑ ↓ enter", "Choose an option (multiple choice)"),
        ("pgup pgdn", "Scroll a long card or explanation"),
    ],
    "QuizQuestionScreen": [("pgup pgdn", "Scroll a long question or explanation")],
    "QuizReviewScreen": [("pgup pgdn", "Scroll a long question or explanation")],
    "BrowseScreen": [("tab", "Move between search, filters and the list")],
    "QuizBuilderScreen": [
        ("tab", "Move between decks, topics, pool, mode, size and your blocks"),
        ("space", "Tick or untick the highlighted deck or topic"),
        ("enter", "In your blocks: resume an open one, see results of a done one"),
    ],
    "QuizResultsScreen": [("enter", "Review the highlighted question")],
}
TEXT_WIDTH = 58  # inside the box (help_screen.tcss: width 64, border, padding, scrollbar)
EVERYWHERE = [("^p", "Command palette: every screen and deck")]


def screen_name(screen: Screen) -> str:
    """'QuizBuilderScreen' -> 'Quiz builder': the heading of its keys."""
    words = re.findall(r"[A-Z][a-z]*", type(screen).__name__.removesuffix("Screen"))
    return " ".join(words).capitalize() or "This screen"


def binding_rows(bindings: list[BindingType], key_display) -> list[tuple[str, str]]:
    """(key, what it does) for each binding with a description."""
    return [
        (key_display(binding), binding.tooltip or binding.description)
        for key_bindings in BindingsMap(bindings).key_to_bindings.values()
        for binding in key_bindings
        if binding.description
    ]


def merged(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One row per thing to do, with all its keys ("s, enter  Study the highlighted deck")."""
    keys_for: dict[str, list[str]] = {}
    for key, description in rows:
        keys = keys_for.setdefault(description, [])
        if key not in keys:
            keys.append(key)
    return [(", ".join(keys), description) for description, keys in keys_for.items()]


class HelpScreen(ModalScreen[None]):
    """The keys of `screen` (the one under help), then the keys that work everywhere;
    esc, q or ? closes it."""

    CSS_PATH = "help_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._keys_text(), id="help-keys")
        yield Footer()

    def _sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        screen = self.for_screen
        app_display = self.app.get_key_display

        def display(binding: Binding) -> str:
            own = screen.key_display(binding) if isinstance(screen, QuizappScreen) else None
            return own or app_display(binding)

        own = binding_rows(list(type(screen).BINDINGS), display)
        own += WIDGET_KEYS.get(type(screen).__name__, [])
        everywhere = binding_rows(list(type(self.app).BINDINGS), display) + EVERYWHERE
        return [(screen_name(screen), merged(own)), ("Everywhere", merged(everywhere))]

    def _keys_text(self) -> Content:
        lines: list[Content] = [Content.styled("Keys", "bold")]
        for heading, rows in self._sections():
            if not rows:
                continue
            lines.append(Content(""))
            lines.append(Content.styled(heading, "bold $accent"))
            width = max(14, *(len(keys) + 1 for keys, _ in rows))
            room = max(20, TEXT_WIDTH - 2 - width)
            for keys, description in rows:
                first, *more = textwrap.wrap(description, room) or [""]
                lines.append(Content.assemble((f"  {keys:<{width}}", "bold"), first))
                # continuation lines under the description, not under the keys
                lines += [Content(" " * (2 + width) + line) for line in more]
        return Content("\n").join(lines)
