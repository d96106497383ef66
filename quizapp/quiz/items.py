"""A quiz item as it was shown: frozen at block creation, stored as JSON with the block.

A vignette is rendered once with the block's seed; storing the rendered text (not just the
card id and seed) means the review shows exactly what was answered even after the deck or
the generator changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from quizapp.generate.card import Card

QUIZ_KINDS = ("mcq", "vignette")


@dataclass(frozen=True, slots=True)
class QuizOption:
    """One option as shown, with why it is right or wrong."""

    label: str
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True, slots=True)
class QuizItem:
    """The question as shown in the block; `seed` is the vignette's rendering seed."""

    card_id: str
    deck: str
    kind: str
    topic: str
    prompt: str
    options: tuple[QuizOption, ...]
    seed: int | None = None
    extra: str | None = None
    category: str | None = None

    @property
    def key(self) -> str:
        """The label of the correct option."""
        return next(o.label for o in self.options if o.correct)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(o.label for o in self.options)

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "card_id": self.card_id,
            "deck": self.deck,
            "kind": self.kind,
            "topic": self.topic,
            "prompt": self.prompt,
            "options": [
                {
                    "label": o.label,
                    "text": o.text,
                    "correct": o.correct,
                    "explanation": o.explanation,
                }
                for o in self.options
            ],
            "seed": self.seed,
            "extra": self.extra,
            "category": self.category,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> QuizItem:
        data = json.loads(text)
        options = tuple(QuizOption(**option) for option in data.pop("options"))
        return cls(options=options, **data)

    @classmethod
    def from_card(cls, card: Card) -> QuizItem:
        return cls(
            card_id=card.id,
            deck=card.deck,
            kind=card.kind,
            topic=card.topic,
            prompt=card.prompt,
            options=tuple(
                QuizOption(o.label, o.text, o.correct, o.explanation) for o in card.options
            ),
            seed=card.seed,
            extra=card.extra,
            category=card.category,
        )


def is_quiz_card(card: Card) -> bool:
    """Only single-best-answer items with exactly one key can be scored."""
    return card.kind in QUIZ_KINDS and sum(o.correct for o in card.options) == 1
