"""The home screen's list of decks: today's counts and topics, one entry per deck."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets.option_list import Option

from quizapp.plural import plural
from quizapp.tui.widgets.toggle_glyphs import MarkedOptionList

if TYPE_CHECKING:
    from quizapp.srs.session import Counts
    from quizapp.workspace.decks import DeckSummary

ALL_DECKS = "*all*"  # the option id of "All decks" (deck ids never contain '*')


def counts_line(counts: Counts) -> Content:
    """New / learning / due in Anki's order, each in its own theme colour."""
    return Content.assemble(
        ("New ", "dim"), (str(counts.new), "bold $primary"),
        ("   Learning ", "dim"), (str(counts.learning), "bold $error"),
        ("   Due ", "dim"), (str(counts.review), "bold $success"),
    )  # fmt: skip


def deck_prompt(summary: DeckSummary) -> Content:
    """Title, counts and topics; the title and topics are deck text, never markup."""
    lines = [Content.styled(summary.title, "bold"), Content("  ") + counts_line(summary.counts)]
    if summary.held_by:
        limits = ", ".join(
            f"{limit} new" if name == "new" else plural(limit, "review")
            for name, limit in summary.held_by
        )
        note = f"  Daily limit for all decks together: {limits} (a deck alone has its own)"
        lines.append(Content.styled(note, "dim"))
    if summary.topics:
        lines.append(Content.styled("  Topics: " + " · ".join(summary.topics), "dim"))
    return Content("\n").join(lines)


class DeckList(MarkedOptionList):
    """Enter studies the highlighted deck; the screen decides what that means."""

    DEFAULT_CSS = """
    DeckList {
        height: 1fr;
        & > .option-list--option { padding: 0 1; }
        /* a light highlight, so the coloured counts stay readable on it */
        & > .option-list--option-highlighted { background: $primary 20%; }
        &:focus > .option-list--option-highlighted { background: $primary 30%; }
    }
    """

    def show(self, summaries: list[DeckSummary]) -> None:
        """Replace the entries, keeping the highlighted deck highlighted."""
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self.set_marked_options(
            Option(deck_prompt(s), id=s.deck_id or ALL_DECKS) for s in summaries
        )
        ids = [s.deck_id or ALL_DECKS for s in summaries]
        if ids:
            self.highlighted = ids.index(keep) if keep in ids else 0

    @property
    def selected_deck(self) -> str | None:
        """The highlighted deck's id; None for "All decks" (or nothing highlighted)."""
        option = self.highlighted_option
        if option is None or option.id == ALL_DECKS:
            return None
        return option.id
