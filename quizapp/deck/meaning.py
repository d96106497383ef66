"""Checks of what a deck means, beyond its shape: each a located warning (or, for a unit
that cannot be a time, an error) that the author can act on.

A deck can be well formed and still say something the generator will misuse: a
blueprint about a finding, an antibody key that is a drug, two mnemonic items behind
one letter, a table cell and a relation that disagree, a prevalence that a vignette
would print as the patient's laboratory value.
"""

import re
from collections import defaultdict

from quizapp.deck.errors import Location
from quizapp.deck.format_v1 import (
    AGE_ATTRIBUTE,
    CONDITION_KINDS,
    LEAD_IN_KINDS,
    TIME_UNITS,
)
from quizapp.deck.spec import Checker
from quizapp.deck.units import convert
from quizapp.deck.yaml_source import LDict

Index = dict[str, dict[str, LDict]]

# Words and units that mark a figure about a population, not about one patient.
POPULATION_UNITS = frozenset({"per million"})
POPULATION_WORDS = re.compile(
    r"\b(prevalence|incidence|frequency|proportion|share|risk|mortality|survival|"
    r"occurrence|lifetime|population|patients|cases)\b",
    re.I,
)
PRESENT_FREQUENCIES = frozenset({"hallmark", "typical", "common"})
_NEGATION = re.compile(r"\b(no|not|without|absent|never|none|lacks?|lacking)\b", re.I)
_SAYS_YES = re.compile(r"^\s*(yes|present|always|typical|characteristic|common|hallmark)\b", re.I)
_SAYS_NO = re.compile(r"^\s*(no|absent|none|never|not present)\b", re.I)
_CLAUSE = re.compile(r"[^;.]+")


def check_meaning(items: dict[str, list[LDict]], index: Index, ck: Checker) -> None:
    """Every meaning check; each adds located problems to `ck`."""
    for blueprint in items["blueprints"]:
        _check_blueprint_kinds(blueprint, index, ck)
    _check_population_figures(items["blueprints"], index, ck)
    for entity in items["entities"]:
        _check_rarely_after(entity, index, ck)
    for blueprint in items["blueprints"]:
        _check_blueprint_onset(blueprint, index, ck)
    for mnemonic in items["mnemonics"]:
        _check_repeated_keys(mnemonic, ck)
    by_source: dict[str, list[LDict]] = defaultdict(list)
    for relation in items["relations"]:
        if relation.get("frequency") and not relation.get("uncertain"):
            by_source[relation["from"]].append(relation)
    for table in items["tables"]:
        _check_table_against_relations(table, index, by_source, ck)


def _where(item: LDict, key: str) -> Location:
    return item.value_loc(key)


def _kind_label(index: Index, kind: str) -> str:
    definition = index["kinds"].get(kind)
    return definition["label"] if definition else kind


def is_condition_kind(index: Index, kind: str) -> bool:
    """A kind offered as diagnoses: `condition`, or a kind its deck labels 'diagnosis'."""
    return kind in CONDITION_KINDS or _kind_label(index, kind) == "diagnosis"


def _check_blueprint_kinds(b: LDict, index: Index, ck: Checker) -> None:
    condition = index["entities"].get(b["condition"])
    if condition is not None and not is_condition_kind(index, condition["kind"]):
        ck.warning(
            _where(b, "condition"),
            f"{b['condition']!r} is a {_kind_label(index, condition['kind'])} (kind "
            f"{condition['kind']!r}), not a condition: the diagnosis vignette would offer "
            f"{condition['kind']} entities as diagnoses; name an entity of kind 'condition'",
        )
    answers = b.get("answers", {})
    for lead_in, key in answers.items():
        wanted = LEAD_IN_KINDS.get(lead_in)
        entity = index["entities"].get(key)
        if wanted is None or entity is None or entity["kind"] in wanted:
            continue
        ck.warning(
            answers.value_loc(lead_in),
            f"the {lead_in} lead-in asks for {' or '.join(wanted)}, but {key!r} is a "
            f"{_kind_label(index, entity['kind'])} (kind {entity['kind']!r}): the question "
            "would read wrong and its options would be of the wrong kind",
        )


def _check_population_figures(blueprints: list[LDict], index: Index, ck: Checker) -> None:
    """A range attribute of a blueprint's condition is stated in its vignettes as the
    patient's result ("the prevalence is 12 per million"): warn when it looks like a figure
    about a population."""
    warned: set[tuple[str, str]] = set()
    for b in blueprints:
        entity = index["entities"].get(b["condition"])
        if entity is None:
            continue
        values = entity.get("attributes")
        labs = b.get("labs")
        printed = (
            [(a, values.value_loc(a)) for a, v in values.items() if "min" in v] if values else []
        )
        printed += [(a, labs.key_loc(a)) for a in labs if a not in (values or {})] if labs else []
        for attr, loc in printed:
            definition = index["attributes"].get(attr)
            if definition is None or (entity["id"], attr) in warned:
                continue
            unit = definition.get("unit")
            if attr == AGE_ATTRIBUTE or unit in TIME_UNITS or definition.get("population"):
                continue
            if unit in POPULATION_UNITS or POPULATION_WORDS.search(definition["label"]):
                warned.add((entity["id"], attr))
                ck.warning(
                    loc,
                    f"{attr!r} ({definition['label']}, {unit}) looks like a figure about a "
                    f"population, but blueprint {b['id']!r} would state it as this patient's "
                    f"laboratory value ('the {definition['label']} is ...'): mark the attribute "
                    "`population: true` (format 2), or leave it off the condition",
                )


def _rarely_after(entity: LDict | None, index: Index) -> tuple[LDict, float, str] | None:
    """A condition's age at onset with `rarely_after`, that age and its unit."""
    value = (entity.get("attributes") or {}).get(AGE_ATTRIBUTE) if entity else None
    definition = index["attributes"].get(AGE_ATTRIBUTE)
    if value is None or definition is None or "rarely_after" not in value:
        return None
    return value, value["rarely_after"], value.get("unit") or definition.get("unit") or "years"


def _check_rarely_after(entity: LDict, index: Index, ck: Checker) -> None:
    """`rarely_after` below where the deck says onsets lie: its hard min, usual range or a peak."""
    found = _rarely_after(entity, index)
    if found is None:
        return
    value, after, _ = found
    said = f"`rarely_after: {after:g}`"
    usual = value.get("usual") or {}
    clashes = [
        (value.get("min"), "the hard min", "the condition would rarely begin at any age it can"),
        (usual.get("max"), "the usual max", "onset cannot be usual up to {age} and rare after it"),
        *(
            (peak, "the peak", "cases cannot cluster at an age onset is rare at")
            for peak in value.get("peaks", ())
        ),
    ]
    for age, what, why in clashes:
        if age is not None and age > after:
            ck.warning(
                _where(value, "rarely_after"),
                f"{said} is below {what} {age:g}: {why.format(age=f'{age:g}')}; raise "
                f"`rarely_after` or lower {what}",
            )


def _check_blueprint_onset(b: LDict, index: Index, ck: Checker) -> None:
    """A blueprint whose onset (its `onset_age`, else its `age`) begins after the age its
    condition rarely begins after: the generator never draws such an onset."""
    found = _rarely_after(index["entities"].get(b["condition"]), index)
    key = "onset_age" if "onset_age" in b else "age"
    if found is None or key not in b:
        return
    _, after, unit = found
    ages = b[key]
    own = ages.get("unit") or "years"
    limit = convert(after, unit, own)
    if limit is not None and ages["min"] > limit:
        ck.warning(
            _where(ages, "min"),
            f"the {'onset' if key == 'onset_age' else 'age'} from {_time(ages['min'], own)} is "
            f"after {b['condition']!r} rarely begins ({_time(after, unit)}, its `rarely_after`): "
            f"cases are drawn no later than {_time(limit, own)}; lower the blueprint's {key}",
        )


def _time(value: float, unit: str) -> str:
    """'1 year', '18 months' (the deck layer imports no wording helpers)."""
    return f"{value:g} {unit[:-1] if value == 1 and unit.endswith('s') else unit}"


def _check_repeated_keys(m: LDict, ck: Checker) -> None:
    first: dict[str, LDict] = {}
    for item in m["items"]:
        key = item["key"].casefold()
        if key not in first:
            first[key] = item
            continue
        earlier = first[key]
        if "prompt" in item and "prompt" in earlier:
            continue  # each has its own question (format 2)
        ck.warning(
            _where(item, "key"),
            f"key {item['key']!r} repeats (first at line {earlier.loc.line}, for "
            f"{earlier['meaning']!r}): a card asking what {item['key']!r} stands for has two "
            f'right answers; give each of them a `prompt` ("What does the second '
            f'{item["key"]} stand for?"), or make the keys tell the items apart',
        )


def _terms(entity: LDict) -> list[str]:
    return [t for t in (entity["name"], *entity.get("aliases", ())) if t.strip()]


def _mention(text: str, terms: list[str]) -> re.Match[str] | None:
    for term in terms:
        m = re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.I)
        if m:
            return m
    return None


def _cell_says(cell_text: str, column_title: str, terms: list[str]) -> bool | None:
    """What a cell says about an entity: True (present), False (absent) or None (nothing).
    Either the column is the entity ("Rash": "Absent") or the cell names it, negated or not
    within its clause ("without rash")."""
    if any(t.casefold() == column_title.strip().casefold() for t in terms):
        if _SAYS_NO.match(cell_text):
            return False
        if _SAYS_YES.match(cell_text):
            return True
        return None
    for clause in _CLAUSE.findall(cell_text):
        m = _mention(clause, terms)
        if m:
            return not _NEGATION.search(clause[: m.start()])
    return None


def _check_table_against_relations(
    t: LDict, index: Index, by_source: dict[str, list[LDict]], ck: Checker
) -> None:
    titles = {c["id"]: c["title"] for c in t["columns"]}
    for row in t["rows"]:
        row_entity = index["entities"].get(row["entity"])
        if row_entity is None:
            continue
        for relation in by_source.get(row["entity"], ()):
            target = index["entities"].get(relation["to"])
            if target is None:
                continue
            terms = _terms(target)
            for column, cell in row["cells"].items():
                says = _cell_says(cell["text"], titles.get(column, ""), terms)
                frequency = relation["frequency"]
                if says is None or says == (frequency != "absent"):
                    continue
                if says is False and frequency not in PRESENT_FREQUENCIES:
                    continue  # "no X" against an occasional or rare X is no contradiction
                ck.warning(
                    _where(cell, "text"),
                    f"this cell says {target['name']} is {'present' if says else 'absent'} "
                    f"in {row_entity['name']}, but the relation at {relation.loc} gives "
                    f"`frequency: {frequency}`: correct one of them",
                )
