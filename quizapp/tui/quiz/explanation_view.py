"""A question's answer: the verdict, each option marked, and why every option is right or wrong.

Used after each answer in tutor mode and in the review of a block. Deck text is shown as
`Content` (literal text), never as markup.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quizapp.quiz.items import QuizItem
from quizapp.tui.widgets.answer_view import option_line, reading_order, verdict


class ExplanationView(Vertical):
    """Rebuilt for each question shown; explanations sit indented under their option."""

    DEFAULT_CSS = """
    ExplanationView {
        height: auto;
        padding: 0 1;
        & > .verdict { margin-bottom: 1; }
        & > .explanation { padding-left: 5; margin-bottom: 1; color: $text-muted; }
        & > .key { background: $success 15%; }
        & > .wrong { background: $error 15%; }
        & > .extra { color: $text-muted; }
    }
    """

    def show(self, item: QuizItem, chosen: str | None) -> None:
        """Replace what is shown with the answer to `item`."""
        self.remove_children()
        widgets = [Static(verdict(item.options, chosen), classes="verdict")]
        for option in reading_order(item.options, chosen):
            classes = "key" if option.correct else ("wrong" if option.label == chosen else "")
            widgets.append(Static(option_line(option, chosen), classes=f"option {classes}"))
            widgets.append(Static(Content(option.explanation), classes="explanation"))
        if item.extra:
            widgets.append(Static(Content(item.extra), classes="extra"))
        self.mount_all(widgets)
