"""The answer side: the key, the learner's choice, and why every option is right or wrong.

One widget for a studied card (after it is revealed) and a quiz item (after each answer in
tutor mode, and in a block's review). Deck text is shown as `Content` (literal text), never
as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quizapp.generate.card import Card


class ShownOption(Protocol):
    """An answer option as screens show it: a study card's or a quiz item's."""

    @property
    def label(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def correct(self) -> bool: ...


class ExplainedOption(ShownOption, Protocol):
    """An option with the reason it is right or wrong."""

    @property
    def explanation(self) -> str: ...


OptionT = TypeVar("OptionT", bound=ShownOption)


def verdict(options: Sequence[ShownOption], chosen: str | None, answer: str = "") -> Content:
    """One line: right, wrong (and what was right), or not answered."""
    key = next((o for o in options if o.correct), None)
    key_text = f"{key.label}  {key.text}" if key else answer
    if chosen is None:
        return Content.assemble(("Not answered. ", "bold $warning"), "Answer: ", (key_text, "bold"))
    if key is not None and chosen == key.label:
        return Content.assemble(("Correct: ", "bold $success"), (key_text, "bold"))
    picked = next((o for o in options if o.label == chosen), None)
    return Content.assemble(
        ("Wrong: ", "bold $error"),
        "you chose ",
        (f"{chosen}  {picked.text if picked else ''}", "bold"),
        "; the answer is ",
        (key_text, "bold $success"),
    )


def reading_order(options: Sequence[OptionT], chosen: str | None) -> list[OptionT]:
    """The learner's choice first, then the key, then the others: what they chose and why
    it is right or wrong sits just under the verdict, in view on a small terminal."""
    return sorted(options, key=lambda o: (o.label != chosen, not o.correct))


def option_line(option: ShownOption, chosen: str | None) -> Content:
    """The option with ✓ for the key and ✗ for a wrong choice."""
    mark = "✓" if option.correct else ("✗" if option.label == chosen else " ")
    style = "bold $success" if option.correct else ("bold $error" if option.label == chosen else "")
    suffix = "  (your choice)" if option.label == chosen else ""
    return Content.assemble(
        (f"{mark} {option.label}  ", style), (option.text, style), (suffix, "dim")
    )


class AnswerView(Vertical):
    """The answer's lines; each option's explanation sits indented under it.

    The lines are kept and relabelled from card to card (the surplus hidden), not mounted
    and removed: new widgets would cost their layout on each reveal, and Textual keeps
    each removed widget's render cache alive (an lru_cache holds it), which grows the heap
    every full collection walks."""

    DEFAULT_CSS = """
    AnswerView {
        height: auto;
        padding: 0 1;
        & > .answer-text { text-style: bold; margin-bottom: 1; }
        & > .verdict { margin-bottom: 1; }
        & > .option { }
        & > .explanation { padding-left: 5; margin-bottom: 1; color: $text-muted; }
        & > .option-chosen-wrong { background: $error 15%; }
        & > .option-correct { background: $success 15%; }
        & > .extra { margin-top: 1; color: $text-muted; }
    }
    """

    def show(self, card: Card, chosen: str | None) -> None:
        """Show the answer of a studied card: its options explained, or its answer text."""
        if card.options:
            self.show_options(card.options, chosen, card.extra, card.answer)
            return
        lines = [(Content(card.answer), "answer-text")]
        if card.extra:
            lines.append((Content(card.extra), "extra"))
        self._show_lines(lines)

    def show_options(
        self,
        options: Sequence[ExplainedOption],
        chosen: str | None,
        extra: str | None = None,
        answer: str = "",
    ) -> None:
        """Show the verdict, then each option with its explanation: the learner's choice
        first, then the key, then the others, so what they chose and why it is right or
        wrong sits just under the question."""
        lines = [(verdict(options, chosen, answer), "verdict")]
        for option in reading_order(options, chosen):
            classes = "option"
            if option.correct:
                classes += " option-correct"
            elif option.label == chosen:
                classes += " option-chosen-wrong"
            if option.label == chosen or (chosen is None and option.correct):
                classes += " first-read"  # what the screen keeps in view on reveal
            lines.append((option_line(option, chosen), classes))
            lines.append((Content(option.explanation), "explanation"))
        if extra:
            lines.append((Content(extra), "extra"))
        self._show_lines(lines)

    def _show_lines(self, lines: list[tuple[Content, str]]) -> None:
        """Relabel the kept lines, hide (and empty) the surplus, mount only what is missing."""
        kept = list(self.query_children(Static))
        for widget, (content, classes) in zip(kept, lines, strict=False):
            widget.update(content)
            widget.set_classes(classes)
            widget.display = True
        for widget in kept[len(lines) :]:
            if widget.display:
                widget.update(Content())
                widget.set_classes("")
                widget.display = False
        missing = lines[len(kept) :]
        if missing:
            self.mount_all(Static(content, classes=classes) for content, classes in missing)

    def first_read(self) -> tuple[int, int] | None:
        """Where, in this view, the learner's choice (or the key when there was none) ends,
        and where its explanation ends; None on a card without options."""
        lines = [w for w in self.children if w.has_class("first-read")]
        if not lines:
            return None
        explanation = self.children[self.children.index(lines[0]) + 1]
        return lines[0].virtual_region.bottom, explanation.virtual_region.bottom
