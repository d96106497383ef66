"""The home screen's "what to study today": cards waiting, the time it may take, and the
weakest topic (by title: deck text, never markup)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content

from quizapp.plural import plural

if TYPE_CHECKING:
    from quizapp.srs.knowledge import TodayPlan


def plan_text(plan: TodayPlan | None, topic_label: Callable[[str, str], str]) -> Content:
    """Two lines: what is waiting and for how long; then the topic to look at, named by
    `topic_label(deck, topic)`."""
    if plan is None:
        return Content.styled("Plan: counting…", "dim")
    waiting = [
        text
        for count, text in (
            (plan.reviews, plural(plan.reviews, "review")),
            (plan.new, plural(plan.new, "new card")),
            (plan.learning, f"{plan.learning} learning"),
        )
        if count
    ]
    if not waiting:
        first = Content.assemble(("Plan ", "bold"), "nothing left today: well done")
    else:
        first = Content.assemble(
            ("Plan ", "bold"),
            ", ".join(waiting),
            ": about ",
            (f"{max(1, round(plan.minutes))} min", "bold $accent"),
        )
    weakest = plan.weakest
    if weakest is None or weakest.accuracy is None:
        return first
    title = topic_label(weakest.deck, weakest.topic)
    return Content("\n").join(
        [
            first,
            Content.assemble(
                "     Weakest topic ",
                (title, "bold"),
                (f" ({weakest.accuracy:.0%} of {weakest.answers} answers, 30 days)", "dim"),
            ),
        ]
    )
