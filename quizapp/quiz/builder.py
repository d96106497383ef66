"""Building a block the way question banks do: decks, topics, a pool, a size and a mode.

Pools: `unused` (never put in a block), `incorrect` (latest submitted attempt wrong or
omitted), `flagged` (flagged in study, or marked in its latest block), `all`. Candidates
are the MCQ and vignette cards of the library that are synced and not retired. The block's
seed draws the sample and each vignette's rendering seed, so a block is reproducible.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from quizapp.errors import InvalidValue
from quizapp.generate.card import Card
from quizapp.plural import plural
from quizapp.quiz.items import QuizItem, is_quiz_card
from quizapp.store import quiz as store
from quizapp.store.timeutil import to_micros

DEFAULT_SECONDS_PER_QUESTION = 90  # USMLE pacing: about 1.5 minutes per item
MAX_SIZE = 200


class CardSource(Protocol):
    """Where blocks take their questions from: the generated cards by id, and a vignette
    rendered afresh with a seed (the app's library is one; tests may pass their own)."""

    @property
    def cards(self) -> Mapping[str, Card]: ...

    @property
    def decks(self) -> Mapping[str, Titled]: ...

    def render(self, card_id: str, seed: int) -> Card | None: ...

    def topic_label(self, deck_id: str, topic_id: str) -> str: ...


class Titled(Protocol):
    """A deck as block titles need it."""

    @property
    def title(self) -> str: ...


class Pool(StrEnum):
    """Which questions a block draws from."""

    UNUSED = "unused"
    INCORRECT = "incorrect"
    FLAGGED = "flagged"
    ALL = "all"


class Mode(StrEnum):
    """Tutor: explanation after each answer. Timed: a clock, explanations at the end."""

    TUTOR = "tutor"
    TIMED = "timed"


class QuizBuildError(InvalidValue):
    """A block that cannot be built as asked (nothing matches, a bad size); says why."""


@dataclass(frozen=True)
class BlockSpec:
    """What the learner asked for; empty decks/topics mean all of them."""

    pool: Pool = Pool.UNUSED
    size: int = 20
    mode: Mode = Mode.TUTOR
    decks: tuple[str, ...] = ()
    topics: tuple[tuple[str, str], ...] = ()  # (deck id, topic id): topic ids are per deck
    seconds_per_question: int = DEFAULT_SECONDS_PER_QUESTION
    seed: int | None = None

    def selection_json(self) -> str:
        data = asdict(self)
        data.pop("seed")
        return json.dumps(data, sort_keys=True)


def quiz_cards(library: CardSource, decks: Sequence[str] = ()) -> list[Card]:
    """The library's scorable items (MCQ, vignette) of these decks, in id order."""
    return sorted(
        (c for c in library.cards.values() if is_quiz_card(c) and (not decks or c.deck in decks)),
        key=lambda c: c.id,
    )


def topics_of(library: CardSource, decks: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(deck, topic) pairs that have quiz items in these decks, for the builder's list."""
    return sorted({(c.deck, c.topic) for c in quiz_cards(library, decks)})


def _pool_filter(conn: sqlite3.Connection, pool: Pool) -> Callable[[str], bool]:
    if pool is Pool.UNUSED:
        used = store.used_cards(conn)
        return lambda card_id: card_id not in used
    if pool is Pool.INCORRECT:
        wrong = store.incorrect_cards(conn)
        return wrong.__contains__
    if pool is Pool.FLAGGED:
        flagged = store.flagged_cards(conn)
        return flagged.__contains__
    return lambda card_id: True


def candidates(conn: sqlite3.Connection, library: CardSource, spec: BlockSpec) -> list[Card]:
    """Every card the spec may draw from, in id order (the builder shows how many)."""
    live = store.live_quiz_cards(conn)
    in_pool = _pool_filter(conn, Pool(spec.pool))
    topics = {tuple(pair) for pair in spec.topics}
    return [
        c
        for c in quiz_cards(library, spec.decks)
        if c.id in live and (not topics or (c.deck, c.topic) in topics) and in_pool(c.id)
    ]


def _title(library: CardSource, spec: BlockSpec, size: int) -> str:
    """The block's name in lists: topic and deck titles, never ids."""
    if spec.topics:
        scope = ", ".join(library.topic_label(deck, topic) for deck, topic in spec.topics)
    else:
        decks = [library.decks[d].title if d in library.decks else d for d in spec.decks]
        scope = ", ".join(decks) or "all decks"
    return f"{plural(size, 'question')} · {spec.mode} · {spec.pool} · {scope}"


def fact_of(card: Card) -> tuple[str, str, str]:
    """The fact a card asks (its deck's `sibling_key`, as study burying uses it)."""
    return (card.deck, "fact", card.sibling_key)


def block_capacity(pool: list[Card]) -> int:
    """About how many questions one block of this pool can hold (`distinct_sample` with a
    fixed order: a block's own random order may hold a few more or fewer)."""
    return len(distinct_sample(random.Random(0), pool, len(pool)))


def distinct_sample(rng: random.Random, pool: list[Card], size: int) -> list[Card]:
    """Up to `size` cards drawn at random, no two of them siblings (the `sibling_key` study
    burying uses: the same fact asked both ways), with the same question or with the same
    answer: "Which condition does anti-NXP2 mark?" gave away "Which antibody marks juvenile
    dermatomyositis?", two facts asked "Which condition shows Gottron papules?" twice
    (student trial 3), and four questions in one block were answered "Adult
    dermatomyositis" by heliotrope rash and Gottron papules (student trial 4). A pool with
    fewer distinct facts gives a smaller block."""
    chosen: list[Card] = []
    seen: set[tuple[str, str, str]] = set()
    for card in rng.sample(pool, len(pool)):
        keys = {
            fact_of(card),
            (card.deck, "stem", card.prompt.casefold()),
            (card.deck, f"answer:{card.category}", card.answer.casefold()),
        }
        if keys & seen:
            continue
        chosen.append(card)
        seen |= keys
        if len(chosen) == size:
            break
    return chosen


def build_block(
    conn: sqlite3.Connection,
    library: CardSource,
    spec: BlockSpec,
    now: datetime,
    render: Callable[[str, int], Card | None] | None = None,
) -> int:
    """Draw the block, render each vignette once with a recorded seed, store it; its id.

    Asking for more questions than the pool holds gives a smaller block (as question banks
    do); an empty pool or a size below 1 raises QuizBuildError.
    """
    if not 1 <= spec.size <= MAX_SIZE:
        raise QuizBuildError(f"the number of questions must be 1 to {MAX_SIZE}, not {spec.size}")
    pool = candidates(conn, library, spec)
    if not pool:
        raise QuizBuildError(f"no questions match: pool {spec.pool}, decks and topics as chosen")
    seed = spec.seed if spec.seed is not None else random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    chosen = distinct_sample(rng, pool, spec.size)
    render = render or library.render
    items = []
    for card in chosen:
        shown = card
        if card.kind == "vignette":
            shown = render(card.id, rng.randrange(2**31)) or card
        items.append((card.id, QuizItem.from_card(shown).to_json()))
    mode = Mode(spec.mode)
    limit = spec.seconds_per_question * len(items) if mode is Mode.TIMED else None
    return store.insert_block(
        conn,
        title=_title(library, spec, len(items)),
        mode=mode.value,
        time_limit_s=limit,
        selection=spec.selection_json(),
        seed=seed,
        created_at=to_micros(now),
        items=items,
    )
