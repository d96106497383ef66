"""The question side of a card: what kind it is, its topic, and the prompt as written."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quizapp.generate.card import Card
from quizapp.tui.widgets.fold import lead_in_top

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

    _prompt = ""

    def show(self, card: Card, topic_title: str, *, flagged: bool, leech: bool) -> None:
        header = card_header(card, topic_title, flagged=flagged, leech=leech)
        self._prompt = card.prompt
        self.update(Content("\n").join([header, Content(""), Content(card.prompt)]))

    def lead_in_top(self) -> int:
        """Rows from this view's top to the prompt's last paragraph, which the answer keeps
        in view when the stem cannot stay too (see `fold.lead_in_top`)."""
        return lead_in_top(self, self._prompt)
