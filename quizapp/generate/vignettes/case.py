"""One drawn case of a blueprint: who, where, since when, and what the stem states."""

import math
import random
from dataclasses import dataclass

from quizapp.deck.model import Blueprint
from quizapp.deck.units import convert, converted
from quizapp.generate.index import DeckIndex
from quizapp.generate.vignettes.ruleout import AGE, Facts, entity_range, lab_attributes

DEFAULT_AGE = (25.0, 70.0)


@dataclass(frozen=True)
class Case:
    age: int
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
    onset: int | None = None  # the age the illness began, when the blueprint says (format 2)
    onset_unit: str = "years"
    in_complaint: tuple[str, ...] = ()  # findings the complaint already says: not repeated

    def facts(self) -> Facts:
        return Facts(
            present=(*self.history, *self.findings),
            absent=self.negatives,
            labs={a: (v, v) for a, v in self.labs.items()},
            age=(self.age, self.age),
            age_unit=self.age_unit,
            sex=self.sex,
            onset=None if self.onset is None else (self.onset, self.onset),
            onset_unit=self.onset_unit,
        )

    @property
    def years(self) -> float:
        """The patient's age in years, whatever unit the stem states it in."""
        return converted(self.age, self.age_unit, "years")


def lab_ranges(ix: DeckIndex, bp: Blueprint) -> dict[str, tuple[float, float]]:
    """The blueprint's labs (in their attribute's unit: the validator made sure a lab's own
    unit converts to it), then the condition's own result ranges it does not override."""
    ranges: dict[str, tuple[float, float]] = {}
    for attr, r in bp.labs.items():
        unit = ix.deck.attributes[attr].unit
        ranges[attr] = (converted(r.min, r.unit, unit), converted(r.max, r.unit, unit))
    for attr in lab_attributes(ix, bp.condition):
        if attr not in ranges:
            ranges[attr] = entity_range(ix, bp.condition, attr)  # type: ignore[assignment]
    return ranges


def age_range(ix: DeckIndex, bp: Blueprint) -> tuple[float, float]:
    """The ages a case is drawn from, in `age_unit`: the blueprint's, else the condition's
    usual age at onset (format 2), else its whole age at onset, else adults; never after
    the age the condition rarely begins after, unless the onset is stated apart."""
    if bp.age is not None:
        cap = None if bp.onset_age else onset_cap(ix, bp, bp.age.unit or "years")
        return capped(bp.age.min, bp.age.max, cap)
    onset = entity_range(ix, bp.condition, AGE)
    usual = ix.entity(bp.condition).attributes[AGE].usual if onset else None
    return capped(*(usual or onset or DEFAULT_AGE), onset_cap(ix, bp, age_unit(ix, bp)))


def onset_range(ix: DeckIndex, bp: Blueprint) -> tuple[float, float] | None:
    """The blueprint's `onset_age`, never after the age its condition rarely begins after."""
    onset = bp.onset_age
    if onset is None:
        return None
    return capped(onset.min, onset.max, onset_cap(ix, bp, onset.unit or "years"))


def onset_cap(ix: DeckIndex, bp: Blueprint, unit: str) -> float | None:
    """The condition's `rarely_after` (format 2) in `unit`: no case's illness begins later."""
    value = ix.entity(bp.condition).attributes.get(AGE)
    if value is None or value.uncertain or value.rarely_after is None:
        return None
    definition = ix.deck.attributes.get(AGE)
    return convert(value.rarely_after, definition.unit if definition else None, unit)


def capped(low: float, high: float, cap: float | None) -> tuple[float, float]:
    """A range of whole ages cut at `cap` (a range wholly after it shrinks to the cap)."""
    if cap is None or high <= cap:
        return (low, high)
    top = float(math.floor(cap + 1e-9))
    return (min(low, top), top)


# A case near a peak is drawn within this share of the drawn range's width either side.
PEAK_SPREAD = 0.1


def _draw_age(rng: random.Random, ix: DeckIndex, bp: Blueprint) -> int:
    """An age from `age_range`; near one of the condition's peaks when the deck states
    peaks and the blueprint does not set the age (the extra draws happen only then)."""
    low, high = age_range(ix, bp)
    value = ix.entity(bp.condition).attributes.get(AGE)
    if bp.age is None and value is not None and value.peaks and not value.uncertain:
        peak = rng.choice(value.peaks)
        spread = max(1.0, (high - low) * PEAK_SPREAD)
        low, high = max(low, peak - spread), min(high, peak + spread)
        # a cap may leave no whole age between the peak's spread and the range's top
        return min(rng.randint(math.ceil(low), max(math.ceil(low), int(high))), int(high))
    return rng.randint(int(low), int(high))


def age_unit(ix: DeckIndex, bp: Blueprint) -> str:
    """The unit of `age_range`: the blueprint's age unit, else the age at onset's."""
    if bp.age is not None:
        return bp.age.unit or "years"
    definition = ix.deck.attributes.get(AGE)
    has_onset = entity_range(ix, bp.condition, AGE) is not None
    return (definition.unit if has_onset and definition else None) or "years"


def blueprint_facts(ix: DeckIndex, bp: Blueprint, with_optional: bool = False) -> Facts:
    """What every case of the blueprint states (ranges, not values); optional findings on request."""
    present = (*bp.history, *bp.required, *(bp.optional if with_optional else ()))
    onset = bp.onset_age
    return Facts(
        present,
        bp.negative,
        lab_ranges(ix, bp),
        age_range(ix, bp),
        age_unit(ix, bp),
        onset=onset_range(ix, bp),
        onset_unit=(onset.unit if onset else None) or "years",
    )


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


def _duration(rng: random.Random, bp: Blueprint, age: int, unit: str) -> tuple[int, str]:
    """How long the complaint has lasted, drawn from the blueprint's range but never longer
    than the patient has lived (a 1-day-old has no 2-day history); a patient younger than
    one of the duration's units gets it in the age's unit ("a 3-day history", not weeks)."""
    low, high = int(bp.duration.min), max(int(bp.duration.min), int(bp.duration.max))
    duration_unit = bp.duration.unit or "weeks"
    lived = convert(age, unit, duration_unit)
    if lived is not None and lived < high:
        if lived < 1:
            return rng.randint(1, max(1, age)), unit
        high = int(lived)
        low = min(low, high)
    return spoken_duration(rng.randint(low, high), duration_unit, low, high)


def spoken_duration(n: int, unit: str, low: int, high: int) -> tuple[int, str]:
    """A duration in months as a history is told: under a year as drawn, then to the half
    year ("an 18-month history", "a 1-year history"), from two years in whole years ("a
    2-year history"; "a 22-month history" read as a count, clinician round 16, L2). The
    nearest such value within the drawn range [low, high] (months), else as drawn."""
    if unit != "months" or n < 12:
        return n, unit
    step = 6 if n < 24 else 12
    near = sorted({n // step * step, -(-n // step) * step}, key=lambda m: (abs(m - n), m))
    for months in near:
        if low <= months <= high and (months < 24 or months % 12 == 0):
            return (months, "months") if months % 12 else (months // 12, "years")
    return n, unit


def draw_case(ix: DeckIndex, bp: Blueprint, seed: int) -> Case:
    """Same blueprint and seed, same case; the draws happen in a fixed order."""
    rng = random.Random(f"{ix.deck.id}:{bp.id}:{seed}")
    age = _draw_age(rng, ix, bp)
    drawn = "female" if rng.random() < _female_share(ix, bp.condition) else "male"
    sex = bp.sex or drawn  # drawn either way, so the draws after it stay the same
    setting = rng.choice(bp.setting)
    complaint = rng.choice(bp.complaint)
    unit = age_unit(ix, bp)
    duration, duration_unit = _duration(rng, bp, age, unit)
    optional = rng.sample(bp.optional, rng.randint(0, len(bp.optional)))
    findings = [*bp.required, *optional]
    rng.shuffle(findings)
    labs = {a: _value(rng, lo, hi) for a, (lo, hi) in lab_ranges(ix, bp).items()}
    onset = onset_range(ix, bp)  # drawn last, so cases without one keep their draws
    return Case(
        age=age,
        sex=sex,
        setting=setting,
        complaint=complaint,
        duration=duration,
        duration_unit=duration_unit,
        history=bp.history,
        findings=tuple(findings),
        negatives=bp.negative,
        labs=labs,
        age_unit=unit,
        onset=None if onset is None else rng.randint(int(onset[0]), int(onset[1])),
        onset_unit=(bp.onset_age.unit if bp.onset_age else None) or "years",
        in_complaint=bp.complaint_says,
    )
