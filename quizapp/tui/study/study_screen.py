"""Study: one card at a time from today's queue, reveal, rate; every answer committed at once.

The screen only drives a `StudySession` (the scheduler) and shows what it returns; the
session writes each answer in its own transaction before the next card is fetched.
"""

from __future__ import annotations

import time
import zlib
from typing import TYPE_CHECKING, ClassVar

from fsrs import Rating
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive

from quizapp.srs.cram import CramSession
from quizapp.srs.session import QueueEntry, StudySession
from quizapp.tui.base import QuizappScreen
from quizapp.tui.navigation import StudyScreenReady
from quizapp.tui.option_keys import LETTERS, letter_range
from quizapp.tui.study.done_view import DoneView
from quizapp.tui.study.key_footer import KeyFooter
from quizapp.tui.study.option_picker import OptionPicker
from quizapp.tui.study.queue_progress import QueueProgress
from quizapp.tui.study.rating_bar import RatingBar
from quizapp.tui.widgets.answer_view import AnswerView
from quizapp.tui.widgets.card_view import CardView
from quizapp.tui.widgets.fold import FoldHint, QuestionArea
from quizapp.tui.widgets.source_view import SourceView
from quizapp.tui.write_errors import saves

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.widget import Widget

    from quizapp.generate.card import Card
    from quizapp.workspace import Workspace

UNDONE = {
    "answer": "Answer undone",
    "bury": "Bury undone",
    "suspend": "Suspend undone",
    "flag": "Flag change undone",
}
SUGGESTION = "Rate as suggested (Again if wrong)"


def question_hint(card: Card) -> Content:
    """What to press now, under the card (the footer says it too, more tersely)."""
    key = "bold $accent"
    if card.options:
        last = card.options[-1].label.lower()
        return Content.assemble(
            ("a", key), "–", (last, key), " or ", ("↑↓ enter", key), " choose an answer   ",
            ("space", key), " show the answer without choosing",
        )  # fmt: skip
    return Content.assemble(("space", key), " show the answer")


def suggested_rating(card: Card, chosen: str | None) -> Rating:
    """Again after a wrong choice (or none) on a choice card, Good otherwise: a learner who
    just missed must not rate Good by pressing space out of habit."""
    if not card.options:
        return Rating.Good
    right = any(o.correct and o.label == chosen for o in card.options)
    return Rating.Good if right else Rating.Again


class DayForecast(Message):
    """The end-of-day worker's numbers: today's study day and the reviews due ahead."""

    def __init__(self, day: int, due_forecast: list[int]) -> None:
        super().__init__()
        self.day, self.due_forecast = day, due_forecast


class StudyScreen(QuizappScreen[None]):
    """Prompt -> reveal -> rate, for today's cards of the chosen decks."""

    CSS_PATH = "study_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        # One key can mean two things (b: option B, or bury; f: option F, or flag): the
        # first binding of a key that check_action enables wins, by stage and option count.
        # space and enter confirm the suggested rating: Again after a wrong or no choice.
        Binding("space", "reveal", "Show answer"),
        Binding("space", "confirm(1)", "Again", tooltip=SUGGESTION),
        Binding("space", "confirm(3)", "Good", tooltip=SUGGESTION),
        Binding("enter", "reveal", "Show answer", show=False),
        Binding("enter", "confirm(1)", "Again", show=False, tooltip=SUGGESTION),
        Binding("enter", "confirm(3)", "Good", show=False, tooltip=SUGGESTION),
        Binding("a", "choose(0)", "Choose", tooltip="Choose an option by its letter"),
        Binding("1", "rate(1)", "Again", show=False),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
        Binding("u", "undo", "Undo", tooltip="Undo the last answer, bury, suspend or flag"),
        # Bury stands in the footer for a-e once a choice card is answered: question and
        # answer show as many keys, so KeyFooter relabels them in the frame of the card
        Binding("b", "bury", "Bury", tooltip="Bury until tomorrow (after answering a choice card)"),
        *(Binding(key, f"choose({i})", show=False) for i, key in enumerate(LETTERS) if i),
        # the card's other actions: listed by ?, not in the footer (it fits 60 columns)
        Binding(
            "s", "suspend", "Suspend", show=False, tooltip="Suspend: never shown until unsuspended"
        ),
        Binding("f", "flag", "Flag", show=False, tooltip="Flag or unflag the card"),
        Binding("i", "source", "Source", show=False, tooltip="Show where the card comes from"),
        Binding("escape", "app.home", "Decks", tooltip="Back to the decks"),
    ]

    stage: reactive[str] = reactive(
        "question", init=False, always_update=True
    )  # question | answer | done

    def __init__(
        self,
        deck_ids: list[str],
        title: str,
        make_session: Callable[[Workspace], StudySession] | None = None,
    ) -> None:
        """`make_session`: custom study's scoped or cram session instead of today's queue."""
        super().__init__()
        self._shown_count = 0
        self._plan(deck_ids, title, make_session)

    def _plan(
        self,
        deck_ids: list[str],
        title: str,
        make_session: Callable[[Workspace], StudySession] | None,
    ) -> None:
        """What the next session studies; `on_mount` or `begin` starts it."""
        self.make_session = make_session
        self.deck_ids = deck_ids
        self.deck_title = title
        self.entry: QueueEntry | None = None
        self.card: Card | None = None
        self.seed: int | None = None
        self.chosen: str | None = None
        self.suggestion = Rating.Good  # what space/enter rate once the answer shows
        self.flagged = False
        self.answered = 0
        self._shown_at = 0.0

    def compose(self) -> ComposeResult:
        yield QueueProgress(self.deck_title, id="progress")
        with QuestionArea(id="card-area"):
            yield CardView(id="card")
            yield OptionPicker(id="options")
            yield AnswerView(id="answer")
            yield SourceView(id="source")
            yield DoneView(id="done")
        yield FoldHint(id="hint")
        yield RatingBar(id="ratings")
        yield KeyFooter(compact=True, show_command_palette=False)  # ctrl+p still works

    def on_mount(self) -> None:
        area = self.query_one(QuestionArea)
        self.query_one(FoldHint).follow(area, self._last_of_question)
        self.watch(area, "virtual_size", self._refit_answer, init=False)
        self._start()
        self.post_message(StudyScreenReady())

    def _last_of_question(self) -> Widget | None:
        """What the cue under the card waits to be seen whole: the options of a question
        (the later options of a long vignette at 80x24), else its prompt."""
        if self.stage != "question":
            return None
        picker = self.query_one(OptionPicker)
        return picker if picker.display else self.query_one(CardView)

    def begin(
        self,
        deck_ids: list[str],
        title: str,
        make_session: Callable[[Workspace], StudySession] | None = None,
    ) -> None:
        """A new session on this screen: the app keeps one study screen and reuses it (its
        widgets are built once, and frozen with the app; see `quizapp.gc_policy`)."""
        self._plan(deck_ids, title, make_session)
        if self.is_mounted:
            self._start()

    def _start(self) -> None:
        workspace = self.workspace
        if self.make_session is not None:
            self.session = self.make_session(workspace)
        else:
            self.session = StudySession(
                workspace.conn, deck_ids=self.deck_ids, clock=workspace.clock
            )
        self.query_one(QueueProgress).deck_title = self.deck_title
        self.query_one(SourceView).display = False
        self.show_next()

    # -- showing ---------------------------------------------------------------------------

    def show_next(self) -> None:
        """The next card of today's queue, or the end-of-day screen."""
        entry = self.session.next_card()
        if entry is None:
            self.entry = self.card = None
            self._update_progress()
            self.stage = "done"
            if isinstance(self.session, CramSession):  # nothing was scheduled: no forecast
                self.query_one(DoneView).show_cram(self.answered)
                return
            self.query_one(DoneView).show(self.answered)
            self.load_forecast()
            return
        self.show_entry(entry)

    def _new_seed(self, card_id: str) -> int:
        """A fresh vignette seed from the clock: new every showing, fixed under a fixed clock."""
        self._shown_count += 1
        stamp = self.workspace.clock().timestamp()
        return zlib.crc32(f"{card_id}:{stamp}:{self._shown_count}".encode())

    @saves
    def show_entry(self, entry: QueueEntry) -> None:
        library = self.workspace.library
        card = library.card(entry.card_id)
        if card is None:  # in the progress file but no longer generated: skip it today
            self.session.bury(entry.card_id, undoable=False)
            self.notify(
                f"Card {entry.card_id} is missing from its deck; buried for today", markup=False
            )
            self.show_next()
            return
        self.seed = None
        if card.kind == "vignette":
            self.seed = self._new_seed(card.id)
            card = library.render(card.id, self.seed) or card
        self.entry, self.card, self.chosen = entry, card, None
        self.flagged = entry.flagged
        self._update_progress()
        self._show_card_header()
        self.query_one(SourceView).display = False
        picker = self.query_one(OptionPicker)
        if card.options:
            picker.show(card.options)
        self.stage = "question"
        # Lay the whole screen out on its next frame: otherwise that frame repaints the new
        # text in the old layout before each widget's own layout request reaches the screen.
        # The answer's scrollbar goes too (Textual would drop it a frame later, once it has
        # measured the question); a question that overflows gets it back on that frame.
        self.query_one(QuestionArea).show_vertical_scrollbar = False
        self.refresh(layout=True)
        self._shown_at = time.monotonic()

    def _show_card_header(self) -> None:
        assert self.card is not None and self.entry is not None
        self.query_one(CardView).show(
            self.card,
            self.workspace.topic_title(self.card.deck, self.card.topic),
            flagged=self.flagged,
            leech=self.entry.leech,
        )

    def _update_progress(self) -> None:
        progress = self.query_one(QueueProgress)
        progress.queue = self.entry.queue if self.entry is not None else None
        progress.answered = self.answered
        # The counts are three queries: the next card's frame does not wait for them.
        self.call_after_refresh(self._update_counts)

    def _update_counts(self) -> None:
        if self.is_attached:
            self.query_one(QueueProgress).counts = self.session.counts()

    def watch_stage(self, stage: str) -> None:
        """Which parts show at each stage; the footer follows through check_action."""
        has_options = self.card is not None and bool(self.card.options)
        self.query_one(CardView).display = stage != "done"
        self.query_one(OptionPicker).display = stage == "question" and has_options
        self.query_one(AnswerView).display = stage == "answer"
        self.query_one(DoneView).display = stage == "done"
        self.query_one(RatingBar).display = stage == "answer"
        hint = self.query_one(FoldHint)
        hint.display = stage == "question"
        if stage == "question" and self.card is not None:
            hint.update(question_hint(self.card))
        area = self.query_one(QuestionArea)
        if stage == "question" and has_options:
            self.query_one(OptionPicker).focus()
        else:
            area.focus()
        if stage != "answer":
            area.remove_class("-tight")
            area.scroll_home(animate=False)
        self.refresh_bindings()

    def key_display(self, binding: Binding) -> str | None:
        """a: the letters of the card's options ("a-f"); all of them between cards."""
        if binding.action != "choose(0)":
            return None
        card = self.card
        return letter_range(len(card.options) if card is not None else 0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys mean what the stage allows: b picks option B on a question, else buries."""
        stage, card = self.stage, self.card
        if action == "reveal":
            return stage == "question"
        if action == "choose":
            index = parameters[0] if parameters and isinstance(parameters[0], int) else 0
            return stage == "question" and card is not None and index < len(card.options)
        if action == "rate":
            return stage == "answer"
        if action == "confirm":  # the one of space's two ratings that is suggested now
            return stage == "answer" and parameters == (int(self.suggestion),)
        if action == "bury":
            return card is not None and not (stage == "question" and len(card.options) > 1)
        if action in ("suspend", "flag", "source"):
            return card is not None
        return True

    # -- answering -------------------------------------------------------------------------

    def action_reveal(self) -> None:
        """Show the answer; on a choice card, without a choice (a miss)."""
        self.reveal(None)

    def action_choose(self, index: int) -> None:
        assert self.card is not None
        self.reveal(self.card.options[index].label)

    @on(OptionPicker.Picked)
    def _picked(self, event: OptionPicker.Picked) -> None:
        if self.stage == "question":
            self.reveal(event.label)

    def reveal(self, chosen: str | None) -> None:
        assert self.card is not None
        self.chosen = chosen
        self.suggestion = suggested_rating(self.card, chosen)
        self.query_one(RatingBar).show(self.session.intervals(self.card.id), self.suggestion)
        answer = self.query_one(AnswerView)
        answer.show(self.card, chosen)
        self.stage = "answer"
        if self.card.options:
            self.call_after_refresh(self._keep_question_and_choice_in_view)

    def _keep_question_and_choice_in_view(self) -> None:
        """Scroll only as far as the explanation of the learner's choice needs, keeping
        the lead-in and the choice in view (see `QuestionArea.keep_answer_in_view`)."""
        if self.stage != "answer":
            return
        assert self.card is not None
        self.query_one(QuestionArea).keep_answer_in_view(
            self.query_one(AnswerView), self.query_one(CardView), self.card.prompt
        )

    def _refit_answer(self) -> None:
        """The answer's layout changed (its scrollbar came back and the text rewrapped, the
        terminal was resized): keep the choice in view again, unless the learner opened
        the sources below it."""
        if self.stage == "answer" and not self.query_one(SourceView).display:
            self._keep_question_and_choice_in_view()

    def action_rate(self, rating: int) -> None:
        assert self.entry is not None and self.card is not None
        self.rate(Rating(rating))

    def action_confirm(self, rating: int) -> None:
        """space/enter: the suggested rating (check_action enables only that one)."""
        self.action_rate(rating)

    @on(RatingBar.Rated)
    def _rated(self, event: RatingBar.Rated) -> None:
        if self.stage == "answer":
            self.rate(event.rating)

    @saves
    def rate(self, rating: Rating) -> None:
        """Commit the answer (one transaction, inside `answer`), then show the next card; if the
        write fails, the card stays on screen to rate again (see `write_errors`)."""
        assert self.entry is not None and self.card is not None
        duration_ms = int((time.monotonic() - self._shown_at) * 1000)
        self.session.answer(self.card.id, rating, duration_ms=duration_ms, vignette_seed=self.seed)
        self.answered += 1
        self.show_next()

    # -- card actions ----------------------------------------------------------------------

    @saves
    def action_undo(self) -> None:
        """Take back the last action of this session (an answer, a bury, a suspend or a
        flag) and show that card again."""
        action = self.session.next_undo
        card_id = self.session.undo()
        if card_id is None:
            self.notify("Nothing to undo in this session", severity="warning")
            return
        self.notify(UNDONE.get(action or "", "Undone"))
        if action == "answer":
            self.answered = max(0, self.answered - 1)
        entry = self.session.entry(card_id)
        if action == "flag" and self.card is not None and self.card.id == card_id:
            self.flagged = entry.flagged  # the card stays as it is, answer shown or not
            self._show_card_header()
            return
        self.show_entry(entry)

    @saves
    def action_bury(self) -> None:
        assert self.card is not None
        self.session.bury(self.card.id)
        self.notify("Buried until tomorrow")
        self.show_next()

    @saves
    def action_suspend(self) -> None:
        assert self.card is not None
        self.session.suspend(self.card.id)
        self.notify("Suspended: it will not be shown again until unsuspended")
        self.show_next()

    @saves
    def action_flag(self) -> None:
        assert self.card is not None
        self.session.flag(self.card.id, not self.flagged)
        self.flagged = not self.flagged
        self._show_card_header()
        self.notify("Flagged" if self.flagged else "Flag removed")

    def action_source(self) -> None:
        """Toggle where the card comes from: deck location and citations."""
        assert self.card is not None
        view = self.query_one(SourceView)
        if view.display:
            view.display = False
            return
        view.show(self.card, self.workspace.library.decks.get(self.card.deck))
        view.display = True
        self.call_after_refresh(self.query_one(QuestionArea).scroll_to_widget, view, animate=False)

    # -- end of the day --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="forecast")
    def load_forecast(self) -> None:
        from quizapp.srs.stats import stats_today

        workspace = self.workspace
        deck_id = self.deck_ids[0] if len(self.deck_ids) == 1 else None
        with workspace.reader() as conn:
            stats = stats_today(conn, deck_id, clock=workspace.clock)
        self.post_message(DayForecast(stats.day, stats.due_forecast))

    @on(DayForecast)
    def _day_forecast(self, message: DayForecast) -> None:
        self.query_one(DoneView).show(self.answered, message.day, message.due_forecast)
