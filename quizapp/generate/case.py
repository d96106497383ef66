"""One drawn case of a blueprint: who, where, since when, and what the stem states."""

import random
from dataclasses import dataclass

from quizapp.deck.model import Blueprint
from quizapp.generate.index import DeckIndex
from quizapp.generate.ruleout import AGE, Facts, age_unit, entity_range, lab_attributes
from quizapp.generate.text import convert_time

DEFAULT_AGE = (25.0, 70.0)


@dataclass(frozen=True)
class Case:
    age: int  # in `age_unit`
    sex: str  # "female" or "male"
    setting: str
    complaint: str
    duration: int
    duration_unit: str
    history: tuple[str, ...]  # exposures stated present
    findings: tuple[str, ...]  # findings stated present, in the order shown
    negatives: tuple[str, ...]
    labs: dict[str, float]
    age_unit: str = "years"

    @property
    def age_years(self) -> float:
        return convert_time(self.age, self.age_unit, "years")

    def facts(self) -> Facts:
        return Facts(
            present=(*self.history, *self.findings),
            absent=self.negatives,
            labs={a: (v, v) for a, v in self.labs.items()},
            age=(self.age, self.age),
            age_unit=self.age_unit,
        )


def lab_ranges(ix: DeckIndex, bp: Blueprint) -> dict[str, tuple[float, float]]:
    """The blueprint's labs, then the condition's own result ranges it does not override."""
    ranges = {a: (r.min, r.max) for a, r in bp.labs.items()}
    for attr in lab_attributes(ix, bp.condition):
        if attr not in ranges:
            ranges[attr] = entity_range(ix, bp.condition, attr)  # type: ignore[assignment]
    return ranges


def age_range(ix: DeckIndex, bp: Blueprint) -> tuple[float, float, str]:
    """The ages a case may have, with their unit: the blueprint's (years unless it gives
    a unit), else the condition's age at onset, else adults."""
    if bp.age is not None:
        return (bp.age.min, bp.age.max, bp.age.unit or "years")
    span = entity_range(ix, bp.condition, AGE)
    return (*span, age_unit(ix)) if span else (*DEFAULT_AGE, "years")


def blueprint_facts(ix: DeckIndex, bp: Blueprint, with_optional: bool = False) -> Facts:
    """What every case of the blueprint states (ranges, not values); optional findings on request."""
    present = (*bp.history, *bp.required, *(bp.optional if with_optional else ()))
    low, high, unit = age_range(ix, bp)
    return Facts(present, bp.negative, lab_ranges(ix, bp), (low, high), unit)


def _female_share(ix: DeckIndex, condition: str) -> float:
    ratio = ix.entity(condition).attributes.get("sex_ratio")
    if ratio is None or ratio.uncertain or ratio.female is None or ratio.male is None:
        return 0.5
    total = ratio.female + ratio.male
    return ratio.female / total if total > 0 else 0.5


def _value(rng: random.Random, low: float, high: float) -> float:
    value = rng.uniform(low, high)
    if high - low >= 10:
        return float(round(value))
    return round(value, 1)


def draw_case(ix: DeckIndex, bp: Blueprint, seed: int) -> Case:
    """Same blueprint and seed, same case; the draws happen in a fixed order."""
    rng = random.Random(f"{ix.deck.id}:{bp.id}:{seed}")
    low, high, unit = age_range(ix, bp)
    age = rng.randint(int(low), int(high))
    sex = "female" if rng.random() < _female_share(ix, bp.condition) else "male"
    setting = rng.choice(bp.setting)
    complaint = rng.choice(bp.complaint)
    duration = rng.randint(int(bp.duration.min), max(int(bp.duration.min), int(bp.duration.max)))
    optional = rng.sample(bp.optional, rng.randint(0, len(bp.optional)))
    findings = [*bp.required, *optional]
    rng.shuffle(findings)
    labs = {a: _value(rng, lo, hi) for a, (lo, hi) in lab_ranges(ix, bp).items()}
    return Case(
        age=age,
        sex=sex,
        setting=setting,
        complaint=complaint,
        duration=duration,
        duration_unit=bp.duration.unit or "weeks",
        history=bp.history,
        findings=tuple(findings),
        negatives=bp.negative,
        labs=labs,
        age_unit=unit,
    )
