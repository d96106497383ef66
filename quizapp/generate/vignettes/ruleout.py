"""How a stem rules an option out (decks/README.md), and what in it points to the key.

Every reason carries `stated`: the exact words the stem uses for the fact, so an
explanation names something the student has read, and a check can find it there.
"""

from dataclasses import dataclass, field

from quizapp.deck.format_v1 import TIME_UNITS
from quizapp.deck.units import convert
from quizapp.generate.evidence import Proof, denial
from quizapp.generate.index import DeckIndex
from quizapp.generate.text.common import (
    FREQUENCY_RANK,
    attribute_text,
    number,
    range_text,
    unit_suffix,
)
from quizapp.generate.text.wording import agree, article, is_plural, mid_sentence

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
    age_unit: str = "years"  # the unit the stem states the age in ("a 3-month-old boy")
    # the age the illness began, when a blueprint states it apart from the age (format 2):
    # then it, not `age`, is compared with each condition's age at onset
    onset: tuple[float, float] | None = None
    onset_unit: str = "years"
    sex: str | None = None  # the patient's, when one case is drawn: deck text's pronouns fit it


@dataclass(frozen=True)
class Reason:
    """Why a stated fact rules an entity out, worded so an explanation can cite it.

    `stated` is the exact words the stem uses for the fact (a check finds them there);
    `cited` the words the explanation uses for it; `text` the whole reason as a clause,
    "Polymyositis is unlikely because physical examination shows Gottron papules".
    """

    about: str  # the entity ruled out
    stated: str
    cited: str
    subject: str  # the entity's name as written
    predicate: str  # the rest of the clause
    proof: Proof  # the deck fact that makes the stated fact count against the entity

    @property
    def text(self) -> str:
        """ "Statin-associated muscle symptoms require ...": the verb agrees with the name."""
        return self.subject + agree(f" {self.predicate}", is_plural(self.subject))


def value_text(low: float, high: float, unit: str | None) -> str:
    if low != high:
        return range_text(low, high, unit)
    return number(low) + unit_suffix(unit)


def lab_text(ix: DeckIndex, attr: str, low: float, high: float) -> str:
    definition = ix.deck.attributes[attr]
    return f"{definition.label} {value_text(low, high, definition.unit)}"


def lab_stated(ix: DeckIndex, attr: str, low: float, high: float) -> str:
    """A result as the stem states it: "creatine kinase is 3,401 U/L"."""
    definition = ix.deck.attributes[attr]
    label = mid_sentence(definition.label, ix.proper)
    return f"{label} is {value_text(low, high, definition.unit)}"


def lab_cited(ix: DeckIndex, attr: str, low: float, high: float) -> str:
    """A result inside an explanation: "a creatine kinase of 3,401 U/L"."""
    definition = ix.deck.attributes[attr]
    label = mid_sentence(definition.label, ix.proper)
    return f"{article(label)} {label} of {value_text(low, high, definition.unit)}"


def age_text(low: float, high: float, unit: str = "years") -> str:
    """An age as a stem states it: "3-month-old" (one value), "aged 2-6 months" (a range)."""
    if low == high:
        return f"{int(low)}-{unit.removesuffix('s')}-old"
    return f"aged {int(low)}-{int(high)}" + ("" if unit == "years" else f" {unit}")


def onset_text(low: float, high: float, unit: str) -> str:
    """An age at onset as a stem states it: "began at the age of 7 years"."""
    return f"began at the age of {value_text(low, high, None)} {_singular(low, high, unit)}"


def _stated_onset(facts: Facts) -> tuple[tuple[float, float], str] | None:
    """The age compared with ages at onset, and its unit: the stated onset, else the age."""
    if facts.onset is not None:
        return facts.onset, facts.onset_unit
    return (facts.age, facts.age_unit) if facts.age is not None else None


def age_as_onset(ix: DeckIndex, facts: Facts) -> tuple[float, float] | None:
    """The stated age at onset (the patient's age unless the stem states the onset apart) in
    the unit of the deck's age at onset (years unless it says), so an infant's age in months
    is compared with an age at onset in years."""
    stated = _stated_onset(facts)
    if stated is None:
        return None
    definition = ix.deck.attributes.get(AGE)
    unit = definition.unit if definition else "years"
    low, high = (convert(v, stated[1], unit) for v in stated[0])
    return None if low is None or high is None else (low, high)


def entity_range(ix: DeckIndex, entity: str, attr: str) -> tuple[float, float] | None:
    value = ix.entity(entity).attributes.get(attr)
    if value is None or value.uncertain or value.min is None or value.max is None:
        return None
    return (value.min, value.max)


def discriminating_range(ix: DeckIndex, entity: str, attr: str) -> tuple[float, float] | None:
    """The entity's range of `attr` when the deck marks it as a defining cut-off."""
    value = ix.entity(entity).attributes.get(attr)
    if value is None or not value.discriminating:
        return None
    return entity_range(ix, entity, attr)


def limits_text(ix: DeckIndex, entity: str, attr: str) -> str:
    """An entity's range of `attr` as the deck wrote it ("0-6 months", "50 years or older")."""
    value = ix.entity(entity).attributes[attr]
    return attribute_text(value, ix.deck.attributes[attr].unit, usual=False)


def lab_attributes(ix: DeckIndex, entity: str) -> list[str]:
    """Range attributes of a condition that are results (not ages, durations or population
    figures such as prevalence, which no patient has as a value)."""
    return [
        a
        for a, v in ix.entity(entity).attributes.items()
        if v.min is not None and v.max is not None and not v.uncertain
        and a != AGE and ix.deck.attributes[a].unit not in TIME_UNITS
        and not ix.deck.attributes[a].population
    ]  # fmt: skip


def excluded(ix: DeckIndex, facts: Facts) -> set[str]:
    """Every entity the facts rule out: the same four rules as `contradictions`, by lookup."""
    gone: set[str] = set()
    for f in facts.present:
        gone.update(ix.absent_holders.get(f, ()))
    for f in facts.absent:
        gone.update(ix.necessary_holders.get(f, ()))
    for attr, (low, high) in facts.labs.items():
        gone.update(ix.outside(attr, low, high))
    age = age_as_onset(ix, facts)
    if age:
        gone.update(ix.outside(AGE, *age))
    return gone


ADULT_AGE = 18
# How far past a condition's stated age at onset (in years) a patient is clearly outside it.
CLEARLY_PAST = 10


def implausible_by_age(ix: DeckIndex, option: str, facts: Facts) -> bool:
    """Whether the deck's stated age at onset makes a diagnosis implausible for the stem's
    patient, so that age alone gives it away (Alpers–Huttenlocher syndrome for a
    61-year-old, clinician round 16, S1): a child where the range holds only adults, or
    the other way round (infantile Pompe disease for a 44-year-old); or, for a range that
    only describes when onset falls, an age more than CLEARLY_PAST years outside it. A
    defining cut-off straddling childhood and adulthood is what the item teaches (Kearns–
    Sayre syndrome, onset before 20, beside CPEO at 44). This decides which options are
    offered, never why one is wrong."""
    span = entity_range(ix, option, AGE)
    age = age_as_onset(ix, facts)
    if span is None or age is None or ix.deck.attributes[AGE].unit != "years":
        return False
    (low, high), (first, last) = age, span
    if (last < ADULT_AGE <= low) or (high < ADULT_AGE <= first):
        return True
    described = not ix.entity(option).attributes[AGE].discriminating
    return described and (low > last + CLEARLY_PAST or high < first - CLEARLY_PAST)


# Below this age (in years) a child does not give the history: the parents do ("His parents
# report ...", as NBME items on infants and toddlers word it); from school age children
# describe their own symptoms.
PARENTS_REPORT_BELOW = 5


def parents_report(facts: Facts) -> bool:
    """Whether the stem's history comes from the parents (every age the facts allow is
    below PARENTS_REPORT_BELOW years)."""
    if facts.age is None:
        return False
    oldest = convert(facts.age[1], facts.age_unit, "years")
    return oldest is not None and oldest < PARENTS_REPORT_BELOW


# What a stated fact says against an option, by the stem section that states it.
PRESENT_AGAINST = {
    "history": "is unlikely because the patient has a history of {}",
    "symptom": "is unlikely because the patient reports {}",
    "course": "is unlikely because of the course: {}",
    "lab": "is unlikely because laboratory studies show {}",
    "studies": "is unlikely because studies show {}",
    "exam": "is unlikely because physical examination shows {}",
    "vital": "is unlikely because {}",  # a clause: "pulse is 118/min"
    "electro": "is unlikely because {}",  # "an electrocardiogram shows prominent U waves"
}
# Sections whose `in_case` wording is a clause ("pulse is 118/min"), not a noun phrase.
CLAUSE_SECTIONS = ("vital", "electro")
ABSENT_AGAINST = {
    "history": "requires {}, which this patient denies",
    "symptom": "requires {}, which this patient does not report",
    "course": "requires {}, which this case does not show",
    "lab": "requires {}, which laboratory studies do not show",
    "studies": "requires {}, which studies do not show",
    "exam": "requires {}, which this patient does not have",
}
# The same, for a young child whose parents give the history.
BY_PARENTS = {
    "history": "requires {}, which the parents deny",
    "symptom": "requires {}, which the parents do not report",
}
PRESENT_BY_PARENTS = {"symptom": "is unlikely because the parents report {}"}


def _section(ix: DeckIndex, finding: str, present: bool = True) -> str:
    """The stem section that states (or denies) a finding, with imaging, pathology and
    electrodiagnostic results apart from laboratory ones: a scan is not a laboratory study."""
    section = ix.section(finding, present)
    return "studies" if section == "lab" and ix.is_scan(finding) else section


def _relation_to(ix: DeckIndex, option: str, finding: str, test) -> str | None:
    """The id of the first relation option -> finding that passes `test`."""
    return next((r.id for r in ix.pair.get((option, finding), ()) if test(r)), None)


def contradictions(ix: DeckIndex, facts: Facts, option: str) -> list[Reason]:
    """Every stated fact that rules `option` out, by the four rules of the deck format:
    a stated finding it has as `absent`, a stated absence of a finding `necessary` for
    it, a result or age outside its `discriminating` range."""
    name = ix.name(option)
    reasons: list[Reason] = []
    parents = parents_report(facts)
    for f in facts.present:
        rid = _relation_to(ix, option, f, lambda r: r.frequency == "absent")
        if rid:
            said = ix.said(f, sex=facts.sex, stated=facts.present)
            section = _section(ix, f)
            against = parents and PRESENT_BY_PARENTS.get(section) or PRESENT_AGAINST[section]
            why = against.format(said)
            r = ix.by_id[rid]
            fact = denial(ix, r.type, r.source, r.target)
            proof = Proof("absent", fact, r.loc, rid, said)
            reasons.append(Reason(option, said, said, name, why, proof))
    for f in facts.absent:
        rid = _relation_to(ix, option, f, lambda r: r.necessary and r.frequency != "absent")
        if rid:
            negative = ix.negative_said(f)
            said = negative or ix.said(f, present=False, sex=facts.sex)
            section = _section(ix, f, present=False)
            against = parents and BY_PARENTS.get(section) or ABSENT_AGAINST[section]
            against = "is unlikely because {}" if negative else against
            why = against.format(said)
            r = ix.by_id[rid]
            fact = f"{name} is not diagnosed without {ix.mid(f) if negative else said}."
            proof = Proof("necessary", fact, r.loc, rid, said)
            reasons.append(Reason(option, said, said, name, why, proof))
    for attr, (low, high) in facts.labs.items():
        span = discriminating_range(ix, option, attr)
        if span and (high < span[0] or low > span[1]):
            cited = lab_cited(ix, attr, low, high)
            side = "below" if high < span[0] else "above"
            limits = limits_text(ix, option, attr)
            label = mid_sentence(ix.deck.attributes[attr].label, ix.proper)
            why = f"is unlikely because {cited} is {side} its defining range ({limits})"
            value = ix.entity(option).attributes[attr]
            fact = f"The {label} of {ix.mid(option)} is {limits} (a defining range)."
            stated = lab_stated(ix, attr, low, high)
            proof = Proof("range", fact, value.loc, f"{option}.{attr}", stated)
            reasons.append(Reason(option, stated, cited, name, why, proof))
    span = discriminating_range(ix, option, AGE)
    age = age_as_onset(ix, facts)
    if age and span and (age[1] < span[0] or age[0] > span[1]):
        limits = limits_text(ix, option, AGE)
        if facts.onset is not None:
            stated = onset_text(*facts.onset, facts.onset_unit)
            cited, who = stated, "the illness"
        else:
            assert facts.age is not None  # age_as_onset found the onset or the age
            low, high = facts.age
            cited = f"{value_text(low, high, None)} {_singular(low, high, facts.age_unit)} old"
            stated, who = age_text(low, high, facts.age_unit), "the patient is"
        why = f"is unlikely because {who} {cited} (its age at onset is {limits})"
        value = ix.entity(option).attributes[AGE]
        fact = f"The age at onset of {ix.mid(option)} is {limits} (a defining range)."
        proof = Proof("range", fact, value.loc, f"{option}.{AGE}", stated)
        reasons.append(Reason(option, stated, cited, name, why, proof))
    return reasons


ABSENCES = ("the absence of ", "the negative test for ", "the normal ")


def is_absence(point: str) -> bool:
    """A `support` point that is a stated absence or a negative result, not a finding."""
    return point.startswith(ABSENCES)


def _singular(low: float, high: float, unit: str) -> str:
    """ "1 month old", "3 months old"."""
    return unit.removesuffix("s") if low == high == 1 else unit


def support(ix: DeckIndex, facts: Facts, key: str) -> tuple[list[str], list[str]]:
    """The stated facts that point to the key, most telling first: (findings and absences,
    results in its range). A fact tells more the more entities it rules out, then the
    more often the key has it; ties keep the stem's order."""
    ranked: list[tuple[int, int, int, str]] = []
    for i, f in enumerate(facts.present):
        held = [x for x in ix.frequencies(key, f) if x != "absent"]
        if held:
            rank = min(FREQUENCY_RANK.get(x, 5) for x in held)
            said = ix.said(f, sex=facts.sex, stated=facts.present)
            if ix.section(f) in CLAUSE_SECTIONS:  # "pulse is 118/min": cited by its name
                said = ix.mid(f)
            elif ix.section(f) == "course":
                said = f"the course ({said})"
            ranked.append((-len(ix.absent_holders.get(f, ())), rank, i, said))
    for i, f in enumerate(facts.absent, start=len(facts.present)):
        if "absent" in ix.frequencies(key, f):
            found = -len(ix.necessary_holders.get(f, ()))
            said = (
                ix.negative_cited(f)
                if ix.negative_said(f)
                else f"the absence of {ix.said(f, present=False, sex=facts.sex)}"
            )
            ranked.append((found, 0, i, said))
    labs: list[tuple[int, int, str]] = []
    for i, (attr, (low, high)) in enumerate(facts.labs.items()):
        span = entity_range(ix, key, attr)
        if span and span[0] <= low and high <= span[1]:
            labs.append((-len(ix.outside(attr, low, high)), i, lab_cited(ix, attr, low, high)))
    return [p[-1] for p in sorted(ranked)], [p[-1] for p in sorted(labs)]


def conflicts_with_key(ix: DeckIndex, facts: Facts, key: str) -> list[str]:
    """What in a blueprint could contradict its own condition for some seed."""
    problems = [r.text for r in contradictions(ix, Facts(facts.present, facts.absent), key)]
    for attr, (low, high) in facts.labs.items():
        span = discriminating_range(ix, key, attr)
        if span and (low < span[0] or high > span[1]):
            problems.append(
                f"{lab_text(ix, attr, low, high)} reaches outside the defining range of "
                f"{ix.name(key)} ({range_text(*span, ix.deck.attributes[attr].unit)})"
            )
    span = discriminating_range(ix, key, AGE)
    age = age_as_onset(ix, facts)
    if age and span and (age[0] < span[0] or age[1] > span[1]):
        if facts.onset is not None:
            said = f"an illness that {onset_text(*facts.onset, facts.onset_unit)}"
        else:
            assert facts.age is not None  # age_as_onset found the onset or the age
            said = age_text(*facts.age, facts.age_unit)
        problems.append(f"{said} reaches outside the age at onset of {ix.name(key)}")
    return problems
