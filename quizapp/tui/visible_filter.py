"""The study app's last line of defence: no control character reaches the terminal.

Deck text is validated (control characters are refused with their place), but the app also
shows text from the progress file (quiz questions stored when they were asked), file names
and problem messages. Rather than trust every widget that shows text, this Textual line
filter rewrites each rendered line: a control character becomes its one-cell Unicode
control picture (U+241B for ESC, see `quizapp.terminal.picture`). Textual measures control
characters as zero cells wide, so the line is trimmed back to its measured width (its
padding goes first) and the layout does not move.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from quizapp.terminal import has_unprintable, picture


class VisibleControls(LineFilter):
    """Show control characters as control pictures, keeping the line's width."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(not s.control and has_unprintable(s.text) for s in segments):
            return segments  # the common case: nothing to change, nothing copied
        width = sum(cell_len(s.text) for s in segments if not s.control)
        shown = [s if s.control else Segment(picture(s.text), s.style) for s in segments]
        excess = sum(cell_len(s.text) for s in shown if not s.control) - width
        shown = _drop_padding(shown, excess)
        return list(Segment.adjust_line_length(shown, width, pad=False))


def _drop_padding(segments: list[Segment], excess: int) -> list[Segment]:
    """Take up to `excess` spaces off the ends of segments, rightmost first, so that a
    border or scrollbar after the text stays in its column."""
    segments = list(segments)
    for index in range(len(segments) - 1, -1, -1):
        if excess <= 0:
            break
        segment = segments[index]
        if segment.control:
            continue
        spaces = len(segment.text) - len(segment.text.rstrip(" "))
        take = min(spaces, excess)
        if take:
            segments[index] = Segment(segment.text[: len(segment.text) - take], segment.style)
            excess -= take
    return segments
