"""Setting a deck's exam date from home: a date as YYYY-MM-DD, or empty for no exam."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from quizapp.srs.exam import parse_exam_date
from quizapp.tui.widgets.number_screen import DIALOG_CSS, InputDialog


class ExamDateScreen(InputDialog[tuple[date | None] | None]):
    """Dismisses with (the date,) — (None,) for no exam — or None when cancelled.

    The date is checked here (its form, not before `today`); the caller stores it."""

    # the dialog's rules, then these over them
    CSS_PATH: ClassVar[list[str | PurePath]] = [DIALOG_CSS, "exam_screen.tcss"]

    def __init__(self, title: str, current: date | None, today: date) -> None:
        super().__init__()
        self.deck_title, self.current, self.today = title, current, today

    def compose(self) -> ComposeResult:
        with Vertical(id="exam-box", classes="dialog-box"):
            yield Static(
                Content.assemble(
                    ("Exam date for ", "bold"),
                    (self.deck_title, "bold"),
                    "\nYYYY-MM-DD; empty for no exam. New cards are paced to come in "
                    "time and no review interval passes the exam below your desired "
                    "retention.",
                )  # fmt: skip
            )
            current = self.current.isoformat() if self.current else ""
            yield Input(current, placeholder="YYYY-MM-DD", max_length=10, id="exam-date")
            yield Static(id="exam-error")
        yield Footer()

    @on(Input.Submitted)
    def action_done(self) -> None:
        text = self.query_one(Input).value.strip()
        try:
            when = parse_exam_date(text) if text else None
            if when is not None and when < self.today:
                raise ValueError(f"The exam date must be today ({self.today}) or later")
        except ValueError as exc:
            self.query_one("#exam-error", Static).update(Content.styled(str(exc), "$error"))
            return
        self.dismiss((when,))
