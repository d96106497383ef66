"""The question side of a card: what kind it is, its topic, and the prompt as written."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quizapp.generate.card import Card

KIND_NAMES = {
    "basic": "Question",
    "reverse": "Reverse",
    "cloze": "Fill the gap",
    "mcq": "Multiple choice",
    "mnemonic": "Mnemonic",
    "comparison": "Comparison",
    "vignette": "Case vignette",
}


def card_header(
    card: Card, topic_title: str, *, flagged: bool = False, leech: bool = False
) -> Content:
    """Kind · topic, then flags; the topic title is deck text."""
    parts: list[Content | str | tuple[str, str]] = [
        (KIND_NAMES.get(card.kind, card.kind), "bold $accent"),
        (" · ", "dim"),
        Content.styled(topic_title, "dim"),
    ]
    if flagged:
        parts.append(("  ⚑ flagged", "bold $warning"))
    if leech:
        parts.append(("  leech", "bold $error"))
    return Content.assemble(*parts)


class CardView(Static):
    """Header line and prompt; never parses deck text as markup."""

    DEFAULT_CSS = """
    CardView { padding: 0 1; margin-bottom: 1; }
    """

    def show(self, card: Card, topic_title: str, *, flagged: bool, leech: bool) -> None:
        header = card_header(card, topic_title, flagged=flagged, leech=leech)
        self.update(Content("\n").join([header, Content(""), Content(card.prompt)]))
