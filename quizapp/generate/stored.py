"""A card as the progress file keeps it: exact JSON, so a card read back equals the card
generated (`decode(encode(card)) == card`), and an unchanged deck is shown without
generating it again.

Positional lists rather than objects: the payload of every card of a deck is written at
sync and read when the card is shown, and short JSON is faster both ways. The layout
follows the dataclasses' fields; a change to them changes quizapp's code, which the
deck cache's key includes, so payloads are rewritten before any is read.
"""

import json

from quizapp.deck.errors import Location
from quizapp.generate.card import Card, Option
from quizapp.generate.evidence import Proof


def encode(card: Card) -> str:
    return json.dumps(
        [
            card.id,
            card.deck,
            card.kind,
            card.topic,
            card.prompt,
            card.answer,
            card.sources,
            card.tests,
            card.loc,
            [_option(o) for o in card.options],
            card.seed,
            card.extra,
            card.category,
            [_proof(p) for p in card.proof],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _option(o: Option) -> list:
    return [o.label, o.text, o.correct, o.explanation, o.entity, [_proof(p) for p in o.proof]]


def _proof(p: Proof) -> list:
    return [p.rule, p.fact, p.loc, p.ref, p.stated]


def decode(payload: str) -> Card:
    """The card `encode` wrote; ValueError (or TypeError) when the payload is damaged."""
    (id_, deck, kind, topic, prompt, answer, sources, tests, loc, options, seed, extra,
     category, proof) = json.loads(payload)  # fmt: skip
    return Card(
        id=id_,
        deck=deck,
        kind=kind,
        topic=topic,
        prompt=prompt,
        answer=answer,
        sources=tuple(sources),
        tests=tuple(tests),
        loc=Location(*loc),
        options=tuple(
            Option(label, text, correct, explanation, entity, _proofs(proofs))
            for label, text, correct, explanation, entity, proofs in options
        ),
        seed=seed,
        extra=extra,
        category=category,
        proof=_proofs(proof),
    )


def _proofs(items: list) -> tuple[Proof, ...]:
    return tuple(
        Proof(rule, fact, Location(*loc), ref, stated) for rule, fact, loc, ref, stated in items
    )
