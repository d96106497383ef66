"""Building a quiz block (decks, topics, pool, size, tutor or timed) and resuming or
reopening one: the entry to quizzes, pushed by the home screen with no arguments."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, RadioSet, SelectionList, Static
from textual.widgets.option_list import Option

from quizapp.quiz.builder import (
    DEFAULT_SECONDS_PER_QUESTION,
    MAX_SIZE,
    BlockSpec,
    Mode,
    Pool,
    QuizBuildError,
    block_capacity,
    build_block,
    candidates,
    quiz_cards,
    topics_of,
)
from quizapp.quiz.scoring import BlockSummary, history
from quizapp.store.form_choices import last_choices, remember_choices
from quizapp.store.timeutil import to_micros
from quizapp.tui.base import QuizappScreen
from quizapp.tui.quiz.question_screen import QuizQuestionScreen
from quizapp.tui.quiz.results_screen import QuizResultsScreen
from quizapp.tui.widgets.toggle_glyphs import ChoiceButton, TickList

POOLS = (
    (Pool.UNUSED, "Unused"),
    (Pool.INCORRECT, "Incorrect"),
    (Pool.FLAGGED, "Flagged"),
    (Pool.ALL, "All"),
)
MODES = ((Mode.TUTOR, "Tutor"), (Mode.TIMED, "Timed"))
RECENT_BLOCKS = 30
FORM = "quiz_builder"  # where the last choices are kept (quizapp.store.form_choices)
NARROW = 100  # below this width the topic list goes under the deck list


class CountInput(Input):
    """The number of questions: it takes digits only, so letters stay the screen's keys
    (s starts, r resumes) even while it has focus."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isdigit()


def block_line(summary: BlockSummary) -> Content:
    """A block in the list: open ones to resume, submitted ones to see again."""
    when = summary.created_at.strftime("%Y-%m-%d")
    if summary.submitted:
        head = Content.assemble(
            (f"#{summary.id:<3} {summary.share:4.0%} ", "bold"),
            f"{summary.correct}/{summary.total} {when}  ",
        )
    else:
        head = Content.assemble(
            (f"#{summary.id:<3} resume ", "bold $warning"),
            f"{summary.answered}/{summary.total} answered {when}  ",
        )
    return head + Content(summary.title)


class QuizBuilderScreen(QuizappScreen[None]):
    """Choose what to be tested on; the list below resumes open blocks and reopens old ones.

    It leads the way through a block: question screen, then (once submitted) results."""

    CSS_PATH = "builder_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: s and r work whatever has focus (the only text field takes digits)
        Binding("s", "start", "Start", tooltip="Start a block as chosen", priority=True),
        Binding(
            "r", "resume", "Resume", tooltip="Resume the highlighted open block", priority=True
        ),
        Binding("escape", "back", "Back", tooltip="Back to the decks"),
    ]

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    def compose(self) -> ComposeResult:
        yield Static("Build a quiz block", id="builder-title")
        with Horizontal(id="builder-choices"):
            with Container(id="builder-lists"):
                yield TickList[str](id="builder-decks")
                yield TickList[tuple[str, str]](id="builder-topics")
            with Vertical(id="builder-side"):
                with RadioSet(id="builder-pool"):
                    for i, (pool, label) in enumerate(POOLS):
                        yield ChoiceButton(label, value=i == 0, id=f"pool-{pool}")
                with RadioSet(id="builder-mode"):
                    for i, (mode, label) in enumerate(MODES):
                        yield ChoiceButton(label, value=i == 0, id=f"mode-{mode}")
        with Horizontal(id="builder-size-row"):
            yield Static("Questions", id="builder-size-label")
            yield CountInput("20", type="integer", max_length=3, id="builder-size")
            yield Static(id="builder-available")
        yield Static("Your blocks (enter: resume, or see results)", id="builder-blocks-title")
        yield OptionList(id="builder-blocks")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#builder-decks").border_title = "Decks"
        self.query_one("#builder-topics").border_title = "Topics"
        self.query_one("#builder-pool").border_title = "Pool"
        self.query_one("#builder-mode").border_title = "Mode"
        library = self.workspace.library
        last = last_choices(self.workspace.conn, FORM)
        deck_ids = sorted({card.deck for card in quiz_cards(library)})
        ticked = set(last.get("decks") or ()) & set(deck_ids) or set(deck_ids)
        decks = self.query_one("#builder-decks", SelectionList)
        for deck_id in deck_ids:
            deck = library.decks.get(deck_id)
            decks.add_option((Content(deck.title if deck else deck_id), deck_id, deck_id in ticked))
        topics = {tuple(pair) for pair in last.get("topics") or () if isinstance(pair, list)}
        self._fill_topics(topics)
        self._restore(last)
        self._refresh_blocks()
        self._update_available()
        decks.focus()

    def on_screen_resume(self) -> None:
        """Back from a block (paused or submitted): the pools and the list have changed."""
        self._refresh_blocks()
        self._update_available()

    # --- reading the choices -----------------------------------------------------------------

    def _selected_decks(self) -> tuple[str, ...]:
        return tuple(self.query_one("#builder-decks", SelectionList).selected)

    def _fill_topics(self, chosen: set[tuple[str, str]] | None = None) -> None:
        """The chosen decks' topics: those ticked before stay ticked, new ones come ticked;
        `chosen` (the remembered ones, if any of them is still there) ticks only those."""
        topics = self.query_one("#builder-topics", SelectionList)
        was_off = {
            topics.get_option_at_index(i).value
            for i in range(topics.option_count)
            if topics.get_option_at_index(i).value not in topics.selected
        }
        topics.clear_options()
        pairs = topics_of(self.workspace.library, self._selected_decks())
        if chosen and chosen & set(pairs):
            was_off = set(pairs) - chosen
        for deck, topic in pairs:
            title = self.workspace.library.topic_label(deck, topic)
            topics.add_option((Content(title), (deck, topic), (deck, topic) not in was_off))

    def _restore(self, last: dict[str, object]) -> None:
        """Pool, mode and size as last used, where still valid."""
        for name, choices in (("pool", POOLS), ("mode", MODES)):
            for value, _label in choices:
                if last.get(name) == value:
                    self.query_one(f"#{name}-{value}", ChoiceButton).value = True
        size = last.get("size")
        if isinstance(size, int) and 1 <= size <= MAX_SIZE:
            self.query_one("#builder-size", Input).value = str(size)

    def _remember(self, spec: BlockSpec) -> None:
        """Keep the choices of a block started, for the next visit."""
        topics = [list(pair) for pair in spec.topics]
        choices = {"decks": list(spec.decks), "topics": topics, "pool": spec.pool}
        choices |= {"mode": spec.mode, "size": spec.size}
        remember_choices(self.workspace.conn, FORM, choices)

    def spec(self) -> BlockSpec:
        """The block the screen describes now; QuizBuildError when it describes none."""
        decks = self._selected_decks()
        if not decks:
            raise QuizBuildError("choose at least one deck")
        topic_list = self.query_one("#builder-topics", SelectionList)
        topics = tuple(topic_list.selected)
        if not topics:
            raise QuizBuildError("choose at least one topic")
        if len(topics) == topic_list.option_count:
            topics = ()  # every topic: also those a deck update adds later
        text = self.query_one("#builder-size", Input).value.strip()
        size = int(text) if text.lstrip("-").isdigit() else 0
        if not 1 <= size <= MAX_SIZE:
            raise QuizBuildError(f"the number of questions must be 1 to {MAX_SIZE}")
        pool = POOLS[max(self.query_one("#builder-pool", RadioSet).pressed_index, 0)][0]
        mode = MODES[max(self.query_one("#builder-mode", RadioSet).pressed_index, 0)][0]
        return BlockSpec(pool=pool, size=size, mode=mode, decks=decks, topics=topics)

    def _update_available(self) -> None:
        label = self.query_one("#builder-available", Static)
        try:
            spec = self.spec()
        except QuizBuildError as error:
            label.update(Content.styled(str(error).capitalize(), "$warning"))
            return
        pool = candidates(self.workspace.conn, self.workspace.library, spec)
        capacity = block_capacity(pool)
        size = min(spec.size, capacity)
        text = f"{len(pool)} available in this pool"
        if capacity < len(pool):  # no fact, question or answer twice in a block (no giveaways)
            text = f"{len(pool)} available: about {capacity} fit one block"
        if spec.mode is Mode.TIMED and size:  # its own line: a wrap split "90 | s each"
            minutes = size * DEFAULT_SECONDS_PER_QUESTION / 60
            text += f"\nTimed: {DEFAULT_SECONDS_PER_QUESTION} s each, {minutes:.0f} min"
        label.update(text)

    def _refresh_blocks(self) -> None:
        """Open blocks first, the newest highlighted: enter or r resumes it at once."""
        blocks = self.query_one("#builder-blocks", OptionList)
        rows = history(self.workspace.conn)
        rows = [r for r in rows if not r.submitted] + [r for r in rows if r.submitted]
        blocks.set_options(Option(block_line(r), id=str(r.id)) for r in rows[:RECENT_BLOCKS])
        if not rows:
            blocks.add_option(Option(Content.styled("No blocks yet.", "dim"), disabled=True))
        blocks.highlighted = 0 if rows and not rows[0].submitted else None

    @on(SelectionList.SelectedChanged, "#builder-decks")
    def _decks_changed(self) -> None:
        self._fill_topics()
        self._update_available()

    @on(SelectionList.SelectedChanged, "#builder-topics")
    @on(RadioSet.Changed)
    @on(Input.Changed)
    def _choice_changed(self) -> None:
        self._update_available()

    # --- actions -------------------------------------------------------------------------------

    @on(Input.Submitted)
    def action_start(self) -> None:
        """Build the block and start answering it."""
        workspace = self.workspace
        now = workspace.clock()
        try:
            # the seed comes from the clock: a new block each time, the same one in tests
            spec = replace(self.spec(), seed=to_micros(now) % 2**31)
            block_id = build_block(workspace.conn, workspace.library, spec, now)
            self._remember(spec)
        except QuizBuildError as error:
            # the message may quote deck text (topic names): shown literally
            self.notify(str(error).capitalize(), severity="warning", markup=False)
            return
        self._take(block_id)

    def action_resume(self) -> None:
        """Resume the highlighted block if it is open, else the newest open block."""
        open_ids = [r.id for r in history(self.workspace.conn) if not r.submitted]
        if not open_ids:
            self.notify("No open block to resume.")
            return
        highlighted = self.query_one("#builder-blocks", OptionList).highlighted_option
        chosen = int(highlighted.id) if highlighted is not None and highlighted.id else None
        self._open(chosen if chosen in open_ids else open_ids[0])

    @on(OptionList.OptionSelected, "#builder-blocks")
    def _block_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._open(int(event.option.id))

    def _open(self, block_id: int) -> None:
        summary = next(r for r in history(self.workspace.conn) if r.id == block_id)
        if summary.submitted:
            self.app.push_screen(QuizResultsScreen(block_id))
        else:
            self._take(block_id)

    def _take(self, block_id: int) -> None:
        """Answer the block; its results follow once it is submitted."""

        def closed(submitted: bool | None) -> None:
            if submitted:
                self.app.push_screen(QuizResultsScreen(block_id))

        self.app.push_screen(QuizQuestionScreen(block_id), closed)

    def action_back(self) -> None:
        self.dismiss()
