"""How a stem rules an option out (decks/README.md), and what in it points to the key.

Every reason carries `stated`: the exact words the stem uses for the fact, so an
explanation names something the student has read, and a check can find it there.
"""

from dataclasses import dataclass, field

from quizapp.generate.index import DeckIndex
from quizapp.generate.text import TIME_UNITS, number, range_text

AGE = "age_at_onset"


@dataclass(frozen=True)
class Facts:
    """What a stem states. A drawn case states single values (low == high); a blueprint
    as a whole states the ranges every drawn case falls in, so what these rule out is
    ruled out for every seed."""

    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    labs: dict[str, tuple[float, float]] = field(default_factory=dict)
    age: tuple[float, float] | None = None


@dataclass(frozen=True)
class Reason:
    stated: str  # the stem's words for the fact
    text: str


def value_text(low: float, high: float, unit: str | None) -> str:
    if low != high:
        return range_text(low, high, unit)
    return f"{number(low)} {unit}" if unit else number(low)


def lab_text(ix: DeckIndex, attr: str, low: float, high: float) -> str:
    definition = ix.deck.attributes[attr]
    return f"{definition.label} {value_text(low, high, definition.unit)}"


def age_text(low: float, high: float) -> str:
    return f"{int(low)}-year-old" if low == high else f"aged {int(low)}-{int(high)}"


def entity_range(ix: DeckIndex, entity: str, attr: str) -> tuple[float, float] | None:
    value = ix.entity(entity).attributes.get(attr)
    if value is None or value.uncertain or value.min is None or value.max is None:
        return None
    return (value.min, value.max)


def lab_attributes(ix: DeckIndex, entity: str) -> list[str]:
    """Range attributes of a condition that are results (not ages or durations)."""
    return [
        a
        for a, v in ix.entity(entity).attributes.items()
        if v.min is not None and v.max is not None and not v.uncertain
        and a != AGE and ix.deck.attributes[a].unit not in TIME_UNITS
    ]  # fmt: skip


def excluded(ix: DeckIndex, facts: Facts) -> set[str]:
    """Every entity the facts rule out: the same four rules as `contradictions`, by lookup."""
    gone: set[str] = set()
    for f in facts.present:
        gone.update(ix.absent_holders.get(f, ()))
    for f in facts.absent:
        gone.update(ix.hallmark_holders.get(f, ()))
    for attr, (low, high) in facts.labs.items():
        gone.update(ix.outside(attr, low, high))
    if facts.age:
        gone.update(ix.outside(AGE, *facts.age))
    return gone


def contradictions(ix: DeckIndex, facts: Facts, option: str) -> list[Reason]:
    """Every stated fact that rules `option` out, by the four rules of the deck format."""
    name = ix.name(option)
    reasons: list[Reason] = []
    for f in facts.present:
        if "absent" in ix.frequencies(option, f):
            said = ix.name(f)
            reasons.append(Reason(said, f"{said} is stated, which {name} does not have"))
    for f in facts.absent:
        if "hallmark" in ix.frequencies(option, f):
            said = ix.name(f)
            reasons.append(Reason(said, f"{said} is absent, yet it is a hallmark of {name}"))
    for attr, (low, high) in facts.labs.items():
        span = entity_range(ix, option, attr)
        if span and (high < span[0] or low > span[1]):
            said = lab_text(ix, attr, low, high)
            unit = ix.deck.attributes[attr].unit
            limits = range_text(*span, unit)
            reasons.append(Reason(said, f"{said} is outside the range of {name} ({limits})"))
    span = entity_range(ix, option, AGE)
    if facts.age and span and (facts.age[1] < span[0] or facts.age[0] > span[1]):
        said = age_text(*facts.age)
        limits = range_text(*span, "years")
        reasons.append(Reason(said, f"{said} is outside the age at onset of {name} ({limits})"))
    return reasons


def support(ix: DeckIndex, facts: Facts, key: str) -> list[str]:
    """The stated facts that point to the key: its findings, its absences, its ranges."""
    points: list[str] = []
    for f in facts.present:
        held = [x for x in ix.frequencies(key, f) if x != "absent"]
        if held:
            points.append(ix.name(f) + (f" ({held[0]})" if held[0] else ""))
    points += [f"no {ix.name(f)}" for f in facts.absent if "absent" in ix.frequencies(key, f)]
    for attr, (low, high) in facts.labs.items():
        span = entity_range(ix, key, attr)
        if span and span[0] <= low and high <= span[1]:
            points.append(f"{lab_text(ix, attr, low, high)} (in its range)")
    return points


def conflicts_with_key(ix: DeckIndex, facts: Facts, key: str) -> list[str]:
    """What in a blueprint could contradict its own condition for some seed."""
    problems = [r.text for r in contradictions(ix, Facts(facts.present, facts.absent), key)]
    for attr, (low, high) in facts.labs.items():
        span = entity_range(ix, key, attr)
        if span and (low < span[0] or high > span[1]):
            problems.append(
                f"{lab_text(ix, attr, low, high)} reaches outside the range of "
                f"{ix.name(key)} ({range_text(*span, ix.deck.attributes[attr].unit)})"
            )
    span = entity_range(ix, key, AGE)
    if facts.age and span and (facts.age[0] < span[0] or facts.age[1] > span[1]):
        problems.append(
            f"{age_text(*facts.age)} reaches outside the age at onset of {ix.name(key)}"
        )
    return problems
