"""Every key of every screen, read from the screens' own BINDINGS so it never goes stale."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

EXTRA_KEYS = {  # keys handled by widgets rather than screen bindings
    "Home": [("↑ ↓", "Highlight a deck"), ("enter", "Study the highlighted deck")],
    "Study": [
        ("↑ ↓ enter", "Choose an option (multiple choice)"),
    ],
    "Browse": [("tab", "Move between search, filters and the list")],
    "Everywhere": [("ctrl+p", "Command palette: every screen and deck"), ("esc", "Back")],
}


def _screens() -> list[tuple[str, list[BindingType]]]:
    from quizapp.tui.app import QuizApp
    from quizapp.tui.browse_screen import BrowseScreen
    from quizapp.tui.home_screen import HomeScreen
    from quizapp.tui.statistics_screen import StatisticsScreen
    from quizapp.tui.study_screen import StudyScreen

    return [
        ("Home", HomeScreen.BINDINGS),
        ("Study", StudyScreen.BINDINGS),
        ("Statistics", StatisticsScreen.BINDINGS),
        ("Browse", BrowseScreen.BINDINGS),
        ("Everywhere", QuizApp.BINDINGS),
    ]


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys; esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._keys_text(), id="help-keys")
        yield Footer()

    def _keys_text(self) -> Content:
        lines: list[Content] = [Content.styled("Keys", "bold")]
        for screen_name, bindings in _screens():
            lines.append(Content(""))
            lines.append(Content.styled(screen_name, "bold $accent"))
            rows = [
                (self.app.get_key_display(b), b.tooltip or b.description)
                for b in bindings
                if isinstance(b, Binding) and b.description
            ]
            rows += EXTRA_KEYS.get(screen_name, [])
            keys_for: dict[str, list[str]] = {}  # one line per action, all its keys
            for key, description in rows:
                keys = keys_for.setdefault(description, [])
                if key not in keys:
                    keys.append(key)
            for description, keys in keys_for.items():
                lines.append(Content.assemble((f"  {', '.join(keys):<14}", "bold"), description))
        return Content("\n").join(lines)
