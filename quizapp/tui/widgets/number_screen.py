"""Asking for one whole number (days, cards) over the current screen; escape cancels."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

T = TypeVar("T")

# absolute, so a dialog subclassed in another folder (home/exam_screen.py) can name it
DIALOG_CSS = Path(__file__).with_name("number_screen.tcss")


class InputDialog(ModalScreen[T]):
    """A box over the current screen asking for one value: enter checks it (`action_done`),
    escape cancels (dismisses with None)."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [DIALOG_CSS]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "OK", show=True, priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)


class NumberScreen(InputDialog[int | None]):
    """Dismisses with the number typed (within `low`..`high`), or None."""

    def __init__(self, text: Content, default: int, low: int, high: int) -> None:
        super().__init__()
        self.text, self.default, self.low, self.high = text, default, low, high

    def compose(self) -> ComposeResult:
        with Vertical(id="number-box", classes="dialog-box"):
            yield Static(self.text)
            yield Input(str(self.default), type="integer", max_length=6, id="number")
            yield Static(id="number-error")
        yield Footer()

    @on(Input.Submitted)
    def action_done(self) -> None:
        text = self.query_one(Input).value
        if not text.isdigit() or not self.low <= int(text) <= self.high:
            self.query_one("#number-error", Static).update(
                Content.styled(f"A whole number from {self.low} to {self.high}", "$error")
            )
            return
        self.dismiss(int(text))
