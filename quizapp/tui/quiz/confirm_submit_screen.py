"""Asking before a block is submitted: what is left unanswered and flagged, then yes or no."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from quizapp.plural import plural
from quizapp.tui.widgets.confirm_screen import ConfirmScreen


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


class ConfirmSubmitScreen(ConfirmScreen):
    """Dismisses with True to submit, False to keep answering."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Submit", key_display="y"),
        Binding("n,escape", "answer(False)", "Keep answering", key_display="n"),
    ]

    def __init__(self, *, unanswered: int, flagged: int, total: int) -> None:
        super().__init__(submit_question(unanswered, flagged, total))
