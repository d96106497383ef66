"""Answering a block: one question at a time, options by letter (a-h) or arrows + enter, flag,
strike-out, move, pause, submit.

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
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Static

from quizapp.quiz.session import BlockSession, ItemState
from quizapp.tui.base import QuizappScreen
from quizapp.tui.option_keys import LETTERS, letter_range
from quizapp.tui.quiz.clock_text import clock_text
from quizapp.tui.quiz.confirm_submit_screen import ConfirmSubmitScreen
from quizapp.tui.widgets.answer_view import AnswerView
from quizapp.tui.widgets.fold import FoldHint, QuestionArea
from quizapp.tui.write_errors import saves

SCROLL = "Scroll the question and its explanation a page (pgdn, pgup; home, end)"
SAVE_EVERY_TICKS = 5  # seconds between saves of the time spent on the question on screen


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


def option_line(
    label: str, text: str, *, chosen: bool, struck: bool, highlighted: bool = False
) -> Content:
    """▶ on the chosen option, ▷ on the one enter would choose (not by colour alone)."""
    style = "strike $text-muted" if struck else ("bold" if chosen else "")
    mark = "▶ " if chosen else ("▷ " if highlighted else "  ")
    return Content.assemble((f"{mark}{label}  ", "bold"), (text, style))


class QuizQuestionScreen(QuizappScreen[bool]):
    """The block being taken; built from the saved block, so it is also how a block resumes.

    Dismisses with True once the block is submitted (whoever opened it shows the results),
    False when paused."""

    CSS_PATH = "question_screen.tcss"

    # A letter chooses its option where the question has one, else does what it does
    # elsewhere (f flags; m flags too, for questions with an option F): check_action decides.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "choose('A')", "Answer", tooltip="Answer with the option of that letter"),
        *(Binding(k, f"choose('{k.upper()}')", show=False) for k in LETTERS[1:]),
        Binding("x", "strike_mode", "Strike", tooltip="Strike an option out: x, then its letter"),
        Binding("f,m", "flag", "Flag", tooltip="Flag or unflag this question"),
        # priority: before the scrolling question body's own arrow keys, which they leave
        # to it where no option is shown
        Binding("down", "highlight(1)", "Highlight the next option", show=False, priority=True),
        Binding("up", "highlight(-1)", "Highlight the previous option", show=False, priority=True),
        Binding("enter", "pick", "Choose the highlighted option", show=False, priority=True),
        Binding(
            "right,n",
            "move(1)",
            "Move",
            key_display="←→",
            tooltip="Next (→ or n) or previous (← or p) question",
        ),
        Binding("left,p", "move(-1)", show=False),  # help lists it with → above
        Binding("s", "submit", "Submit", tooltip="Submit the block (asks first)"),
        # shown beside an explanation, where the footer has room; on a question it is
        # full, the body scrolls itself and the cue over the hint says "more below: ↓"
        Binding("pagedown", "page(1)", "Scroll", key_display="pgdn", tooltip=SCROLL, priority=True),
        Binding("pageup", "page(-1)", show=False, priority=True),
        Binding("escape", "pause", "Pause", tooltip="Pause: resume it later from the quiz builder"),
    ]

    striking: reactive[bool] = reactive(False)

    def __init__(self, block_id: int) -> None:
        super().__init__()
        self.block_id = block_id
        self.session: BlockSession | None = None
        self._ticks = 0
        self.highlighted: int | None = None  # the option enter chooses
        self._shown_position: int | None = None
        self._option_lines: list[Static] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="quiz-top"):
            yield Static(id="quiz-status")
            yield Static(id="quiz-timer")
        yield Static(id="quiz-map")
        with QuestionArea(id="quiz-body"):
            yield Static(id="quiz-prompt")
            yield Vertical(id="quiz-options")
            yield AnswerView(id="quiz-explanation")
        yield FoldHint(id="quiz-hint")
        yield Footer()

    def on_mount(self) -> None:
        workspace = self.workspace
        self.session = BlockSession(workspace.conn, self.block_id, workspace.clock)
        self.session.start()
        area = self.query_one(QuestionArea)
        self.query_one(FoldHint).follow(area, self._open_options)
        self.watch(area, "virtual_size", self._refit_explanation, init=False)
        self.show_question()
        area.focus()
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
        explained = not self._options_open()
        options.display = not explained
        moved = block.position != self._shown_position
        self._shown_position = block.position
        if moved:
            self.highlighted = None
        if not explained:
            self._option_lines = [Static(classes="quiz-option") for _ in state.item.options]
            options.mount_all(self._option_lines)
            self._draw_options()
        explanation = self.query_one(AnswerView)
        explanation.display = explained
        if explained:
            explanation.show_options(state.item.options, state.chosen, state.item.extra)
        area = self.query_one(QuestionArea)
        if moved or explained:
            area.remove_class("-tight")
            area.scroll_home(animate=False)
        if explained:
            self.call_after_refresh(self._keep_choice_in_view)
        self.call_after_refresh(self.query_one(FoldHint).cue)
        self._show_timer()
        self._show_hint()
        self.refresh_bindings()  # the letter range and what f means follow the question

    def _open_options(self) -> Vertical | None:
        """The options to choose from, for the cue under the question while they end below
        the fold; None once a tutor answer shows its explanation instead."""
        options = self.query_one("#quiz-options", Vertical)
        return options if options.display else None

    def _keep_choice_in_view(self) -> None:
        """A tutor answer's explanation: the verdict and the learner's choice in view, with
        the lead-in where they fit (as study does on revealing an answer)."""
        assert self.session is not None
        self.query_one(QuestionArea).keep_answer_in_view(
            self.query_one(AnswerView),
            self.query_one("#quiz-prompt"),
            self.session.current.item.prompt,
        )

    def _refit_explanation(self) -> None:
        """The explanation's layout changed (its scrollbar came, the terminal was resized):
        keep the choice in view again."""
        if self.query_one(AnswerView).display:
            self._keep_choice_in_view()

    def _draw_options(self) -> None:
        """Each option's line: chosen, struck out, highlighted."""
        assert self.session is not None
        state = self.session.current
        for i, (line, o) in enumerate(zip(self._option_lines, state.item.options, strict=True)):
            line.update(
                option_line(
                    o.label,
                    o.text,
                    chosen=o.label == state.chosen,
                    struck=o.label in state.struck,
                    highlighted=i == self.highlighted,
                )
            )
            line.set_class(o.label == state.chosen, "-chosen")
            line.set_class(i == self.highlighted, "-highlighted")

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
        letters = letter_range(len(self.session.current.item.options))
        if self.striking:
            hint = f"Strike out which option? Press {letters} (x again to cancel)."
        elif not self._options_open():
            hint = "Answered: see why each option is right or wrong; → next."
        else:
            hint = f"{letters} or ↑↓ enter answers; x then a letter strikes it out."
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

    def _options_open(self) -> bool:
        """The options are on screen to choose from (not a tutor answer's explanation)."""
        assert self.session is not None
        return not (self.session.locked() and not self.session.block.timed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A letter is an option only where the question has it; the arrows and enter pick
        options only while they are shown (else they scroll, as in the rest of the app)."""
        if self.session is None:
            return True
        if action == "choose":
            labels = self.session.current.item.labels
            return self._options_open() and bool(parameters) and parameters[0] in labels
        if action in ("highlight", "strike_mode"):
            return self._options_open()
        if action == "page":  # the body scrolls on a question too: shown beside an answer
            return not self._options_open()
        if action == "pick":
            return self._options_open() and self.highlighted is not None
        return True

    def key_display(self, binding: Binding) -> str | None:
        """a: the question's letters ("a-f"); Flag: m where f is an option's letter."""
        if self.session is None:
            return None
        labels = self.session.current.item.labels
        if binding.action == "choose('A')":
            return letter_range(len(labels))
        if binding.action == "flag":
            return "m" if "F" in labels else "f"
        return None

    def action_highlight(self, step: int) -> None:
        """Move the highlight; up from the first option goes back to the question's top."""
        assert self.session is not None
        count = len(self.session.current.item.options)
        if self.highlighted is None:
            self.highlighted = 0 if step > 0 else None
        else:
            index = self.highlighted + step
            self.highlighted = index if 0 <= index < count else self.highlighted
            if index < 0:
                self.highlighted = None
        self._draw_options()
        if self.highlighted is None:
            self.query_one(QuestionArea).scroll_home(animate=False)
            return
        self._bring_into_view(self.highlighted)

    def _bring_into_view(self, index: int) -> None:
        """Scroll the body to option `index` (once laid out: a redraw mounts new lines), so
        the option a key acted on is never below the fold of a long vignette."""
        if self._options_open():
            line = self._option_lines[index]
            self.call_after_refresh(
                self.query_one(QuestionArea).scroll_to_widget, line, animate=False
            )

    def action_page(self, step: int) -> None:
        """pgdn/pgup beside an explanation (on a question the body takes them itself)."""
        body = self.query_one(QuestionArea)
        (body.scroll_page_down if step > 0 else body.scroll_page_up)(animate=False)

    def action_pick(self) -> None:
        assert self.session is not None and self.highlighted is not None
        self.action_choose(self.session.current.item.options[self.highlighted].label)

    def after_failed_write(self) -> None:
        """Show what is saved: the session changes only after a commit."""
        self.show_question()

    @saves
    def action_choose(self, label: str) -> None:
        """Answer with `label`, or strike it out after x (check_action: only a label of
        this question, only while its options are open)."""
        assert self.session is not None
        index = self.session.current.item.labels.index(label)
        if self.striking:
            self.striking = False
            if not self.session.toggle_strike(label):
                self.notify("Your chosen option cannot be struck out.", severity="warning")
        else:
            self.session.answer(label)
            self.highlighted = index  # the cursor follows a choice made by its letter
        self.show_question()
        self._bring_into_view(index)

    def action_strike_mode(self) -> None:
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
