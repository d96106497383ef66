"""Where a card comes from: its place in the deck and the citations it rests on."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from quizapp.deck.header import DeckHeader
from quizapp.deck.model import Deck
from quizapp.generate.card import Card


def deck_place(card: Card) -> str:
    """Where in its deck the card comes from: file (with its folder) and line:col, without
    the install path ('/…/site-packages/quizapp/decks/iim/x.yaml' reads as developer text)."""
    loc = card.loc
    return f"{Path(*Path(loc.path).parts[-2:])}:{loc.line}:{loc.col}"


def source_text(card: Card, deck: Deck | DeckHeader | None) -> Content:
    """Deck location (file:line:col) and each cited source, literally."""
    lines = [Content.assemble(("Deck: ", "bold"), deck_place(card))]
    for source_id in card.sources:
        source = deck.sources.get(source_id) if deck is not None else None
        if source is None:
            lines.append(Content.assemble(("• ", "dim"), source_id))
            continue
        links = [x for x in (
            f"doi:{source.doi}" if source.doi else "",
            f"PMID {source.pmid}" if source.pmid else "",
            source.url or "",
        ) if x]  # fmt: skip
        tail = f"  ({', '.join(links)})" if links else ""
        lines.append(Content.assemble(("• ", "dim"), source.citation, (tail, "dim")))
    return Content("\n").join(lines)


class SourceView(Static):
    """Hidden until asked for (i); a separate panel so the card itself stays uncluttered."""

    DEFAULT_CSS = """
    SourceView {
        padding: 0 1;
        margin: 1 1 0 1;
        border-top: solid $primary 50%;
    }
    """

    def show(self, card: Card, deck: Deck | DeckHeader | None) -> None:
        self.update(source_text(card, deck))
