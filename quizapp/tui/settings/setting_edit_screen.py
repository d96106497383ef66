"""Typing a new value for one setting, checked as `quizapp config set` checks it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static


class SettingEditScreen(ModalScreen[tuple[Any] | None]):
    """Dismisses with (value,) once `check` accepts the text, or None on escape.

    `check` turns the text into the value to store, raising ValueError with the reason
    (shown under the input) when the text is not allowed.
    """

    CSS_PATH = "setting_edit_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, text: Content, value: str, check: Callable[[str], Any]) -> None:
        super().__init__()
        self.text, self.value, self.check = text, value, check

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box"):
            yield Static(self.text)
            yield Input(self.value, id="edit-value")
            yield Static(id="edit-error", markup=False)
        yield Footer()

    @on(Input.Submitted)
    def action_done(self) -> None:
        try:
            value = self.check(self.query_one(Input).value)
        except ValueError as error:
            self.query_one("#edit-error", Static).update(str(error))
            return
        self.dismiss((value,))

    def action_cancel(self) -> None:
        self.dismiss(None)
