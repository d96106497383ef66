"""What generators produce: one study item, whatever its kind.

A card's id is derived from the deck id, the generator and the ids of the
entities/relations it tests, never from its wording, so progress survives
rewording, typo fixes and reordering of the deck.
"""

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizapp.deck.errors import Location

if TYPE_CHECKING:
    from quizapp.generate.evidence import Proof


@dataclass(frozen=True)
class Option:
    """One answer option of a multiple-choice card or vignette."""

    label: str  # "A", "B", ...
    text: str
    correct: bool
    explanation: str
    entity: str | None = None  # the entity the option names, when it names one
    proof: tuple["Proof", ...] = ()  # the deck facts behind its verdict

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "text": self.text,
            "correct": self.correct,
            "explanation": self.explanation,
            "entity": self.entity,
            "proof": [p.to_json() for p in self.proof],
        }


@dataclass(frozen=True)
class Card:
    """A generated card. `tests` names what it tests; `loc` is the deck place it came from."""

    id: str
    deck: str
    kind: str
    topic: str
    prompt: str
    answer: str
    sources: tuple[str, ...]
    tests: tuple[str, ...]
    loc: Location
    options: tuple[Option, ...] = ()
    seed: int | None = None  # the seed a vignette was rendered with
    extra: str | None = None  # shown with the answer: a note, an explanation
    category: str | None = None  # what the options all are, e.g. "diagnosis"
    proof: tuple["Proof", ...] = ()  # for a card without options: why its answer is the one

    @property
    def sibling_key(self) -> str:
        """Cards testing the same first entity/relation are siblings (buried together)."""
        return self.tests[0] if self.tests else self.id

    def content_hash(self) -> str:
        """Changes when what a student sees changes (not when the YAML moves); never the id.

        Built from a tuple's repr rather than JSON: the app hashes every card at start-up.
        """
        options = tuple((o.label, o.text, o.correct, o.explanation) for o in self.options)
        shown = (self.kind, self.topic, self.prompt, self.answer, self.extra, self.category,
                 options, self.sources)  # fmt: skip
        return hashlib.sha256(repr(shown).encode()).hexdigest()[:16]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "deck": self.deck,
            "kind": self.kind,
            "topic": self.topic,
            "prompt": self.prompt,
            "answer": self.answer,
            "sources": list(self.sources),
            "tests": list(self.tests),
            "loc": str(self.loc),
            "options": [o.to_json() for o in self.options],
            "seed": self.seed,
            "extra": self.extra,
            "category": self.category,
            "proof": [p.to_json() for p in self.proof],
        }


# How many parts follow each generator in its cards' ids. Only the first part may hold a
# colon: another deck's entity (`deck:entity`) or a relation id that names one
# (`alpha.has_finding.myo:weakness`). None: a varying number, each an id of the card's own
# deck (comparison: table, row, one or two columns; mnemonic: itself, or item and side).
ID_PARTS: dict[str, int | None] = {
    "basic": 2,  # entity, relation type
    "reverse": 2,  # entity, relation type
    "attribute": 2,  # entity, attribute
    "state": 1,  # the state entity
    "result": 1,  # relation
    "caution": 2,  # condition, caution
    "alternative": 1,  # relation
    "cloze": 2,  # relation, end deleted ("from" or "to")
    "mcq": 2,  # relation, end asked for
    "most": 4,  # entity, relation type, measure, direction
    "vignette": 2,  # blueprint, lead-in
    "card": 1,  # the author's card
    "comparison": None,
    "mnemonic": None,
}


@dataclass(frozen=True)
class CardId:
    """A card id read into its parts, so no code splits id strings by hand.

    The stored id is `str(cid)`: deck, generator and parts joined by colons, the same
    bytes `card_id` has always written (ids live in progress files and exports). Reading
    one back: the deck and the generator are the text before the first and the second
    colon (deck ids and generators have none); the rest splits at every colon into the
    generator's `ID_PARTS`, the first part taking the colons left over. So
    `str(CardId.parse(s)) == s` for any id, and `CardId.parse(str(cid)) == cid` for any
    `cid` whose parts follow `ID_PARTS`.
    """

    deck: str
    generator: str
    parts: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "CardId":
        """The id's parts; ValueError for text with no colon, which no card id lacks."""
        deck, colon, rest = text.partition(":")
        if not colon:
            raise ValueError(f"not a card id: {text!r}")
        generator, colon, rest = rest.partition(":")
        segments = rest.split(":") if colon else []
        count = ID_PARTS.get(generator)
        if count is not None and len(segments) > count:
            first = len(segments) - count + 1
            segments = [":".join(segments[:first]), *segments[first:]]
        return cls(deck, generator, tuple(segments))

    def __str__(self) -> str:
        return ":".join((self.deck, self.generator, *self.parts))


def card_id(deck_id: str, generator: str, *tested: str) -> str:
    """Stable id: deck + generator + tested ids. Short enough to read in a log."""
    return str(CardId(deck_id, generator, tested))


@dataclass(frozen=True)
class LintFinding:
    """An item-writing problem, pinned to the deck place that produced the item."""

    loc: Location
    severity: str  # "error", "warning" or "note" (an item not generated, and how to get it)
    check: str
    message: str
    card_id: str | None = None

    def __str__(self) -> str:
        where = f" [{self.card_id}]" if self.card_id else ""
        return f"{self.loc}: {self.severity}: {self.check}: {self.message}{where}"


@dataclass
class Generated:
    """All cards a deck yields, plus what could not be generated and why."""

    cards: list[Card] = field(default_factory=list)
    findings: list[LintFinding] = field(default_factory=list)
    lost: list[LintFinding] = field(default_factory=list)  # items not generated for want of proof
