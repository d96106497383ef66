"""States that read without colour: ✓ on a ticked item, ● on the chosen radio button and
○ on the others, ▶ on the highlighted option of a list (Textual's stock widgets draw the
same X or ● in both states, and a highlight as a background, told apart by colour alone)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import OptionList, RadioButton, SelectionList
from textual.widgets._selection_list import SelectionType
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import Option, OptionDoesNotExist

TICKED, UNTICKED = "✓", " "
CHOSEN, NOT_CHOSEN = "●", "○"


class TickList(SelectionList[SelectionType]):
    """A SelectionList whose box holds ✓ when ticked and stays empty when not."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip  # not an option's line
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        glyph = TICKED if option.value in self.selected else UNTICKED
        segments[1] = Segment(glyph, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)


class ChoiceButton(RadioButton):
    """A RadioButton drawn ● when chosen and ○ when not."""

    @property  # read by ToggleButton when it draws the button
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return CHOSEN if self.value else NOT_CHOSEN


class MarkedOptionList(OptionList):
    """An OptionList whose highlighted option carries ▶ as well as its background, so the
    one enter would pick is visible without colour."""

    MARK, NO_MARK = "▶ ", "  "

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._plain: list[Content] = []  # each option's prompt without the mark
        self._marked: int | None = None

    def set_marked_options(self, options: Iterable[Option]) -> None:
        """Replace the options; their prompts must be Content (deck text, never markup)."""
        options = list(options)
        self._plain = [option.prompt for option in options]  # type: ignore[misc]
        self._marked = None
        self.set_options(
            Option(Content(self.NO_MARK) + plain, id=option.id, disabled=option.disabled)
            for option, plain in zip(options, self._plain, strict=True)
        )

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted == self._marked:
            return
        for index, mark in ((self._marked, self.NO_MARK), (highlighted, self.MARK)):
            if index is not None and index < min(len(self._plain), self.option_count):
                self.replace_option_prompt_at_index(index, Content(mark) + self._plain[index])
        self._marked = highlighted
