"""Home: the decks with today's counts, how today went, and the way to everything else."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Static

from quizapp.tui.base import QuizappScreen
from quizapp.tui.home.deck_list import ALL_DECKS, DeckList
from quizapp.tui.home.today_plan import plan_text
from quizapp.tui.navigation import CustomStudyRequested, HomeReady, StudyRequested
from quizapp.tui.widgets.footer import ReleasingFooter
from quizapp.tui.write_errors import saves

if TYPE_CHECKING:
    from quizapp.deck.errors import Location, Problem
    from quizapp.srs.knowledge import TodayPlan
    from quizapp.srs.session import Counts
    from quizapp.store.stats import Stats
    from quizapp.workspace import Workspace

MAX_PROBLEMS_SHOWN = 6


def today_line(stats: Stats | None) -> Content:
    """Answers today, minutes, streak: filled in by a worker (slow on a large file).

    What is due is on each deck's line, from the scheduler's own queue counts.
    """
    if stats is None:
        return Content.styled("Today: counting…", "dim")
    days = "day" if stats.streak_days == 1 else "days"
    return Content.assemble(
        ("Today ", "bold"),
        (f"{stats.reviewed_today}", "bold $accent"), " answered",
        (f" in {stats.seconds_today / 60:.0f} min", "dim"),
        "   Streak ", (f"{stats.streak_days}", "bold $accent"), f" {days}",
    )  # fmt: skip


def today_date(workspace: Workspace) -> date:
    """Today's study day as a date, by the clock and the file's day settings."""
    from quizapp.srs.config import study_today

    return date.fromordinal(study_today(workspace.conn, workspace.clock))


def exams_text(conn: sqlite3.Connection, workspace: Workspace) -> Content | None:
    """Each loaded deck's exam ahead: days left, expected recall on exam day, and a warning
    when new cards cannot all come in time (`quizapp.srs.exam`); None without an exam."""
    from quizapp.srs.config import load_config, study_today
    from quizapp.srs.exam import exam_dates, exam_outlook, outlook_lines

    config = load_config(conn)
    today = study_today(conn, workspace.clock)
    lines = []
    for deck_id, when in sorted(exam_dates(conn).items(), key=lambda item: item[1]):
        deck = workspace.library.decks.get(deck_id)
        if deck is None or when.toordinal() < today:
            continue
        line, warning = outlook_lines(exam_outlook(conn, deck_id, when, config, today), deck.title)
        lines.append(Content(line))
        if warning is not None:
            lines.append(Content.styled(f"⚠ {warning}", "$warning"))
    return Content("\n").join(lines) if lines else None


def problem_place(loc: Location, decks_dir: Path) -> str:
    """path:line:col, the path relative to the decks folder when it lies inside it."""
    path = Path(loc.path)
    with contextlib.suppress(ValueError):
        path = path.resolve().relative_to(decks_dir.resolve())
    return f"{path}:{loc.line}:{loc.col}"


def problems_text(problems: list[Problem], decks_dir: Path) -> Content:
    """Each deck problem as path:line:col: message, literally (messages quote deck text)."""
    lines = [Content.styled(f"Some decks could not be loaded (in {decks_dir}):", "bold $error")]
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        place = problem_place(problem.loc, decks_dir)
        lines.append(Content.assemble("  ", (place, "bold"), ": ", problem.message))
    if len(problems) > MAX_PROBLEMS_SHOWN:
        more = len(problems) - MAX_PROBLEMS_SHOWN
        lines.append(Content.styled(f"  … and {more} more: run `quizapp validate`", "dim"))
    return Content("\n").join(lines)


def first_run_text(path: str) -> Content:
    return Content.assemble(
        ("Welcome to quizapp! ", "bold"),
        "Your progress will be kept in ",
        (path, "italic"),
        ".\nPick a deck with ↑↓ and press ",
        ("enter", "bold $accent"),
        " to study today's cards; ",
        ("?", "bold $accent"),
        " lists the keys.",
    )


class HomeNumbers(Message):
    """The home worker's results: today's totals, the fit hint, exams and the plan."""

    def __init__(
        self, stats: Stats, hint: str | None, exams: Content | None, plan: TodayPlan | None
    ) -> None:
        super().__init__()
        self.stats, self.hint, self.exams, self.plan = stats, hint, exams, plan


class HomeScreen(QuizappScreen[None]):
    """The deck list; enter studies the highlighted deck."""

    CSS_PATH = "home_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        # first, so a narrow footer that cuts the last keys still shows where the rest are
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("s", "study_selected", "Study", tooltip="Study the highlighted deck"),
        # not in the footer (the "All decks" row studies them too): listed by ?
        Binding(
            "a", "app.study", "Study all", show=False, tooltip="Study today's cards of every deck"
        ),
        Binding("c", "custom_study", "Custom", tooltip="Custom study or cram: a topic, a kind"),
        Binding("q", "app.quiz", "Quiz", tooltip="Build a self-assessment quiz"),
        Binding("t", "app.statistics", "Stats", tooltip="Statistics: forecast, heatmap, retention"),
        Binding("b", "app.browse", "Browse", tooltip="Search and preview every card"),
        Binding(
            "o", "app.settings", "Settings", tooltip="Settings: limits, retention, kinds, theme"
        ),
        # not in the footer (60 columns hold the others and ?): listed by ? with every key
        Binding("e", "exam_date", "Exam", show=False, tooltip="Set the deck's exam date"),
    ]

    stats: reactive[Stats | None] = reactive(None)

    def compose(self) -> ComposeResult:
        workspace = self.workspace
        yield Static(Content.styled("quizapp", "bold"), id="home-title")
        yield Static(today_line(None), id="today")
        yield Static(plan_text(None, workspace.library.topic_label), id="plan")
        yield Static(id="fit-hint")  # filled in, or left hidden, by `load_stats`
        yield Static(id="exams")  # likewise: each deck's exam ahead
        if workspace.first_run:
            yield Static(first_run_text(str(workspace.settings.db_path)), id="first-run")
        if workspace.library.problems:
            yield Static(
                problems_text(workspace.library.problems, workspace.settings.decks_dir),
                id="problems",
            )
        if not workspace.library.decks:
            yield Static(
                Content(f"No decks found in {workspace.settings.decks_dir}."), id="no-decks"
            )
        yield DeckList(id="decks")
        # Compact, and without the palette's key (? lists ctrl+p): every key fits in 60 columns.
        yield ReleasingFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_counts()
        self.call_after_refresh(self.post_message, HomeReady())

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Deck counts now (indexed, fast); today's totals in a worker."""
        from quizapp.workspace.decks import summarise_decks

        summaries = summarise_decks(self.workspace)
        self.query_one(DeckList).show(summaries)
        self.load_stats(summaries[0].counts if summaries else None)

    @work(thread=True, exclusive=True, group="home-stats")
    def load_stats(self, counts: Counts | None = None) -> None:
        from quizapp.srs.config import load_config
        from quizapp.srs.knowledge import today_plan
        from quizapp.srs.optimize import fit_suggestion
        from quizapp.srs.stats import stats_today

        workspace = self.workspace
        with workspace.reader() as conn:
            config = load_config(conn)
            stats = stats_today(conn, config=config, clock=workspace.clock)
            hint = fit_suggestion(conn)
            exams = exams_text(conn, workspace)
            plan = None if counts is None else today_plan(conn, counts, stats, config)
        self.post_message(HomeNumbers(stats, hint, exams, plan))

    @on(HomeNumbers)
    def _numbers_loaded(self, numbers: HomeNumbers) -> None:
        self.stats = numbers.stats
        self.show_fit_hint(numbers.hint)
        self.show_exams(numbers.exams)
        if numbers.plan is not None:
            self.show_plan(numbers.plan)

    def show_plan(self, plan: TodayPlan) -> None:
        """What to study today, with the weakest topic by its title."""
        self.query_one("#plan", Static).update(plan_text(plan, self.workspace.topic_label))

    def show_exams(self, text: Content | None) -> None:
        widget = self.query_one("#exams", Static)
        widget.update(text or "")
        widget.display = text is not None

    def action_exam_date(self) -> None:
        """Set or clear the highlighted deck's exam date (a small dialog)."""
        from quizapp.srs.exam import exam_dates
        from quizapp.tui.home.exam_screen import ExamDateScreen

        deck_id = self.query_one(DeckList).selected_deck
        if deck_id is None:
            self.notify("Highlight a deck to set its exam date.")
            return
        workspace = self.workspace
        current = exam_dates(workspace.conn).get(deck_id)
        title = workspace.library.decks[deck_id].title
        screen = ExamDateScreen(title, current, today_date(workspace))
        self.app.push_screen(screen, lambda chosen: self.save_exam_date(deck_id, chosen))

    @saves
    def save_exam_date(self, deck_id: str, chosen: tuple[date | None] | None) -> None:
        from quizapp.srs.exam import set_exam_date

        if chosen is None:
            return
        workspace = self.workspace
        set_exam_date(workspace.conn, deck_id, chosen[0], today_date(workspace))
        self.refresh_counts()  # the pace changes today's new cards

    def show_fit_hint(self, hint: str | None) -> None:
        """Suggest fitting FSRS to the learner's reviews once there are enough of them."""
        widget = self.query_one("#fit-hint", Static)
        widget.update(Content.styled(hint or "", "dim"))
        widget.display = hint is not None

    def watch_stats(self, stats: Stats | None) -> None:
        self.query_one("#today", Static).update(today_line(stats))
        if stats is not None and stats.reviewed_today:  # studying once: welcome said enough
            self.query("#first-run").remove()

    @on(OptionList.OptionSelected, "#decks")
    def study_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        self.post_message(StudyRequested(None if option_id == ALL_DECKS else option_id))

    def action_custom_study(self) -> None:
        """Custom study, starting from the highlighted deck."""
        self.post_message(CustomStudyRequested(self.query_one(DeckList).selected_deck))

    def action_study_selected(self) -> None:
        """Study the highlighted deck (all decks if that row is highlighted)."""
        self.post_message(StudyRequested(self.query_one(DeckList).selected_deck))
