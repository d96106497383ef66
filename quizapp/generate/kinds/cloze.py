"""Cloze cards: a relation's statement with one end deleted, and hand-written cloze cards."""

import re

from quizapp.generate.card import Card, card_id
from quizapp.generate.evidence import Proof, complete_where, fact_proof, listed, only_these
from quizapp.generate.index import DeckIndex
from quizapp.generate.text.common import cue_stems, topic_of, with_cited
from quizapp.generate.text.wording import fill_sentence, mid_sentence

GAP = "[...]"
DELETION = re.compile(r"\{\{(.+?)\}\}")


def sole_end(ix: DeckIndex, anchor: str, rtype: str, role: str) -> Proof | None:
    """Proof that `anchor` has exactly one end of `rtype`: a complete list of one.

    "[...] is a feature of DM" has twenty right answers, and a list the deck does
    not declare complete may miss the others (open world), so only a complete list
    of one makes a self-graded gap fair.
    """
    where = complete_where(ix, anchor, rtype, role)
    ends = listed(ix, anchor, rtype, role)
    if where is None or len(ends) != 1 or ix.ancestors(ends[0]):
        return None
    return Proof("complete", only_these(ix, anchor, rtype, role, ends), where, anchor)


def cloze_cards(ix: DeckIndex) -> list[Card]:
    """Delete an end only where a complete list proves it the one answer."""
    deck = ix.deck
    cards: list[Card] = []
    for r in ix.facts:
        source, target = ix.entity(r.source), ix.entity(r.target)
        if source.uncertain or target.uncertain:
            continue
        statement = deck.relation_types[r.type].statement
        for end, deleted in (("to", target), ("from", source)):
            anchor, role = (r.source, "from") if end == "to" else (r.target, "to")
            unique = sole_end(ix, anchor, r.type, role)
            if unique is None or cue_stems(deleted.name, ix.name(anchor)):
                continue  # no proof of one answer, or the gap repeats the shown name's words
            if _parent_asks(ix, anchor, r.type, role, deleted.id):
                continue
            shown_from = GAP if end == "from" else source.name
            shown_to = GAP if end == "to" else target.name
            prompt = fill_sentence(statement, shown_from, shown_to, ix.proper)
            cards.append(
                Card(
                    id=card_id(deck.id, "cloze", r.id, end),
                    deck=deck.id,
                    kind="cloze",
                    topic=topic_of(source.topic, target.topic),
                    prompt=prompt,
                    answer=deleted.name
                    if prompt.startswith(GAP)
                    else mid_sentence(deleted.name, ix.proper),
                    sources=with_cited(r.sources, r.sentence_sources),
                    tests=(r.id,),
                    loc=r.loc,
                    extra=r.note,
                    proof=(fact_proof(ix, r.id), unique),
                )
            )
    return cards


def _parent_asks(ix: DeckIndex, anchor: str, rtype: str, role: str, answer: str) -> bool:
    """Whether a parent of `anchor` has the same one answer, so its cloze asks the same:
    "Pompe disease / Infantile Pompe disease / Late-onset Pompe disease is caused by [...]"
    were three cards with one answer (clinician round 9)."""
    return any(
        sole_end(ix, parent, rtype, role) is not None
        and listed(ix, parent, rtype, role) == [answer]
        for parent in ix.entity(anchor).parents
    )


def cloze_text(text: str) -> tuple[str, str]:
    """A hand-written cloze text as (prompt with gaps, the deleted terms)."""
    terms = DELETION.findall(text)
    return DELETION.sub(GAP, text), "; ".join(terms)
