"""The study app: one home screen, the screens it opens, the keys and commands that reach them.

The app receives its workspace (progress file, decks, clock) or, when started from the
command line, a loader that builds it: the first frame then shows at once and the decks
are loaded, generated and synced in a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from quizapp.tui.base import WorkspaceApp
from quizapp.tui.home.home_screen import HomeScreen
from quizapp.tui.loading_screen import LoadingScreen
from quizapp.tui.navigation import (
    CustomStudyRequested,
    HomeReady,
    SessionRequested,
    StudyRequested,
    StudyScreenReady,
)
from quizapp.tui.visible_filter import VisibleControls
from quizapp.tui.write_errors import saves
from quizapp.workspace.context import ContextError

NARROW = 80  # below it the footer is compact and without ^p palette: every key fits
TUI = Path(__file__).parent

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.filter import LineFilter
    from textual.theme import Theme

    from quizapp.srs.session import StudySession
    from quizapp.tui.study.study_screen import StudyScreen
    from quizapp.workspace import Workspace


def _screen_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not at start-up)."""
    from quizapp.tui.commands import ScreenCommands

    return ScreenCommands


class QuizApp(WorkspaceApp):
    """Study decks, take quizzes, see progress; everything reachable from the keyboard."""

    # app-wide rules, then the screens the app shows most, read with the app: a screen's
    # own CSS_PATH, read at its first show, would re-parse every stylesheet then (~15 ms).
    # Absolute, so a subclass elsewhere (a test's) reads the same files.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        TUI / name
        for name in (
            "app.tcss",
            "home/home_screen.tcss",
            "study/study_screen.tcss",
            "stats/statistics_screen.tcss",
            "stats/forecast_screen.tcss",
            "browse/browse_screen.tcss",
            "settings/settings_screen.tcss",
            "widgets/help_screen.tcss",
        )
    ]
    TITLE = "quizapp"
    # a toast confirms what the screen already shows (the flag mark, the card gone): a
    # glance is enough, and a long one lingers onto the next screen. Errors set their own.
    NOTIFICATION_TIMEOUT: ClassVar[float] = 3
    COMMANDS = App.COMMANDS | {_screen_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        loader: Callable[[], Workspace] | None = None,
        exit_when_ready: bool = False,
        manage_gc: bool = False,
    ) -> None:
        """`manage_gc`: the process is this app's (the command line): freeze what start-up
        built once home shows (`quizapp.gc_policy`). Off for apps in a longer-lived
        process (tests), where frozen apps would never be freed."""
        if (workspace is None) == (loader is None):
            raise ValueError("give the app either a workspace or a loader")
        super().__init__(workspace)
        self._loader = loader
        self.exit_when_ready = exit_when_ready
        self.manage_gc = manage_gc
        self.timings: dict[str, float] = {}  # wall-clock moments, for the start-up benchmark
        self._visible_controls = VisibleControls()
        self._study_screen: StudyScreen | None = None

    @property
    def available_themes(self) -> dict[str, Theme]:
        """The registered themes, not a copy: Textual copies them on each call, and
        rendering asks for the current theme about 80 times a frame (once per line)."""
        return self._registered_themes

    def on_unmount(self) -> None:
        """Stop the workers' queries: the process ends only once their threads have."""
        if self._workspace is not None:
            self._workspace.readers.stop()

    def on_resize(self, event: events.Resize) -> None:
        """Below NARROW columns the footer drops "^p palette" (ctrl+p still works), so the
        screen's own keys and "? Help" keep the room."""
        self.set_class(event.size.width < NARROW, "-narrow")

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then ours: control characters in any text are shown, never
        sent to the terminal (see `quizapp.tui.visible_filter`)."""
        return [*super().get_line_filters(), self._visible_controls]

    def on_mount(self) -> None:
        if self._workspace is not None:
            self._use_saved_theme()
        self.push_screen(HomeScreen() if self._workspace is not None else LoadingScreen())
        self.call_after_refresh(self._first_frame)

    # -- the theme is a setting: the learner's choice comes back after a restart --------

    def _use_saved_theme(self) -> None:
        """Start with the theme saved in the progress file, then save every change to it
        (the command palette's theme picker, ctrl+t, the settings screen)."""
        from quizapp.store.settings import read_settings

        saved = read_settings(self.workspace.conn).get("theme")
        if isinstance(saved, str) and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._save_theme)

    @saves
    def _save_theme(self, theme: Theme) -> None:
        from quizapp.srs.config import save_setting

        save_setting(self.workspace.conn, "theme", theme.name)

    def _first_frame(self) -> None:
        self.timings["first_frame"] = time.time()
        if self._workspace is None:
            self._load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> Workspace:
        """Load, generate and sync the decks off the event loop."""
        assert self._loader is not None
        return self._loader()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        if event.state == WorkerState.SUCCESS:
            self._workspace = event.worker.result
            self._use_saved_theme()
            while not isinstance(self.screen, LoadingScreen):  # help opened while loading
                self.pop_screen()
            self.switch_screen(HomeScreen())
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, ContextError):
                self.exit(return_code=1, message=Text(f"quizapp: {error}"))
            elif error is not None:
                raise error  # a bug: let Textual show the traceback

    @on(HomeReady)
    def home_ready(self) -> None:
        """Home shows the decks: the start-up benchmark's end."""
        if "home_ready" in self.timings:
            return
        self.timings["home_ready"] = time.time()
        if self.manage_gc:
            from quizapp.gc_policy import freeze_started

            freeze_started()
        if self.exit_when_ready:
            self.exit(0)

    # -- navigation: every screen opens on top of home, so escape always leads back ----

    def _back_to_home(self) -> None:
        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            self.pop_screen()

    def _has_workspace(self) -> bool:
        if self._workspace is None:
            self.notify("The decks are still loading", severity="warning")
            return False
        return True

    def action_home(self) -> None:
        """Back to the deck list."""
        if self._has_workspace():
            self._back_to_home()

    def action_study(self, deck_id: str | None = None) -> None:
        """Study today's cards of one deck, or of every deck when `deck_id` is None."""
        if not self._has_workspace():
            return
        library = self.workspace.library
        if deck_id is not None and deck_id not in library.decks:
            self.notify(f"No deck {deck_id!r}", severity="error", markup=False)
            return
        deck_ids = [deck_id] if deck_id is not None else list(library.decks)
        title = library.decks[deck_id].title if deck_id is not None else "All decks"
        self._back_to_home()
        self._open_study(deck_ids, title)

    def action_custom_study(self, deck_id: str | None = None) -> None:
        """Study one topic, kind or the flagged cards, or cram without touching the schedule."""
        if not self._has_workspace():
            return
        from quizapp.tui.study.custom_study_screen import CustomStudyScreen

        self._back_to_home()
        self.push_screen(CustomStudyScreen(deck_id))

    def action_quiz(self) -> None:
        """Build a self-assessment block (the quiz screens live in quizapp.tui.quiz)."""
        if not self._has_workspace():
            return
        # imported on first use, as every screen: start-up loads only home
        from quizapp.tui.quiz.builder_screen import QuizBuilderScreen

        self._back_to_home()
        self.push_screen(QuizBuilderScreen())

    def action_statistics(self) -> None:
        """Forecast, heatmap, retention and topics."""
        if not self._has_workspace():
            return
        from quizapp.tui.stats.statistics_screen import StatisticsScreen

        self._back_to_home()
        self.push_screen(StatisticsScreen())

    def action_forecast(self) -> None:
        """The days ahead for several desired retentions, over the statistics."""
        from quizapp.tui.stats.forecast_screen import ForecastScreen

        if self._has_workspace():
            self.push_screen(ForecastScreen())

    def action_settings(self) -> None:
        """Every setting, its range and meaning; saved in the progress file."""
        if not self._has_workspace():
            return
        from quizapp.tui.settings.settings_screen import SettingsScreen

        self._back_to_home()
        self.push_screen(SettingsScreen())

    def action_browse(self) -> None:
        """Search every card and preview it with its source."""
        if not self._has_workspace():
            return
        from quizapp.tui.browse.browse_screen import BrowseScreen

        self._back_to_home()
        self.push_screen(BrowseScreen())

    @on(StudyRequested)
    def _study_requested(self, message: StudyRequested) -> None:
        self.action_study(message.deck_id)

    @on(CustomStudyRequested)
    def _custom_study_requested(self, message: CustomStudyRequested) -> None:
        self.action_custom_study(message.deck_id)

    @on(SessionRequested)
    def _session_requested(self, message: SessionRequested) -> None:
        """On top of the screen that asked (custom study), so escape goes back to it."""
        self._open_study(message.deck_ids, message.title, message.make_session)

    def _open_study(
        self,
        deck_ids: list[str],
        title: str,
        make_session: Callable[[Workspace], StudySession] | None = None,
    ) -> None:
        """The app's one study screen, built on first use and kept (installed): studying
        again reuses its widgets instead of building (and collecting) new ones."""
        from quizapp.tui.study.study_screen import StudyScreen

        screen = self._study_screen
        if screen is None:
            screen = self._study_screen = StudyScreen(deck_ids, title, make_session)
            self.install_screen(screen, "study")
        else:
            screen.begin(deck_ids, title, make_session)
        self.push_screen(screen)

    @on(StudyScreenReady)
    def _study_screen_ready(self) -> None:
        """The study screen lives as long as the app: freeze it with the app (once), so
        collections during study walk only what studying allocates."""
        if self.manage_gc:
            from quizapp.gc_policy import freeze_started

            self.call_after_refresh(freeze_started)

    def action_help(self) -> None:
        """The keys of the screen on top (and those that work everywhere)."""
        from quizapp.tui.widgets.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
