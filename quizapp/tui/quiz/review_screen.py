"""Reviewing a submitted block: each question as it was shown, the learner's answer, the key,
and the explanation of every option."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Static

from quizapp.quiz.session import Block, load_block
from quizapp.tui.base import QuizappScreen
from quizapp.tui.widgets.answer_view import AnswerView
from quizapp.tui.widgets.fold import QuestionArea


class QuizReviewScreen(QuizappScreen[None]):
    """One question at a time; ← → move, w jumps to the next wrong or omitted one."""

    CSS_PATH = "review_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n", "move(1)", "Move", key_display="←→"),
        Binding("left,p", "move(-1)", "Previous", show=False),
        Binding("w", "next_wrong", "Next wrong"),
        # the body scrolls itself (pgup, home, end and ↑↓ too; help lists them): shown here
        Binding("pagedown", "page", "Scroll", key_display="pgdn", priority=True),
        Binding("escape", "back", "Back"),
    ]

    position: reactive[int] = reactive(0, init=False)

    def __init__(self, block_id: int, position: int = 0) -> None:
        super().__init__()
        self.block_id = block_id
        self.start = position
        self.block: Block | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="review-status")
        with QuestionArea(id="review-body"):
            yield Static(id="review-prompt")
            yield AnswerView()
        yield Footer()

    def on_mount(self) -> None:
        self.block = load_block(self.workspace.conn, self.block_id)
        self.position = max(0, min(self.start, len(self.block.items) - 1))
        self.watch_position()
        area = self.query_one(QuestionArea)
        self.watch(area, "virtual_size", self._keep_choice_in_view, init=False)
        area.focus()

    def watch_position(self) -> None:
        assert self.block is not None
        state = self.block.items[self.position]
        result = "omitted" if not state.answered else ("right" if state.correct else "wrong")
        style = "$success" if state.correct else ("$warning" if not state.answered else "$error")
        self.query_one("#review-status", Static).update(
            Content.assemble(
                f"Review · question {self.position + 1} of {len(self.block.items)} · ",
                (result, f"bold {style}"),
                f" · {state.seconds:.0f} s",
                (" · ⚑ flagged" if state.flagged else "", "$warning"),
                " · ",
                Content(self.workspace.topic_label(state.item.deck, state.item.topic)),
            )
        )
        self.query_one("#review-prompt", Static).update(Content(state.item.prompt))
        self.query_one(AnswerView).show_options(state.item.options, state.chosen, state.item.extra)
        area = self.query_one(QuestionArea)
        area.remove_class("-tight")
        area.scroll_home(animate=False)
        self.call_after_refresh(self._keep_choice_in_view)

    def _keep_choice_in_view(self) -> None:
        """The verdict and the learner's choice in view, with the lead-in where they fit
        (as study and a tutor block do after an answer)."""
        assert self.block is not None
        self.query_one(QuestionArea).keep_answer_in_view(
            self.query_one(AnswerView),
            self.query_one("#review-prompt"),
            self.block.items[self.position].item.prompt,
        )

    def action_page(self) -> None:
        self.query_one(QuestionArea).scroll_page_down(animate=False)

    def action_move(self, step: int) -> None:
        assert self.block is not None
        self.position = max(0, min(self.position + step, len(self.block.items) - 1))

    def action_next_wrong(self) -> None:
        assert self.block is not None
        n = len(self.block.items)
        for step in range(1, n + 1):
            i = (self.position + step) % n
            if not self.block.items[i].correct:
                self.position = i
                return
        self.notify("Every question was answered correctly.")

    def action_back(self) -> None:
        self.dismiss()
