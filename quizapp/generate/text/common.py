"""Small text helpers shared by the generators: templates, numbers, options in logical order."""

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.deck.model import AttributeValue
from quizapp.deck.units import convert
from quizapp.generate.card import Option

LABELS = "ABCDEFGH"
FREQUENCY_RANK = {"hallmark": 0, "typical": 1, "common": 2, "occasional": 3, "rare": 4}


@dataclass(frozen=True)
class Choice:
    """An option before it is labelled: what it says, which entity it is, why right or wrong."""

    text: str
    correct: bool
    explanation: str
    entity: str | None = None
    proof: tuple = ()  # evidence.Proof items behind the verdict


def with_cited(*groups: Iterable[str]) -> tuple[str, ...]:
    """A card's sources: its facts' own, then those its notes' sentences cite (format 2),
    each once, so every citation a learner reads after a sentence is in the card's list."""
    return tuple(dict.fromkeys(s for group in groups for s in group))


def seeded(*parts: object) -> random.Random:
    """A generator seeded from strings: the same card and seed give the same draw everywhere."""
    return random.Random(":".join(str(p) for p in parts))


def number(value: float) -> str:
    """A value as a clinician writes it: 4,210, 2.5 and 0.19, never 4210.0 (nor 0.2 for 0.19)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) < 1:  # a small share keeps two significant figures: 0.19%, 0.05
        return f"{value:.2g}"
    return f"{value:,.1f}"


def unit_suffix(unit: str | None) -> str:
    """What follows a number: " U/L", but "%" and "/min" with no space (10-15%, 118/min);
    "umol/L" (easier to type) is printed µmol/L."""
    if not unit:
        return ""
    if unit == "umol/L":
        unit = "µmol/L"
    return unit if unit == "%" or unit.startswith("/") else f" {unit}"


def range_text(low: float, high: float, unit: str | None) -> str:
    return f"{number(low)}-{number(high)}{unit_suffix(unit)}"


def span_text(low: float, high: float, unit: str | None, *, strict: bool = False) -> str:
    """A deck range as a fact: a cut-off stays one-sided ("at most 4,500 U/L", "50 years or
    older"), never an invented 0 or 100 at the open end. A strict age cut-off reads as its
    source states it ("under 18 years", "over 45 years"): the bound is the last whole age in."""
    suffix = unit_suffix(unit)
    if low == high:
        return f"{number(low)}{suffix}"
    if low <= 0:
        return f"under {number(high + 1)}{suffix}" if strict else f"at most {number(high)}{suffix}"
    if unit == "years" and high >= 100:
        return f"over {number(low - 1)} years" if strict else f"{number(low)} years or older"
    return range_text(low, high, unit)


def attribute_text(value: AttributeValue, unit: str | None, *, usual: bool = True) -> str:
    """An attribute value as an answer: a range (in the unit it was written in) with its
    usual part unless `usual` is false (a rule-out cites the hard range alone), a ratio, an
    enum value or a text."""
    if value.min is not None and value.max is not None:
        low, high, shown = value.written or (value.min, value.max, unit)
        middle = _usual(value, unit, shown) if usual else ""
        if middle and low <= 0 and not value.strict_cutoff and value.rarely_after is None:
            # "At most 36 years; most often 2-4 years" put the rare bound first (round 17b)
            upper = f"up to {number(high)}{unit_suffix(shown)}"
            return f"{middle.removeprefix('; ')}, {upper}" + _rarely_after(value, unit, shown)
        span = span_text(low, high, shown, strict=value.strict_cutoff)
        return span + middle + _rarely_after(value, unit, shown)
    if value.female is not None and value.male is not None:
        return f"female {number(value.female)} : male {number(value.male)}"
    return value.value or value.text or ""


def _usual(value: AttributeValue, unit: str | None, shown: str | None) -> str:
    """A range's `usual` part (format 2), in the unit the range is shown in: a hard cut-off
    alone ("18 years or older") would mark the usual answer ("40-60 years") wrong."""
    if value.usual is None:
        return ""
    low, high = (round(convert(v, unit, shown) or 0.0, 6) for v in value.usual)
    return f"; most often {span_text(low, high, shown)}"


def _rarely_after(value: AttributeValue, unit: str | None, shown: str | None) -> str:
    """An age at onset's `rarely_after` (format 2), in the unit the range is shown in."""
    if value.rarely_after is None:
        return ""
    after = round(convert(value.rarely_after, unit, shown) or 0.0, 6)
    return f"; rarely after {number(after)}{unit_suffix(shown)}"


def by_frequency(items: Iterable[tuple[str | None, str]]) -> list[str]:
    """Names ordered hallmark first, then alphabetically, so the strongest facts lead."""
    ranked = sorted(items, key=lambda fn: (FREQUENCY_RANK.get(fn[0] or "", 5), fn[1].casefold()))
    return [name for _, name in ranked]


def sort_key(text: str) -> tuple[float, str]:
    """Numeric options sort by value, the rest alphabetically (NBME: logical order)."""
    head = text.split(" ")[0].replace(",", "")
    try:
        return (float(head), text.casefold())
    except ValueError:
        return (float("inf"), text.casefold())


def labelled(choices: Iterable[Choice]) -> tuple[Option, ...]:
    """Options in logical order with letters A, B, ... so the key's place is never a cue."""
    ordered = sorted(choices, key=lambda c: sort_key(c.text))
    return tuple(
        Option(LABELS[i], c.text, c.correct, c.explanation, c.entity, c.proof)
        for i, c in enumerate(ordered)
    )


def pick(rng: random.Random, pool: list[str], count: int, ok) -> list[str]:
    """Up to `count` distinct items of `pool` passing `ok`, drawn at random.

    Draws a few random positions first and scans the rest from a random start only
    when those miss, so a large pool costs little and the draw stays seeded.
    """
    chosen: list[str] = []
    seen: set[str] = set()
    if not pool or count <= 0:
        return chosen
    for _ in range(count * 4):
        item = pool[rng.randrange(len(pool))]
        if item not in seen:
            seen.add(item)
            if ok(item):
                chosen.append(item)
                if len(chosen) == count:
                    return chosen
    start = rng.randrange(len(pool))
    for i in range(len(pool)):
        item = pool[(start + i) % len(pool)]
        if item not in seen:
            seen.add(item)
            if ok(item):
                chosen.append(item)
                if len(chosen) == count:
                    break
    return chosen


def topic_of(*candidates: str | None) -> str:
    """The first topic given: the card's own, else its entity's; '' when the deck has none."""
    return next((c for c in candidates if c), "")


def mentions(text: str, terms: Iterable[str]) -> str | None:
    """The first term (a name or alias) that `text` contains as whole words, case ignored."""
    folded = text.casefold()
    for term in terms:
        t = term.casefold().strip()
        if not t or t not in folded:
            continue
        if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", folded):
            return term
    return None


STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "the",
        "this",
        "that",
        "to",
        "was",
        "were",
        "which",
        "with",
        "without",
        "who",
        "what",
        "following",
        "most",
        "likely",
        "patient",
    ]
)


def content_words(text: str) -> set[str]:
    """Lower-case words of three or more letters that carry meaning (stop words dropped)."""
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2} - STOP_WORDS


def cue_stems(answer: str, shown: str) -> set[str]:
    """Word stems an answer shares with what the question shows ("alcohol" in "chronic
    alcoholic myopathy", "SRP" in "anti-SRP necrotizing myopathy"): a learner could match
    words instead of knowing the fact."""

    def stems(text: str) -> set[str]:
        return {w[:6] for w in content_words(text)}

    return stems(answer) & stems(shown)
