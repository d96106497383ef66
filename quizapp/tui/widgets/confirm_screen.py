"""A yes-or-no question over the current screen, before something that cannot be taken back."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True for y (or enter), False for n (or escape)."""

    # absolute: its subclass in quiz/ (ConfirmSubmitScreen) inherits it and loads this file
    CSS_PATH = Path(__file__).with_name("confirm_screen.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", key_display="y"),
        Binding("n,escape", "answer(False)", "No", key_display="n"),
    ]

    def __init__(self, text: Content) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.text)
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
