"""The options of a multiple-choice card or vignette, to pick one (a-h, or arrows + enter)."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from quizapp.generate.card import Option
from quizapp.tui.widgets.toggle_glyphs import MarkedOptionList


class OptionPicker(MarkedOptionList):
    """Posts `Picked` with the option's label; the screen decides what picking means."""

    DEFAULT_CSS = """
    OptionPicker {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
        margin: 0 1;
        &:focus { border: none; }
        & > .option-list--option { padding: 0 1; }
    }
    """

    class Picked(Message):
        def __init__(self, label: str) -> None:
            super().__init__()
            self.label = label

    def show(self, options: tuple[Option, ...]) -> None:
        self.set_marked_options(
            ListOption(Content.assemble((f"{o.label}  ", "bold"), o.text), id=o.label)
            for o in options
        )
        self.highlighted = None

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Bring the highlighted option into view in the card area too: the picker scrolls
        its own options, but the card area may hold it below the fold under a vignette."""
        super().watch_highlighted(highlighted)
        if highlighted is not None:
            self.scroll_visible(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(event.option.id))
