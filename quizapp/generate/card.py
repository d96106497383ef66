"""What generators produce: one study item, whatever its kind.

A card's id is derived from the deck id, the generator and the ids of the
entities/relations it tests, never from its wording, so progress survives
rewording, typo fixes and reordering of the deck.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from quizapp.deck.errors import Location

KINDS = ("basic", "reverse", "cloze", "mcq", "mnemonic", "comparison", "vignette")


@dataclass(frozen=True)
class Option:
    """One answer option of a multiple-choice card or vignette."""

    label: str  # "A", "B", ...
    text: str
    correct: bool
    explanation: str
    entity: str | None = None  # the entity the option names, when it names one


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

    @property
    def sibling_key(self) -> str:
        """Cards testing the same first entity/relation are siblings (buried together)."""
        return self.tests[0] if self.tests else self.id

    def content_hash(self) -> str:
        """Changes when what a student sees changes; never part of the id."""
        payload = json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def to_json(self) -> dict:
        data = asdict(self)
        data["loc"] = str(self.loc)
        data["sources"] = list(self.sources)
        data["tests"] = list(self.tests)
        data["options"] = [asdict(o) for o in self.options]
        return data


def card_id(deck_id: str, generator: str, *tested: str) -> str:
    """Stable id: deck + generator + tested ids. Short enough to read in a log."""
    return ":".join((deck_id, generator, *tested))


@dataclass(frozen=True)
class LintFinding:
    """An item-writing problem, pinned to the deck place that produced the item."""

    loc: Location
    severity: str  # "error" or "warning"
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
