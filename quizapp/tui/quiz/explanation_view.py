"""A question's answer: the verdict, each option marked, and why every option is right or wrong.

Used after each answer in tutor mode and in the review of a block. Deck text is shown as
`Content` (literal text), never as markup.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quizapp.quiz.items import QuizItem, QuizOption


def verdict(item: QuizItem, chosen: str | None) -> Content:
    """One line: right, wrong (and what was right), or not answered."""
    key = next(o for o in item.options if o.correct)
    key_text = f"{key.label}  {key.text}"
    if chosen is None:
        return Content.assemble(("Not answered. ", "bold $warning"), "Answer: ", (key_text, "bold"))
    if chosen == key.label:
        return Content.assemble(("Correct: ", "bold $success"), (key_text, "bold"))
    picked = next((o.text for o in item.options if o.label == chosen), "")
    return Content.assemble(
        ("Wrong: ", "bold $error"),
        "you chose ",
        (f"{chosen}  {picked}", "bold"),
        "; the answer is ",
        (key_text, "bold $success"),
    )


def marked_option(option: QuizOption, chosen: str | None) -> Content:
    """The option with ✓ for the key and ✗ for a wrong choice."""
    wrong_choice = option.label == chosen and not option.correct
    mark = "✓" if option.correct else ("✗" if wrong_choice else " ")
    style = "bold $success" if option.correct else ("bold $error" if wrong_choice else "")
    suffix = "  (your choice)" if option.label == chosen else ""
    return Content.assemble(
        (f"{mark} {option.label}  ", style), (option.text, style), (suffix, "dim")
    )


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
        widgets = [Static(verdict(item, chosen), classes="verdict")]
        for option in item.options:
            classes = "key" if option.correct else ("wrong" if option.label == chosen else "")
            widgets.append(Static(marked_option(option, chosen), classes=f"option {classes}"))
            widgets.append(Static(Content(option.explanation), classes="explanation"))
        if item.extra:
            widgets.append(Static(Content(item.extra), classes="extra"))
        self.mount_all(widgets)
