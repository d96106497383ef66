"""Custom study: today's cards of one topic, one kind or the flagged ones (scheduled as
usual), or cram any of them ahead of time without touching the schedule; and, for a
backlog, postpone or advance the chosen decks' reviews."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.content import Content
from textual.widgets import Footer, Label, Select, Static

from quizapp.plural import plural
from quizapp.srs.control import advance, postpone
from quizapp.srs.cram import CramSession
from quizapp.srs.session import StudySession
from quizapp.store.form_choices import last_choices, remember_choices
from quizapp.store.queue import StudyScope
from quizapp.tui.base import QuizappScreen
from quizapp.tui.navigation import SessionRequested
from quizapp.tui.widgets.card_view import KIND_NAMES
from quizapp.tui.widgets.number_screen import NumberScreen
from quizapp.tui.write_errors import saves

if TYPE_CHECKING:
    from collections.abc import Callable

    from quizapp.workspace import Workspace

ALL = "*all*"  # "any" in each list (deck, topic and kind ids never contain '*')
DUE, CRAM = "due", "cram"
MODES = (
    (DUE, "Due today: answers schedule as usual"),
    (CRAM, "Cram: every matching card, schedule untouched"),
)
CARDS = ((False, "All matching cards"), (True, "Flagged cards only"))
FORM = "custom_study"  # where the last choices are kept (quizapp.store.form_choices)


def remembered(stored: object, values: list[object], default: object) -> object:
    """The stored choice if it is still one of `values` (JSON made a topic's tuple a
    list), else `default`: a deck update may have removed it."""
    if isinstance(stored, list):
        stored = tuple(stored)
    return stored if stored in values else default


class CustomStudyScreen(QuizappScreen[None]):
    """Four choices, what they match, and s to start."""

    CSS_PATH = "custom_study_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "Start"),
        Binding("p", "postpone", "Postpone", tooltip="Spread today's review backlog over days"),
        Binding("v", "advance", "Advance", tooltip="Bring later days' reviews into today"),
        Binding("escape", "app.home", "Decks"),
    ]

    def __init__(self, deck_id: str | None = None) -> None:
        super().__init__()
        self.deck_id = deck_id

    def compose(self) -> ComposeResult:
        library = self.workspace.library
        decks = [(Content(deck.title), deck_id) for deck_id, deck in library.decks.items()]
        kinds = sorted({card.kind for card in library.cards.values()})
        kind_options = [(Content(KIND_NAMES.get(k, k)), k) for k in kinds]
        yield Static("Custom study", id="custom-title")
        deck = self.deck_id if self.deck_id in library.decks else ALL
        last = last_choices(self.workspace.conn, FORM)
        choices: list[tuple[str, str, list[tuple[Content, object]], object]] = [
            ("Deck", "deck", [(Content("All decks"), ALL), *decks], deck),
            ("Topic", "topic", self._topics(self.deck_id), ALL),
            ("Kind", "kind", [(Content("Any kind"), ALL), *kind_options], ALL),
            ("Cards", "cards", [(Content(text), value) for value, text in CARDS], False),
            ("Mode", "mode", [(Content(text), value) for value, text in MODES], DUE),
        ]
        with Grid(id="custom-choices"):
            for label, name, options, default in choices:
                value = remembered(last.get(name), [value for _, value in options], default)
                yield Label(label)
                yield Select(options, value=value, allow_blank=False, id=f"custom-{name}")
        yield Static(id="custom-matches")
        yield Footer()

    def _topics(self, deck_id: str | None) -> list[tuple[Content, object]]:
        """Topics by title, of the chosen deck or (named with their deck) of all decks."""
        library = self.workspace.library
        decks = {deck_id: library.decks[deck_id]} if deck_id in library.decks else library.decks
        options: list[tuple[Content, object]] = [(Content("Any topic"), ALL)]
        for deck_id_, deck in decks.items():
            for topic_id, topic in deck.topics.items():
                title = topic.title if len(decks) == 1 else f"{deck.title} · {topic.title}"
                options.append((Content(title), (deck_id_, topic_id)))
        return options

    def on_mount(self) -> None:
        self.query_one("#custom-deck", Select).focus()
        self.show_matches()

    # -- what is chosen ------------------------------------------------------------------

    def _value(self, name: str) -> object:
        return self.query_one(f"#custom-{name}", Select).value

    def chosen_decks(self) -> list[str] | None:
        deck = self._value("deck")
        return [deck] if isinstance(deck, str) and deck != ALL else None

    def chosen_scope(self) -> StudyScope:
        topic, kind = self._value("topic"), self._value("kind")
        return StudyScope(
            topics=(topic,) if isinstance(topic, tuple) else (),
            kinds=(kind,) if isinstance(kind, str) and kind != ALL else (),
            flagged=self._value("cards") is True,
        )

    def session_maker(self) -> Callable[[Workspace], StudySession]:
        """What makes the session of the choices made now: scheduled as usual, or cram."""
        kind = CramSession if self._value("mode") == CRAM else StudySession
        decks, scope = self.chosen_decks(), self.chosen_scope()

        def make(workspace: Workspace) -> StudySession:
            return kind(workspace.conn, deck_ids=decks, clock=workspace.clock, scope=scope)

        return make

    def study_title(self) -> str:
        """What the study screen's top line says: the mode and the choices made."""
        library = self.workspace.library
        decks, scope = self.chosen_decks(), self.chosen_scope()
        named = len(library.decks) > 1  # the deck's title says nothing when it is the only one
        parts = [library.decks[deck_id].title for deck_id in decks or () if named]
        for deck_id, topic_id in scope.topics:
            parts.append(self.workspace.topic_title(deck_id, topic_id))
        parts += [KIND_NAMES.get(kind, kind) for kind in scope.kinds]
        if scope.flagged:
            parts.append("flagged")
        head = "Cram" if self._value("mode") == CRAM else "Custom"
        return " · ".join([head, *(parts or ["all cards"])])

    # -- reacting ------------------------------------------------------------------------

    @on(Select.Changed, "#custom-deck")
    def _deck_changed(self) -> None:
        deck = self._value("deck")
        topics = self.query_one("#custom-topic", Select)
        kept = topics.value  # a topic of the new deck stays chosen (as restored at mount)
        options = self._topics(deck if isinstance(deck, str) else None)
        topics.set_options(options)
        topics.value = remembered(kept, [value for _, value in options], ALL)
        self.show_matches()

    @on(Select.Changed, "#custom-topic, #custom-kind, #custom-cards, #custom-mode")
    def _choice_changed(self) -> None:
        self.show_matches()

    def show_matches(self) -> None:
        """How many cards the choices match, and what the mode will show of them."""
        session = self.session_maker()(self.workspace)
        if isinstance(session, CramSession):
            text = (
                f"{plural(len(session.queue), 'card')} to cram, soonest due first, then new"
                " ones. Answers change nothing: Again shows a card again a few cards later."
            )
            if session.buried:  # "0 cards" with one buried said nothing of it (trial 4)
                text += (
                    f" Not included: {plural(session.buried, 'card')} buried until tomorrow"
                    " (unbury in browse, b)."
                )
        else:
            counts = session.counts()
            due = counts.learning + counts.review
            text = (
                f"{plural(due, 'card')} due and {plural(counts.new, 'new card')} for today in "
                "this selection (daily limits apply). Answers are scheduled as in study."
            )
        self.query_one("#custom-matches", Static).update(
            Content(text + "\n\n") + Content.assemble(("s", "bold $accent"), " to start")
        )

    # -- a backlog: postpone or advance the chosen decks' reviews (due dates only) ---------

    def action_postpone(self) -> None:
        question = Content.assemble(
            ("Postpone: spread today's reviews over how many days?", "bold"),
            "\nToday included. The cards you are least likely to recall stay today; "
            "only due dates move.",
        )
        self.app.push_screen(NumberScreen(question, 7, 1, 365), self._postpone)

    def action_advance(self) -> None:
        question = Content.assemble(
            ("Advance: how many of the coming days' reviews to study today?", "bold"),
            "\nThe ones with the lowest recall now come first; only due dates move.",
        )
        self.app.push_screen(NumberScreen(question, 20, 1, 99_999), self._advance)

    @saves
    def _postpone(self, days: int | None) -> None:
        if days is not None:
            workspace = self.workspace
            moved = postpone(workspace.conn, days, workspace.clock(), self.chosen_decks())
            self.notify(f"{plural(moved, 'review')} moved to later days")
            self.show_matches()

    @saves
    def _advance(self, count: int | None) -> None:
        if count is not None:
            workspace = self.workspace
            moved = advance(workspace.conn, count, workspace.clock(), self.chosen_decks())
            self.notify(f"{plural(moved, 'review')} brought into today")
            self.show_matches()

    @saves
    def action_start(self) -> None:
        """Start, and keep the choices for the next visit (the deck follows home's)."""
        names = ("topic", "kind", "cards", "mode")
        remember_choices(self.workspace.conn, FORM, {name: self._value(name) for name in names})
        decks = self.chosen_decks() or list(self.workspace.library.decks)
        self.post_message(SessionRequested(decks, self.study_title(), self.session_maker()))
