"""Answering a block: one question at a time, options a-e, flag, strike-out, move, pause, submit.

Every key that changes the block goes straight to `BlockSession`, which commits it before
the screen redraws; pausing (escape) or quitting the app at any moment loses at most the
seconds since the last save (every few seconds). In timed mode the clock counts down
and the block is submitted when it runs out; in tutor mode each answer shows its
explanation at once and is final.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Static

from quizapp.quiz.session import BlockSession, ItemState
from quizapp.tui.base import QuizappScreen
from quizapp.tui.quiz.clock_text import clock_text
from quizapp.tui.quiz.confirm_submit_screen import ConfirmSubmitScreen
from quizapp.tui.widgets.answer_view import AnswerView
from quizapp.tui.write_errors import saves

SAVE_EVERY_TICKS = 5  # seconds between saves of the time spent on the question on screen
LETTERS = "abcde"


def question_map(items: tuple[ItemState, ...], position: int, width: int = 76) -> Content:
    """One character per question (● answered, ○ not, ⚑ flagged), the current one reversed;
    a long block shows the window around the current question."""
    start = max(0, min(position - width // 2, len(items) - width))
    parts: list[tuple[str, str] | str] = []
    for i, state in enumerate(items[start : start + width], start):
        char = "⚑" if state.flagged else ("●" if state.answered else "○")
        style = "$warning" if state.flagged else ("$accent" if state.answered else "$text-muted")
        parts.append((char, f"{style} reverse" if i == position else style))
    return Content.assemble(*parts)


def option_line(label: str, text: str, *, chosen: bool, struck: bool) -> Content:
    style = "strike $text-muted" if struck else ("bold" if chosen else "")
    mark = "▶ " if chosen else "  "
    return Content.assemble((f"{mark}{label}  ", "bold"), (text, style))


class QuizQuestionScreen(QuizappScreen[bool]):
    """The block being taken; built from the saved block, so it is also how a block resumes.

    Dismisses with True once the block is submitted (whoever opened it shows the results),
    False when paused."""

    CSS_PATH = "question_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "choose('A')", "Answer", key_display="a-e", tooltip="Answer with option A-E"),
        *(Binding(k, f"choose('{k.upper()}')", show=False) for k in LETTERS[1:]),
        Binding("x", "strike_mode", "Strike", tooltip="Strike an option out: x, then its letter"),
        Binding("f", "flag", "Flag", tooltip="Flag or unflag this question"),
        Binding("right,n", "move(1)", "Move", key_display="←→", tooltip="Next question"),
        Binding("left,p", "move(-1)", "Previous", show=False, tooltip="Previous question"),
        Binding("s", "submit", "Submit", tooltip="Submit the block (asks first)"),
        Binding("escape", "pause", "Pause", tooltip="Pause: resume it later from the quiz builder"),
    ]

    striking: reactive[bool] = reactive(False)

    def __init__(self, block_id: int) -> None:
        super().__init__()
        self.block_id = block_id
        self.session: BlockSession | None = None
        self._ticks = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="quiz-top"):
            yield Static(id="quiz-status")
            yield Static(id="quiz-timer")
        yield Static(id="quiz-map")
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-prompt")
            yield Vertical(id="quiz-options")
            yield AnswerView(id="quiz-explanation")
        yield Static(id="quiz-hint")
        yield Footer()

    def on_mount(self) -> None:
        workspace = self.workspace
        self.session = BlockSession(workspace.conn, self.block_id, workspace.clock)
        self.session.start()
        self.show_question()
        self.query_one("#quiz-body").focus()
        if self.session.block.timed:
            self.set_interval(1.0, self._tick)

    @saves
    def on_unmount(self) -> None:
        if self.session is not None and not self.session.block.submitted:
            self.session.pause()

    # --- showing ---------------------------------------------------------------------------

    def show_question(self) -> None:
        """Redraw everything from the session: what is shown is always what is saved."""
        assert self.session is not None
        session, block = self.session, self.session.block
        state = session.current
        flags = sum(s.flagged for s in block.items)
        status = (
            f"Question {block.position + 1} of {len(block.items)} · {block.mode} · "
            f"{block.answered} answered" + (f" · {flags} flagged" if flags else "")
        )
        self.query_one("#quiz-status", Static).update(
            Content.assemble(status, (" · ⚑ flagged" if state.flagged else "", "bold $warning"))
        )
        self.query_one("#quiz-map", Static).update(question_map(block.items, block.position))
        self.query_one("#quiz-prompt", Static).update(Content(state.item.prompt))
        options = self.query_one("#quiz-options", Vertical)
        options.remove_children()
        explained = session.locked(state) and not block.timed
        options.display = not explained
        if not explained:
            options.mount_all(
                Static(
                    option_line(
                        o.label,
                        o.text,
                        chosen=o.label == state.chosen,
                        struck=o.label in state.struck,
                    ),
                    classes="quiz-option -chosen" if o.label == state.chosen else "quiz-option",
                )
                for o in state.item.options
            )
        explanation = self.query_one(AnswerView)
        explanation.display = explained
        if explained:
            explanation.show_options(state.item.options, state.chosen, state.item.extra)
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self._show_timer()
        self._show_hint()

    def _show_timer(self) -> None:
        assert self.session is not None
        timer = self.query_one("#quiz-timer", Static)
        remaining = self.session.remaining_seconds()
        if remaining is None:
            timer.update("")
            return
        timer.update(f"Time left {clock_text(remaining)}")
        timer.set_class(remaining < 60, "-low")

    def _show_hint(self) -> None:
        assert self.session is not None
        if self.striking:
            hint = "Strike out which option? Press a-e (x again to cancel)."
        elif self.session.locked() and not self.session.block.timed:
            hint = "Answered: read why each option is right or wrong, then → for the next."
        else:
            hint = "Press a-e to answer; x then a letter strikes an option out."
        self.query_one("#quiz-hint", Static).update(hint)

    def watch_striking(self) -> None:
        if self.session is not None:
            self._show_hint()

    @saves
    def _tick(self) -> None:
        assert self.session is not None
        if self.session.block.submitted:
            return
        self._ticks += 1
        if self._ticks % SAVE_EVERY_TICKS == 0:
            self.session.save_time()
        if self.session.time_is_up():
            self.notify("Time is up: the block was submitted.", severity="warning")
            self._finish()
            return
        self._show_timer()

    # --- actions ---------------------------------------------------------------------------

    def after_failed_write(self) -> None:
        """Show what is saved: the session changes only after a commit."""
        self.show_question()

    @saves
    def action_choose(self, label: str) -> None:
        assert self.session is not None
        if label not in self.session.current.item.labels:
            return
        if self.striking:
            self.striking = False
            if not self.session.toggle_strike(label):
                self.notify("Your chosen option cannot be struck out.", severity="warning")
        elif not self.session.answer(label):
            self.notify("Answered already (tutor mode): → for the next question.")
        self.show_question()

    def action_strike_mode(self) -> None:
        assert self.session is not None
        if self.session.locked() and not self.session.block.timed:
            return
        self.striking = not self.striking

    @saves
    def action_flag(self) -> None:
        assert self.session is not None
        self.session.toggle_flag()
        self.show_question()

    @saves
    def action_move(self, step: int) -> None:
        assert self.session is not None
        self.striking = False
        self.session.go(self.session.position + step)
        self.show_question()

    @saves
    def action_pause(self) -> None:
        """Save and leave; the builder lists the block to resume."""
        assert self.session is not None
        self.session.pause()
        self.notify("Paused: resume the block from the quiz builder.")
        self.dismiss(False)

    @saves
    def action_submit(self) -> None:
        assert self.session is not None
        block = self.session.block
        self.session.save_time()
        self.app.push_screen(
            ConfirmSubmitScreen(
                unanswered=len(block.items) - block.answered,
                flagged=sum(s.flagged for s in block.items),
                total=len(block.items),
            ),
            self._confirmed,
        )

    def _confirmed(self, submit: bool | None) -> None:
        if submit:
            self._finish()

    @saves
    def _finish(self) -> None:
        assert self.session is not None
        self.session.submit()
        self.dismiss(True)
