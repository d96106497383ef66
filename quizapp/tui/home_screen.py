"""Home: the decks with today's counts, how today went, and the way to everything else."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from quizapp.tui.deck_list import ALL_DECKS, DeckList
from quizapp.tui.progress_reader import read_connection

if TYPE_CHECKING:
    from quizapp.deck.errors import Location, Problem
    from quizapp.store.stats import Stats
    from quizapp.tui.app import QuizApp

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


class HomeScreen(Screen[None]):
    """The deck list; enter studies the highlighted deck."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "study_selected", "Study", tooltip="Study the highlighted deck"),
        Binding("a", "app.study", "Study all", tooltip="Study today's cards of every deck"),
        Binding("c", "custom_study", "Custom", tooltip="Custom study or cram: a topic, a kind"),
        Binding("q", "app.quiz", "Quiz", tooltip="Build a self-assessment quiz"),
        Binding("t", "app.statistics", "Stats", tooltip="Statistics: forecast, heatmap, retention"),
        Binding("b", "app.browse", "Browse", tooltip="Search and preview every card"),
    ]

    stats: reactive[Stats | None] = reactive(None)

    @property
    def quiz_app(self) -> QuizApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        context = self.quiz_app.context
        yield Static(Content.styled("quizapp", "bold"), id="home-title")
        yield Static(today_line(None), id="today")
        yield Static(id="fit-hint")  # filled in, or left hidden, by `load_stats`
        if context.first_run:
            yield Static(first_run_text(str(context.settings.db_path)), id="first-run")
        if context.library.problems:
            yield Static(
                problems_text(context.library.problems, context.settings.decks_dir), id="problems"
            )
        if not context.library.decks:
            yield Static(Content(f"No decks found in {context.settings.decks_dir}."), id="no-decks")
        yield DeckList(id="decks")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_counts()
        self.call_after_refresh(self.quiz_app.home_ready)

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Deck counts now (indexed, fast); today's totals in a worker."""
        from quizapp.tui.deck_summary import summarise_decks

        self.query_one(DeckList).show(summarise_decks(self.quiz_app.context))
        self.load_stats()

    @work(thread=True, exclusive=True, group="home-stats")
    def load_stats(self) -> None:
        from quizapp.srs.optimize import fit_suggestion
        from quizapp.srs.stats import stats_today

        context = self.quiz_app.context
        with read_connection(context) as conn:
            stats = stats_today(conn, clock=context.clock)
            hint = fit_suggestion(conn)
        self.app.call_from_thread(setattr, self, "stats", stats)
        self.app.call_from_thread(self.show_fit_hint, hint)

    def show_fit_hint(self, hint: str | None) -> None:
        """Suggest fitting FSRS to the learner's reviews once there are enough of them."""
        widget = self.query_one("#fit-hint", Static)
        widget.update(Content.styled(hint or "", "dim"))
        widget.display = hint is not None

    def watch_stats(self, stats: Stats | None) -> None:
        self.query_one("#today", Static).update(today_line(stats))

    @on(OptionList.OptionSelected, "#decks")
    def study_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        self.quiz_app.action_study(None if option_id == ALL_DECKS else option_id)

    def action_custom_study(self) -> None:
        """Custom study, starting from the highlighted deck."""
        self.quiz_app.action_custom_study(self.query_one(DeckList).selected_deck)

    def action_study_selected(self) -> None:
        """Study the highlighted deck (all decks if that row is highlighted)."""
        self.quiz_app.action_study(self.query_one(DeckList).selected_deck)
