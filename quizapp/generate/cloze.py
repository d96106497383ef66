"""Cloze cards: a relation's statement with one end deleted, and hand-written cloze cards."""

import re

from quizapp.generate.card import Card, card_id
from quizapp.generate.index import DeckIndex
from quizapp.generate.text import topic_of
from quizapp.generate.wording import fill_sentence

GAP = "[...]"
DELETION = re.compile(r"\{\{(.+?)\}\}")


def cloze_cards(ix: DeckIndex) -> list[Card]:
    """Delete an end only where the rest of the sentence determines it.

    "[...] is a feature of DM" has twenty right answers; a self-graded card must
    have one, so an end is deleted only when it is the sole one of its relation type.
    """
    deck = ix.deck
    cards: list[Card] = []
    for r in ix.facts:
        source, target = ix.entity(r.source), ix.entity(r.target)
        if source.uncertain or target.uncertain:
            continue
        statement = deck.relation_types[r.type].statement
        unique = {
            "to": len(ix.out[(r.source, r.type)]) == 1,
            "from": len(ix.into[(r.type, r.target)]) == 1,
        }
        for end, deleted in (("to", target), ("from", source)):
            if not unique[end]:
                continue
            shown_from = GAP if end == "from" else source.name
            shown_to = GAP if end == "to" else target.name
            cards.append(
                Card(
                    id=card_id(deck.id, "cloze", r.id, end),
                    deck=deck.id,
                    kind="cloze",
                    topic=topic_of(source.topic, target.topic),
                    prompt=fill_sentence(statement, shown_from, shown_to, ix.proper),
                    answer=deleted.name,
                    sources=r.sources,
                    tests=(r.id,),
                    loc=r.loc,
                    extra=r.note,
                )
            )
    return cards


def cloze_text(text: str) -> tuple[str, str]:
    """A hand-written cloze text as (prompt with gaps, the deleted terms)."""
    terms = DELETION.findall(text)
    return DELETION.sub(GAP, text), "; ".join(terms)
