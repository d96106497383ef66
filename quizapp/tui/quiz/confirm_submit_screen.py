"""Asking before a block is submitted: what is left unanswered and flagged, then yes or no."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from quizapp.plural import plural


def submit_question(unanswered: int, flagged: int, total: int) -> Content:
    """The dialog's text: what submitting now would mean."""
    lines = [Content.styled("Submit this block?", "bold"), Content("")]
    if unanswered:
        lines.append(
            Content.styled(
                f"{unanswered} of {plural(total, 'question')} not answered: "
                + ("it counts as wrong." if unanswered == 1 else "they count as wrong."),
                "$warning",
            )
        )
    else:
        lines.append(
            Content(
                "The question is answered." if total == 1 else f"All {total} questions answered."
            )
        )
    if flagged:
        lines.append(Content(f"{plural(flagged, 'question')} flagged for another look."))
    lines += [Content(""), Content("After submitting, answers can no longer change.")]
    return Content("\n").join(lines)


class ConfirmSubmitScreen(ModalScreen[bool]):
    """Dismisses with True to submit, False to keep answering."""

    DEFAULT_CSS = """
    ConfirmSubmitScreen {
        align: center middle;
        & #confirm-box {
            width: 60;
            height: auto;
            border: round $accent;
            background: $surface;
            padding: 1 2;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Submit", key_display="y"),
        Binding("n,escape", "answer(False)", "Keep answering", key_display="n"),
    ]

    def __init__(self, *, unanswered: int, flagged: int, total: int) -> None:
        super().__init__()
        self.text = submit_question(unanswered, flagged, total)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.text)
        yield Footer()

    def action_answer(self, submit: bool) -> None:
        self.dismiss(submit)
