"""Settings: every setting with its value, range and meaning; change one with enter.

Values are checked by the same functions as `quizapp config set` and saved in the
progress file at once. A change of desired retention or FSRS parameters recomputes every
card's memory state from the review log (after a confirmation), in a worker on its own
connection, in one transaction with the change, as the CLI does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.constants import DEFAULT_THEME
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.plural import plural
from quizapp.srs.config import (
    DECK_SETTINGS,
    StudyConfig,
    load_config,
    parse_setting,
    reset_deck_setting,
    reset_setting,
    save_deck_setting,
    save_setting,
    with_deck_setting,
    with_settings,
)
from quizapp.srs.recompute import MEMORY_SETTINGS
from quizapp.srs.setting_help import DECK_HELP, SettingInfo, setting_text, settings_info
from quizapp.tui.base import QuizappScreen
from quizapp.tui.settings.setting_edit_screen import SettingEditScreen
from quizapp.tui.widgets.confirm_screen import ConfirmScreen
from quizapp.tui.write_errors import WRITE_ERRORS, not_saved_message, saves

if TYPE_CHECKING:
    from quizapp.srs.recompute import RecomputeResult

LABEL_WIDTH = 25
VALUE_WIDTH = 18
CHANGED = "*"  # a glyph, not a colour, marks a setting changed from its default


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def row_text(info: SettingInfo, value: str, changed: bool, indent: str = "") -> Content:
    """One line: mark, label, value, range; two spaces between label and value, so a label
    that fills its column ("  Maximum reviews per day") does not run into the value."""
    label = _cut(indent + info.label, LABEL_WIDTH)
    return Content.assemble(
        (CHANGED if changed else " ", "bold $accent"),
        f" {label:<{LABEL_WIDTH}}  ",
        (f"{_cut(value, VALUE_WIDTH):<{VALUE_WIDTH}}", "bold"),
        (f" {info.allowed}", "dim"),
    )


class Recomputed(Message):
    """The recompute worker's outcome: its result, or why nothing was saved."""

    def __init__(self, result: RecomputeResult | None, error: str | None) -> None:
        super().__init__()
        self.result, self.error = result, error


class SettingsScreen(QuizappScreen[None]):
    """↑↓ picks a setting; enter changes it, d goes back to the default."""

    CSS_PATH = "settings_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "change", "Change", priority=True),
        Binding("d", "default", "Default", tooltip="Back to the default (a deck: the global)"),
        Binding("escape", "app.home", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Settings", "bold"), id="settings-title")
        yield OptionList(id="settings")
        yield Static(id="setting-help")
        yield Footer()

    def on_mount(self) -> None:
        self.show_settings()
        self.query_one(OptionList).focus()
        # the theme picker is a palette, not a screen: no resume event tells us it closed
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.show_settings())

    def on_screen_resume(self) -> None:
        self.show_settings()  # back from the theme picker

    # -- what is shown ---------------------------------------------------------------

    def show_settings(self) -> None:
        """Every setting from the file, then each deck's own daily limits."""
        workspace = self.workspace
        self.config = load_config(workspace.conn)
        self.infos = {info.name: info for info in settings_info()}
        defaults = StudyConfig()
        options: list[Option | None] = []
        for name, info in self.infos.items():
            value = getattr(self.config, name)
            text = self.app.theme if name == "theme" else _shown(name, value)
            options.append(Option(row_text(info, text, value != getattr(defaults, name)), name))
        for deck_id, deck in workspace.library.decks.items():
            options += [None, Option(Content.styled(f"  {deck.title}", "bold"), disabled=True)]
            for name in DECK_SETTINGS:
                own = self.config.deck_value(name, deck_id)
                text = f"global: {getattr(self.config, name)}" if own is None else str(own)
                row = row_text(self.infos[name], text, own is not None, indent="  ")
                options.append(Option(row, f"{name}@{deck_id}"))
        option_list = self.query_one(OptionList)
        keep = option_list.highlighted
        option_list.set_options(options)
        option_list.highlighted = keep if keep is not None else 0
        self.show_help()

    @on(OptionList.OptionHighlighted)
    def show_help(self) -> None:
        """The highlighted setting's meaning, range and whole value."""
        key = self._highlighted()
        if key is None:
            return
        name, _, deck_id = key.partition("@")
        info = self.infos[name]
        command = f"quizapp config set {name}" + (f" --deck {deck_id}" if deck_id else "")
        self.query_one("#setting-help", Static).update(
            Content("\n").join(
                [
                    self._title(name, deck_id),
                    Content(DECK_HELP if deck_id else info.help),
                    Content.styled(f"Allowed: {info.allowed} · {command}", "dim"),
                ]
            )
        )

    def _title(self, name: str, deck_id: str) -> Content:
        """The setting's label, and the deck's title (deck text) for a deck's own value."""
        title = Content.styled(self.infos[name].label, "bold")
        if deck_id:
            title += Content(f" for {self.workspace.library.decks[deck_id].title}")
        return title

    def _highlighted(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        return None if option is None else option.id

    # -- changing --------------------------------------------------------------------

    @saves
    def action_change(self) -> None:
        key = self._highlighted()
        if key is None:
            return
        name, _, deck_id = key.partition("@")
        if name == "theme":
            self.app.action_change_theme()  # Textual's picker; the app saves the choice
            return
        current = self.config.deck_value(name, deck_id) if deck_id else None
        value = getattr(self.config, name) if current is None else current
        if isinstance(value, bool):
            self._save(name, not value)
            return
        info = self.infos[name]
        question = Content("\n").join(
            [
                self._title(name, deck_id),
                Content(DECK_HELP if deck_id else info.help),
                Content.styled(f"Allowed: {info.allowed}", "dim"),
            ]
        )

        def check(text: str) -> Any:
            try:
                parsed = parse_setting(name, text)
                if deck_id:
                    with_deck_setting(self.config, name, deck_id, parsed)
                else:
                    with_settings(self.config, {name: parsed})
            except ValueError as error:  # the learner knows the label, not the config key
                raise ValueError(str(error).replace(name, info.label, 1)) from error
            return parsed

        def chosen(answer: tuple[Any] | None) -> None:
            if answer is not None:
                self._save(name, answer[0], deck_id)

        self.app.push_screen(SettingEditScreen(question, setting_text(name, value), check), chosen)

    @saves
    def action_default(self) -> None:
        key = self._highlighted()
        if key is None:
            return
        name, _, deck_id = key.partition("@")
        conn = self.workspace.conn
        if deck_id:
            reset_deck_setting(conn, name, deck_id)
        elif name in MEMORY_SETTINGS:
            self._confirm_recompute(name, None, forget=True)
            return
        else:
            if name == "theme":
                self.app.theme = DEFAULT_THEME  # first: the app saves each theme change
            reset_setting(conn, name)
        self.show_settings()

    @saves
    def _save(self, name: str, value: Any, deck_id: str = "") -> None:
        conn = self.workspace.conn
        if deck_id:
            save_deck_setting(conn, name, deck_id, value)
        elif name in MEMORY_SETTINGS:
            self._confirm_recompute(name, value)
            return
        else:
            save_setting(conn, name, value)
        self.show_settings()

    def _confirm_recompute(self, name: str, value: Any, forget: bool = False) -> None:
        """Memory settings change the state of every answered card: ask first."""
        label = self.infos[name].label
        new = "its default" if forget else setting_text(name, value)
        question = Content.assemble(
            ("Change ", "bold"),
            (f"{label} to {new}?", "bold"),
            "\n\nEvery answered card's memory state is recomputed from your review log "
            "under the new setting (in one step: nothing changes if it is stopped). Due "
            "dates stay; each card's next interval follows the new setting.",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                changes = {} if forget else {name: value}
                self.query_one(OptionList).loading = True
                self.recompute(changes, [name] if forget else [])

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="settings-recompute")
    def recompute(self, changes: dict[str, Any], forget: list[str]) -> None:
        """The change and the recomputation in one transaction, on the worker's connection."""
        from quizapp.srs.recompute import change_memory_settings
        from quizapp.store.connection import open_store

        try:
            conn = open_store(self.workspace.settings.db_path, create=False)
            try:
                result = change_memory_settings(conn, changes, forget=forget)
            finally:
                conn.close()
        except WRITE_ERRORS as error:
            self.post_message(Recomputed(None, not_saved_message(error)))
            return
        self.post_message(Recomputed(result, None))

    @on(Recomputed)
    def recomputed(self, message: Recomputed) -> None:
        result, error = message.result, message.error
        self.query_one(OptionList).loading = False
        if error is not None:
            self.notify(error, title="Not saved", severity="error", timeout=20, markup=False)
        elif result is not None:
            self.notify(f"Saved; recomputed the memory state of {plural(result.cards, 'card')}.")
        self.show_settings()


def _shown(name: str, value: Any) -> str:
    """A value for the list: the empty ones in words."""
    if name == "timezone" and not value:
        return "this computer's"
    return setting_text(name, value)
