"""A question longer than the screen (a vignette at 60x24 or 80x24): the area it scrolls in,
the cue under it that it goes on below the fold, and how far to scroll once it is answered.

Study, a quiz block and its review share them, so a long question behaves the same on each:
the trial-4 student saw only options A-B of a quiz vignette, with no cue and no way to
scroll, where study at the same size said "▼ more below: ↓".
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from quizapp.tui.widgets.answer_view import AnswerView

MORE_BELOW = "▼ more below: ↓"


def answer_scroll(height: int, lead_in: int, choice: int, explanation: int) -> int:
    """How far to scroll the question area (`height` rows tall) once the answer shows, given
    where the lead-in starts and where the learner's choice and its explanation end.

    What a learner needs right after answering comes first: the choice and the verdict
    above it (which names the key) always show, then the question's lead-in; the
    explanation is scrolled to its end only as far as both allow (the rest is below, to
    scroll to), and the stem's start goes before the lead-in does."""
    return max(min(max(0, explanation - height), lead_in), choice - height)


def lead_in_top(view: Widget, prompt: str) -> int:
    """Rows from the top of `view` (which ends with `prompt`) to the prompt's last paragraph:
    a vignette's question after its stem, the whole question of a shorter item."""
    lines = len(Content(prompt.rsplit("\n\n", 1)[-1]).wrap(view.content_region.width))
    return max(0, view.content_region.height - lines)


class QuestionArea(VerticalScroll):
    """Where a question and its answer scroll (PgUp/PgDn, Home/End, the mouse)."""

    DEFAULT_CSS = """
    QuestionArea { height: 1fr; padding-top: 1; }
    /* An answer that does not fit loses its blank rows first (keep_answer_in_view). */
    QuestionArea.-tight {
        padding-top: 0;
        & AnswerView > .verdict { margin-bottom: 0; }
    }
    """

    def keep_answer_in_view(self, answer: AnswerView, prompt: Widget, text: str) -> None:
        """Scroll only as far as the explanation of the learner's choice needs, keeping the
        choice and the lead-in of the question (`text`, shown at the end of `prompt`) in
        view (`answer_scroll`). When the question and that explanation do not fit, the
        blank rows above the question and under the verdict go first (one more layout),
        so that on 80x24 a whole vignette usually still fits. `answer` and `prompt` are
        children of this area."""
        ends = answer.first_read()
        if ends is None or not answer.display:
            return
        choice, explanation = (answer.virtual_region.y + end for end in ends)
        height = self.scrollable_content_region.height
        if explanation > height and not self.has_class("-tight"):
            self.add_class("-tight")
            self.call_after_refresh(self.keep_answer_in_view, answer, prompt, text)
            return
        lead_in = prompt.virtual_region.y + lead_in_top(prompt, text)
        self.scroll_to(y=answer_scroll(height, lead_in, choice, explanation), animate=False)

    def ends_below_fold(self, widget: Widget) -> bool:
        """`widget` (a child of this area) ends below what is scrolled into view."""
        seen = self.scroll_y + self.scrollable_content_region.height
        return widget.virtual_region.bottom > seen


class FoldHint(Static):
    """The key hint under a `QuestionArea`, ruled off from it; the rule says "▼ more below: ↓"
    while the question's last part ends below the fold (the later options of a long
    vignette), which a scrollbar alone does not tell."""

    DEFAULT_CSS = """
    FoldHint {
        color: $text-muted;
        border-top: solid $primary 30%;
        border-title-align: right;
        border-title-color: $accent;
        border-title-style: bold;
    }
    """

    def follow(self, area: QuestionArea, last: Callable[[], Widget | None]) -> None:
        """Keep the cue right as `area` scrolls or its content changes; `last()` is the part
        that must be seen whole (the options), or None when there is none to cue."""
        self._area, self._last = area, last
        self.watch(area, "virtual_size", self.cue, init=False)
        self.watch(area, "scroll_y", self.cue, init=False)

    def cue(self) -> None:
        """Show the cue exactly while the last part ends below the fold."""
        last = self._last()
        below = last is not None and self._area.ends_below_fold(last)
        self.border_title = MORE_BELOW if below else None
