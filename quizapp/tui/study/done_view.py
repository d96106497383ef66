"""The end of today's queue: what was done, and what the next days bring; or the end of
a cram session, which schedules nothing."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from quizapp.plural import plural

DAYS_SHOWN = 7


def answered_text(answered: int) -> Content:
    return Content(f"You answered {plural(answered, 'card')} in this session.")


def keys_text(undo: str) -> Content:
    return Content.assemble(
        "Press ", ("esc", "bold $accent"), " for the decks, ", ("u", "bold $accent"), undo
    )


def cram_done_text(answered: int) -> Content:
    """The end of a cram session: every matching card shown, no due date changed."""
    return Content("\n").join(
        [
            Content.styled("Cram session finished", "bold $success"),
            Content(""),
            answered_text(answered),
            Content("Cramming changes no schedule: your reviews are due as before."),
            Content(""),
            keys_text(" to take the last card back."),
        ]
    )


def done_text(answered: int, day: int | None, forecast: list[int] | None) -> Content:
    """`forecast[0]` is today; the next `DAYS_SHOWN` days follow it, tomorrow first."""
    lines = [
        Content.styled("Done for today!", "bold $success"),
        Content(""),
        answered_text(answered),
        Content(""),
    ]
    if forecast is None or day is None:
        lines.append(Content.styled("Working out the next days…", "dim"))
        return Content("\n").join(lines)
    lines.append(Content.styled("Coming up", "bold"))
    for offset in range(1, min(DAYS_SHOWN, len(forecast) - 1) + 1):
        when = "Tomorrow" if offset == 1 else date.fromordinal(day + offset).strftime("%a %d %b")
        lines.append(Content.assemble(f"  {when:<12}", (f"{forecast[offset]:>5}", "bold"), " due"))
    later = sum(forecast[1:])
    lines.append(Content.assemble(f"  {'Next 30 days':<12}", (f"{later:>5}", "bold"), " due"))
    lines.append(Content(""))
    lines.append(keys_text(" to undo the last answer."))
    return Content("\n").join(lines)


class DoneView(Static):
    DEFAULT_CSS = """
    DoneView { padding: 1 2; }
    """

    def show(
        self, answered: int, day: int | None = None, forecast: list[int] | None = None
    ) -> None:
        self.update(done_text(answered, day, forecast))

    def show_cram(self, answered: int) -> None:
        self.update(cram_done_text(answered))
