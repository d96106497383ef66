"""A whole card at once, for browsing: question, options with explanations, answer, source."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quizapp.deck.header import DeckHeader
from quizapp.deck.model import Deck
from quizapp.generate.card import Card
from quizapp.tui.widgets.answer_view import option_line
from quizapp.tui.widgets.card_view import card_header
from quizapp.tui.widgets.source_view import source_text


def preview_text(card: Card, topic_title: str, deck: Deck | DeckHeader | None) -> Content:
    """The card under its header (kind, topic), its id, and where it comes from."""
    lines = [
        card_header(card, topic_title),
        Content.styled(card.id, "dim"),
        Content(""),
        Content(card.prompt),
        Content(""),
    ]
    if card.options:
        for option in card.options:
            lines.append(option_line(option, None))
            lines.append(Content.styled("     " + option.explanation, "dim"))
    else:
        lines.append(Content.assemble(("Answer: ", "bold"), (card.answer, "bold $success")))
    if card.extra:
        lines += [Content(""), Content(card.extra)]
    lines += [Content(""), source_text(card, deck)]
    return Content("\n").join(lines)


class CardPreview(Static):
    DEFAULT_CSS = """
    CardPreview { padding: 0 1; }
    """

    def show(self, card: Card, topic_title: str, deck: Deck | DeckHeader | None) -> None:
        self.update(preview_text(card, topic_title, deck))
