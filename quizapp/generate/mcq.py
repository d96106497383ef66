"""Single-best-answer questions from relations: one true end among ends the deck says are false.

The question is the relation type's `ask_to` (key: the target) or `ask_from` (key:
the source). Options come from the kinds the relation type allows on the key's side,
so they are homogeneous. A distractor must not hold, not even uncertainly: those the
deck marks `absent` come first (known false), then entities that hold for other
entities of that relation type (plausible, and not stated for this one).
"""

from quizapp.deck.model import Relation
from quizapp.generate.card import Card, card_id
from quizapp.generate.index import DeckIndex
from quizapp.generate.text import Choice, labelled, mentions, pick, seeded, topic_of
from quizapp.generate.wording import fill_sentence


def mcq_cards(ix: DeckIndex, seed: int = 0, options: int = 5) -> list[Card]:
    cards: list[Card] = []
    for r in ix.facts:
        for end in ("to", "from"):
            card = relation_mcq(ix, r, end, seed, options)
            if card is not None:
                cards.append(card)
    return cards


def _terms(ix: DeckIndex, entity_id: str) -> tuple[str, ...]:
    e = ix.entity(entity_id)
    return (e.name, *e.aliases)


def relation_mcq(ix: DeckIndex, r: Relation, end: str, seed: int, options: int) -> Card | None:
    """The question for one relation asked towards `end`, or None when it cannot be fair."""
    deck = ix.deck
    rt = deck.relation_types[r.type]
    forward = end == "to"
    key, anchor = (r.target, r.source) if forward else (r.source, r.target)
    if ix.entity(key).uncertain or ix.entity(anchor).uncertain:
        return None
    prompt = fill_sentence(
        rt.ask_to if forward else rt.ask_from, ix.name(r.source), ix.name(r.target), ix.proper
    )
    if mentions(prompt, _terms(ix, key)):
        return None  # the question would name its own answer

    def holds(candidate: str) -> bool:
        pair = (anchor, r.type, candidate) if forward else (candidate, r.type, anchor)
        return ix.might_hold(*pair)

    def usable(candidate: str) -> bool:
        e = ix.entity(candidate)
        return (
            candidate != key
            and not e.uncertain
            and not holds(candidate)
            and not mentions(prompt, _terms(ix, candidate))
            and not mentions(e.name, _terms(ix, key))
            and not mentions(ix.name(key), _terms(ix, candidate))
        )

    cid = card_id(deck.id, "mcq", r.id, end)
    rng = seeded(cid, seed)
    known_false = ix.absent_out[(anchor, r.type)] if forward else ix.absent_into[(r.type, anchor)]
    chosen = pick(rng, list(known_false), options - 1, usable)
    pool = ix.targets_of_type[r.type] if forward else ix.sources_of_type[r.type]
    chosen += pick(rng, pool, options - 1 - len(chosen), lambda c: c not in chosen and usable(c))
    if len(chosen) < options - 1:
        return None
    choices = [
        Choice(
            ix.name(key),
            True,
            fill_sentence(rt.statement, ix.name(r.source), ix.name(r.target), ix.proper),
            key,
        )
    ]
    choices += [Choice(ix.name(c), False, _why_not(ix, r, end, c), c) for c in chosen]
    return Card(
        id=cid,
        deck=deck.id,
        kind="mcq",
        topic=topic_of(ix.entity(anchor).topic, ix.entity(key).topic),
        prompt=prompt,
        answer=ix.name(key),
        sources=r.sources,
        tests=(r.id,),
        loc=r.loc,
        options=labelled(choices),
        extra=r.note,
        category=category_label(ix, rt.to_kinds if forward else rt.from_kinds),
    )


def category_label(ix: DeckIndex, kinds: tuple[str, ...]) -> str:
    """The options' shared category: the kinds the relation type allows on the key's side."""
    return " or ".join(ix.deck.kinds[k].label for k in kinds)


def _why_not(ix: DeckIndex, r: Relation, end: str, candidate: str) -> str:
    """Why a distractor is wrong, in a sentence a student can learn from."""
    deck = ix.deck
    rt = deck.relation_types[r.type]
    anchor = r.source if end == "to" else r.target
    pair = (anchor, candidate) if end == "to" else (candidate, anchor)
    claim = fill_sentence(rt.statement, ix.name(pair[0]), ix.name(pair[1]), ix.proper).rstrip(".")
    if "absent" in [x.frequency for x in ix.pair.get(pair, ()) if x.type == r.type]:
        return f"Incorrect. The sources argue against it: it is not the case that {_lower_first(claim)}."
    if end == "to":
        others = [x.source for x in ix.into[(r.type, candidate)]]
        held = (
            fill_sentence(rt.statement, _names(ix, others), ix.name(candidate), ix.proper)
            if others
            else ""
        )
    else:
        others = [x.target for x in ix.out[(candidate, r.type)]]
        held = (
            fill_sentence(rt.statement, ix.name(candidate), _names(ix, others), ix.proper)
            if others
            else ""
        )
    return (
        f"Incorrect. {held}".rstrip()
        if held
        else f"Incorrect. This deck's sources do not say that {_lower_first(claim)}."
    )


def _lower_first(text: str) -> str:
    """Lower-case a sentence's first letter so it can follow 'that', unless it opens an acronym."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _names(ix: DeckIndex, ids: list[str], limit: int = 3) -> str:
    names = sorted({ix.name(i) for i in ids})
    shown = ", ".join(names[:limit])
    return shown + (" and others" if len(names) > limit else "")
