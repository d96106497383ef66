"""Mnemonic cards: letter or word -> meaning, meaning -> letter, and the whole mnemonic."""

from collections import Counter

from quizapp.deck.model import Mnemonic
from quizapp.generate.card import Card, card_id
from quizapp.generate.index import DeckIndex
from quizapp.generate.text.common import topic_of
from quizapp.generate.text.wording import phrase


def mnemonic_cards(ix: DeckIndex) -> list[Card]:
    cards: list[Card] = []
    for m in ix.deck.mnemonics.values():
        cards.append(_whole(ix, m))
        seen: Counter[str] = Counter()
        repeated = Counter(i.key.casefold() for i in m.items)
        for item in m.items:
            seen[item.key] += 1
            # An item's id is its key, numbered when a key repeats; several items may share
            # an entity (HAIR, CHAIRS and STAIRS all test proximal weakness).
            ref = item.key if seen[item.key] == 1 else f"{item.key}#{seen[item.key]}"
            tests = (item.entity,) if item.entity else ()
            head = _head(ix, m)
            meaning = phrase(item.meaning, ix.proper)
            sides = [("key", f"{head}: which letter or word stands for {meaning}?", item.key)]
            if item.prompt:
                sides.insert(0, ("meaning", f"{head}: {item.prompt}", item.meaning))
            elif repeated[item.key.casefold()] == 1:  # a repeated key has two right answers
                sides.insert(
                    0, ("meaning", f"{head}: what does {item.key} stand for?", item.meaning)
                )
            for direction, prompt, answer in sides:
                cards.append(
                    Card(
                        id=card_id(ix.deck.id, "mnemonic", m.id, ref, direction),
                        deck=ix.deck.id,
                        kind="mnemonic",
                        topic=topic_of(m.topic),
                        prompt=prompt,
                        answer=answer,
                        sources=m.sources,
                        tests=tests,
                        loc=item.loc,
                    )
                )
    return cards


def _head(ix: DeckIndex, m: Mnemonic) -> str:
    """The mnemonic and what it is about, as an aside after a dash ("DUMBELS – the
    muscarinic signs of cholinergic excess"): `about` is read as a phrase, whether the deck
    wrote a phrase or a sentence, and is never put in brackets (it may hold its own, and a
    comma would blur into a title such as "HAIR, CHAIRS, STAIRS")."""
    return f"{m.title} – {phrase(m.about, ix.proper)}"


def _whole(ix: DeckIndex, m: Mnemonic) -> Card:
    return Card(
        id=card_id(ix.deck.id, "mnemonic", m.id),
        deck=ix.deck.id,
        kind="mnemonic",
        topic=topic_of(m.topic),
        prompt=f"{_head(ix, m)}: what does it stand for?",
        answer="\n".join(f"{i.key}: {i.meaning}" for i in m.items),
        sources=m.sources,
        tests=tuple(i.entity for i in m.items if i.entity),
        loc=m.loc,
    )
