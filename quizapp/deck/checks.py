"""Checks that need the whole deck: types of attribute values, relation kinds,
ranges, templates, tables, blueprints and whether there are enough options to ask.
"""

import re
from collections import Counter

from quizapp.deck.errors import Location
from quizapp.deck.format_v1 import AGE_ATTRIBUTE, LEAD_INS, MIN_OPTIONS
from quizapp.deck.meaning import check_meaning
from quizapp.deck.pronouns import ambiguous_her, ambiguous_her_message
from quizapp.deck.spec import Checker
from quizapp.deck.units import AGE_UNITS, TIME, convert, convertible
from quizapp.deck.yaml_source import LDict, LList
from quizapp.plural import plural

Index = dict[str, dict[str, LDict]]
_CLOZE = re.compile(r"\{\{[^{}]+\}\}")


def check_semantics(items: dict[str, list[LDict]], index: Index, ck: Checker) -> None:
    """Run every whole-deck check; each adds located problems to `ck`."""
    _check_labels(items["sources"], ck)
    _check_cited_labels(items, ck)
    for attribute in items["attributes"]:
        _check_attribute_def(attribute, ck)
    for entity in items["entities"]:
        _check_entity(entity, index, ck)
    for rtype in items["relation_types"]:
        _check_templates(rtype, ck)
    for relation in items["relations"]:
        _check_relation(relation, index, ck)
    per_kind = Counter(e["kind"] for e in items["entities"])
    _check_option_pools(items, per_kind, ck)
    for table in items["tables"]:
        _check_table(table, ck)
    for blueprint in items["blueprints"]:
        _check_blueprint(blueprint, index, per_kind, ck)
    for card in items["cards"]:
        _check_card(card, ck)
    check_meaning(items, index, ck)


def lint_ignore(item: LDict) -> frozenset[str]:
    """The lint warnings an item's `lint: {ignore: [...]}` acknowledges."""
    return frozenset(item.get("lint", {}).get("ignore", ()))


def _where(item: LDict, key: str) -> Location:
    return item.value_loc(key)


def _check_labels(sources: list[LDict], ck: Checker) -> None:
    """A source's `label` is shown in brackets after the sentences citing it: one line, no
    brackets, and no two sources with one label (a learner could not tell them apart)."""
    seen: dict[str, str] = {}
    for source in sources:
        label = source.get("label")
        if not isinstance(label, str):
            continue
        if any(c in label for c in "[]\n"):
            ck.error(_where(source, "label"), "a label has no brackets or line breaks")
        elif label.strip() in seen:
            other = seen[label.strip()]
            ck.error(_where(source, "label"), f"label {label!r} is also source {other!r}'s")
        else:
            seen[label.strip()] = source["id"]


UNLABELLED = "unlabelled-source"


def _check_cited_labels(items: dict[str, list[LDict]], ck: Checker) -> None:
    """A warning at each sentence citing a source without a `label`: the learner would read
    its id ("[kim2019]") in brackets after the sentence."""
    labelled = {s["id"] for s in items["sources"] if "label" in s}  # a bad one is an error
    known = {s["id"] for s in items["sources"]}
    proses = [e.get("summary") for e in items["entities"]]
    proses += [r.get("note") for r in items["relations"]]
    for entity in items["entities"]:
        for value in entity.get("attributes", {}).values():
            if isinstance(value, dict):
                proses += [value.get("text"), value.get("note")]
    for prose in proses:
        for sentence in prose if isinstance(prose, list) else ():
            if not isinstance(sentence, LDict) or "source" not in sentence:
                continue
            bare = [s for s in sentence["source"] if s in known and s not in labelled]
            if bare:
                ck.warning(
                    _where(sentence, "source"),
                    f"{UNLABELLED}: this sentence cites {', '.join(map(repr, bare))}, which "
                    "has no `label`: learners would read the id; give the source a short "
                    'author-year label ("Cox 2011")',
                )


def _check_range(item: LDict, ck: Checker, what: str) -> None:
    low, high = item.get("min"), item.get("max")
    if low is not None and high is not None and low > high:
        ck.error(_where(item, "min"), f"{what}: min {low:g} is greater than max {high:g}")


def _check_attribute_def(a: LDict, ck: Checker) -> None:
    if a["type"] == "range" and "unit" not in a:
        ck.error(a.loc, f"range attribute {a['id']!r} needs a unit")
    if a["type"] == "enum" and "values" not in a:
        ck.error(a.loc, f"enum attribute {a['id']!r} needs a list of values")
    ask = a.get("ask")
    if ask is not None:
        rest = ask.replace("{entity}", "")
        if rest == ask:
            ck.error(_where(a, "ask"), "ask must contain {entity}")
        elif "{" in rest or "}" in rest:
            ck.error(_where(a, "ask"), "ask may only use the placeholder {entity}")
        elif not ask.rstrip().endswith("?"):
            ck.error(_where(a, "ask"), "ask must be a question ending in '?'")


_FIELDS_BY_TYPE = {
    "range": ("min", "max"),
    "ratio": ("female", "male"),
    "enum": ("value",),
    "text": ("text",),
}


def _check_entity(e: LDict, index: Index, ck: Checker) -> None:
    kind = e["kind"]
    for key, value in e.get("attributes", {}).items():
        definition = index["attributes"].get(key)
        if definition is None:
            continue  # already reported as an unknown attribute
        needed = _FIELDS_BY_TYPE[definition["type"]]
        where = e["attributes"].value_loc(key)
        for name in needed:
            if name not in value:
                ck.error(where, f"{definition['type']} attribute {key!r} needs {name!r}")
        for name in {"min", "max", "female", "male", "value", "text"} - set(needed):
            if name in value:
                ck.error(
                    _where(value, name),
                    f"{name!r} does not belong to "
                    f"{definition['type']} attribute {key!r} (it takes {', '.join(needed)})",
                )
        _check_range(value, ck, key)
        _check_value_unit(value, definition, ck)
        _check_distribution(value, key, definition, ck)
        for field in ("rarely_after", "strict_cutoff"):
            if field in value and (key != AGE_ATTRIBUTE or definition["type"] != "range"):
                ck.error(
                    _where(value, field),
                    f"`{field}` belongs to the age at onset (a range attribute "
                    f"{AGE_ATTRIBUTE!r}), not to {key!r}",
                )
        if value.get("discriminating") and definition.get("population"):
            ck.error(
                _where(value, "discriminating"),
                f"{key!r} is a population figure (`population: true`): it never rules a "
                "diagnosis in or out, so it cannot be `discriminating`",
            )
        elif value.get("discriminating") and definition["type"] != "range":
            ck.error(
                _where(value, "discriminating"),
                f"`discriminating` belongs to range attributes; {key!r} is {definition['type']}",
            )
        allowed = definition.get("values")
        if definition["type"] == "enum" and allowed and value.get("value") not in (None, *allowed):
            ck.error(
                _where(value, "value"),
                f"{value['value']!r} is not a value of {key!r}: {', '.join(allowed)}",
            )
        applies = definition.get("applies_to")
        if applies and kind not in applies:
            ck.error(where, f"attribute {key!r} applies to {', '.join(applies)}, not to {kind!r}")
    in_case = e.get("in_case", {})
    for key in set(in_case) & {"present", "absent"}:
        _check_pronouns(in_case[key], in_case.value_loc(key), ck)
    parents = e.get("parent", ())
    if e["id"] in parents:
        ck.error(_where(e, "parent"), "an entity cannot be its own parent")
    if e.get("state_of") == e["id"]:
        ck.error(_where(e, "state_of"), "an entity cannot be a state of itself")
    if e.get("inherits") and not parents and "state_of" not in e:
        ck.error(_where(e, "inherits"), "`inherits` needs a `parent` to inherit from")
    if "axis" in e and not parents:
        ck.error(_where(e, "axis"), "`axis` classes a subtype: it needs a `parent`")


def _check_pronouns(text: str, where: Location, ck: Checker) -> None:
    """A patient's text whose "her" a male case could not be made from (`ambiguous_her`)."""
    words = ambiguous_her(text)
    if words:
        ck.warning(where, ambiguous_her_message(words))


def _check_distribution(value: LDict, key: str, definition: LDict, ck: Checker) -> None:
    """A range's `usual` part and `peaks` (format 2) lie inside its hard min-max, the peaks
    inside the usual part too, so every drawn case keeps to what the deck states."""
    usual, peaks = value.get("usual"), value.get("peaks")
    if usual is None and peaks is None:
        return
    if definition["type"] != "range":
        name = "usual" if usual is not None else "peaks"
        ck.error(
            _where(value, name), f"`{name}` belongs to range attributes, not {definition['type']}"
        )
        return
    low, high = value.get("min"), value.get("max")
    if usual is not None:
        _check_range(usual, ck, f"{key} usual")
        for end in ("min", "max"):
            if None not in (low, high) and not low <= usual[end] <= high:
                ck.error(
                    _where(usual, end),
                    f"usual {end} {usual[end]:g} is outside {key!r} {low:g}-{high:g}",
                )
    inner = (usual["min"], usual["max"]) if usual is not None else (low, high)
    places = peaks.item_locs() if peaks else []
    for peak, where in zip(peaks or (), places, strict=True):
        if None not in inner and not inner[0] <= peak <= inner[1]:
            what = "the usual range" if usual is not None else repr(key)
            ck.error(where, f"peak {peak:g} is outside {what} {inner[0]:g}-{inner[1]:g}")


def _check_most_questions(r: LDict, ck: Checker) -> None:
    for item in r.get("ask_most", ()):
        question, where = item["question"], _where(item, "question")
        ends = [p for p in ("{from}", "{to}") if p in question]
        rest = question.replace("{from}", "").replace("{to}", "")
        if len(ends) != 1:
            ck.error(where, "a most question names one end: {from} or {to}, not both")
        elif "{" in rest or "}" in rest:
            ck.error(where, "a most question may only use the placeholders {from} and {to}")
        elif not question.rstrip().endswith("?"):
            ck.error(where, "a most question must end in '?'")


def _check_value_unit(value: LDict, definition: LDict, ck: Checker) -> None:
    """A value's own unit (format 2): on a range, and convertible to the attribute's."""
    unit = value.get("unit")
    if unit is None:
        return
    if definition["type"] != "range":
        ck.error(
            _where(value, "unit"), f"`unit` belongs to range attributes, not {definition['type']}"
        )
    elif not convertible(unit, definition.get("unit")):
        ck.error(
            _where(value, "unit"),
            f"{definition['id']!r} is in {definition.get('unit')}; {unit} does not convert to it",
        )


def _check_templates(r: LDict, ck: Checker) -> None:
    _check_most_questions(r, ck)
    wanted = {"statement": ("{from}", "{to}"), "ask_to": ("{from}",), "ask_from": ("{to}",)}
    if "deny" in r:
        wanted["deny"] = ("{from}", "{to}")
    for key, placeholders in wanted.items():
        text = r[key]
        for placeholder in placeholders:
            if placeholder not in text:
                ck.error(_where(r, key), f"{key} must contain {placeholder}")
        answer = "{to}" if key == "ask_to" else "{from}"
        if key in ("ask_to", "ask_from") and answer in text:
            ck.error(_where(r, key), f"{key} must not contain {answer}: it is the answer")
        stripped = text.replace("{from}", "").replace("{to}", "")
        if "{" in stripped or "}" in stripped:
            ck.error(_where(r, key), f"{key} may only use the placeholders {{from}} and {{to}}")
        if key in ("ask_to", "ask_from") and not text.rstrip().endswith("?"):
            ck.error(_where(r, key), f"{key} must be a question ending in '?'")


def _check_relation(r: LDict, index: Index, ck: Checker) -> None:
    if "result" in r:
        for key in ("frequency", "necessary", "percent", "sensitivity"):
            if key in r:
                ck.error(
                    _where(r, "result"),
                    f"`result: {r['result']}` says the test is {r['result']} in "
                    f"{r['from']!r}; it cannot also have `{key}`",
                )
    if r.get("necessary") and r.get("frequency") == "absent":
        ck.error(_where(r, "necessary"), "an `absent` relation cannot be `necessary`")
    if r.get("frequency") == "absent" and r.get("percent"):
        ck.error(_where(r, "percent"), "an `absent` relation cannot have a percent above 0")
    if "alternatives" in r and "caution" not in r:
        ck.error(_where(r, "alternatives"), "`alternatives` go with a `caution`")
    if "caution" in r and r.get("frequency") == "absent":
        ck.error(_where(r, "caution"), "an `absent` relation cannot carry a `caution`")
    rtype = index["relation_types"].get(r["type"])
    if rtype is None:
        return
    alternatives = r.get("alternatives") or LList(r.loc)
    for alternative, where in zip(alternatives, alternatives.item_locs(), strict=True):
        entity = index["entities"].get(alternative)
        if entity is not None and entity["kind"] not in rtype["to"]:
            ck.error(
                where,
                f"an alternative to {r['to']!r} must be a {' or '.join(rtype['to'])}, like "
                f"the relation's 'to'; {alternative!r} is a {entity['kind']}",
            )
        if alternative == r["to"]:
            ck.error(where, f"{alternative!r} cannot be its own alternative")
    for end, allowed in (("from", rtype["from"]), ("to", rtype["to"])):
        entity = index["entities"].get(r[end])
        if entity is not None and entity["kind"] not in allowed:
            ck.error(
                _where(r, end),
                f"relation {r['type']!r} takes a {' or '.join(allowed)} as "
                f"'{end}', but {r[end]!r} is a {entity['kind']}",
            )


def _check_option_pools(items: dict[str, list[LDict]], per_kind: Counter[str], ck: Checker) -> None:
    used: set[str] = {r["type"] for r in items["relations"]}
    for rtype in items["relation_types"]:
        if rtype["id"] not in used or "small-option-pool" in lint_ignore(rtype):
            continue
        for end in ("to", "from"):
            size = sum(per_kind[k] for k in rtype[end])
            if size < MIN_OPTIONS:
                ck.warning(
                    _where(rtype, end),
                    f"small-option-pool: only {plural(size, 'entity', 'entities')} of kind "
                    f"{', '.join(rtype[end])}: too few for a {MIN_OPTIONS}-option question "
                    f"about relation {rtype['id']!r}",
                )


def _check_table(t: LDict, ck: Checker) -> None:
    columns = {c["id"] for c in t["columns"]}
    seen: set[str] = set()
    for row in t["rows"]:
        if row["entity"] in seen:
            ck.error(_where(row, "entity"), f"entity {row['entity']!r} has two rows in this table")
        seen.add(row["entity"])
        for key in row["cells"]:
            if key not in columns:
                ck.error(row["cells"].key_loc(key), f"unknown column {key!r} in table {t['id']!r}")
    asked = t.get("ask")
    if not isinstance(asked, LList):
        return  # absent, or not a list (the spec has said so)
    for column, loc in zip(asked, asked.item_locs(), strict=True):
        if isinstance(column, str) and column not in columns:
            ck.error(loc, f"`ask` names {column!r}, not a column of table {t['id']!r}")


def _check_onset_age(b: LDict, ck: Checker) -> None:
    """An age at onset apart from presentation needs the age at presentation, and every
    onset it allows comes no later than every age at presentation."""
    onset, age = b.get("onset_age"), b.get("age")
    if onset is None:
        return
    if age is None:
        ck.error(_where(b, "onset_age"), "`onset_age` needs the age at presentation: add `age`")
        return
    latest = convert(onset["max"], onset.get("unit") or "years", age.get("unit") or "years")
    if latest is not None and latest > age["min"]:
        ck.error(
            _where(onset, "max"),
            f"the age at onset (up to {onset['max']:g} {onset.get('unit') or 'years'}) must not "
            f"exceed the age at presentation (from {age['min']:g} {age.get('unit') or 'years'})",
        )


def _check_units(b: LDict, index: Index, ck: Checker) -> None:
    """A blueprint's age and duration are times; a lab's unit converts to its attribute's."""
    for key, allowed in (("age", AGE_UNITS), ("onset_age", AGE_UNITS), ("duration", tuple(TIME))):
        unit = b[key].get("unit") if key in b else None
        if unit is not None and unit not in allowed:
            ck.error(
                _where(b[key], "unit"),
                f"the {key} of a case is a time: its unit must be one of "
                f"{', '.join(allowed)}, not {unit!r}",
            )
    for key, value in b.get("labs", {}).items():
        definition = index["attributes"].get(key)
        unit = value.get("unit")
        if definition is not None and not convertible(unit, definition.get("unit")):
            ck.error(
                _where(value, "unit"),
                f"lab {key!r} is in {definition.get('unit')}; {unit} does not convert to it",
            )


def _check_blueprint(b: LDict, index: Index, per_kind: Counter[str], ck: Checker) -> None:
    for text, where in zip(b["complaint"], b["complaint"].item_locs(), strict=True):
        _check_pronouns(text, where, ck)
    _check_units(b, index, ck)
    _check_onset_age(b, ck)
    for key in ("duration", "age"):
        if key in b:
            _check_range(b[key], ck, key)
    for key, value in b.get("labs", {}).items():
        _check_range(value, ck, key)
        definition = index["attributes"].get(key)
        if definition is not None and definition["type"] != "range":
            ck.error(b["labs"].key_loc(key), f"lab {key!r} must be a range attribute")
        elif definition is not None and definition.get("population"):
            ck.error(
                b["labs"].key_loc(key),
                f"{key!r} is a population figure (`population: true`), not a patient's "
                "result: a vignette never states it as this patient's value",
            )
    for lead_in, key in b.get("answers", {}).items():
        where = b["answers"].key_loc(lead_in)
        if lead_in not in LEAD_INS:
            ck.error(where, f"unknown lead-in {lead_in!r}; use one of {', '.join(LEAD_INS)}")
            continue
        entity = index["entities"].get(key)
        if entity is not None:
            pool = per_kind[entity["kind"]]
            if pool < MIN_OPTIONS:
                ck.error(
                    where,
                    f"only {pool} entities of kind {entity['kind']!r}: too few "
                    f"options for a {lead_in} question (needs {MIN_OPTIONS})",
                )
    for lead_in, question in b.get("lead_ins", {}).items():
        if lead_in != "diagnosis" and lead_in not in LEAD_INS:
            ck.error(
                b["lead_ins"].key_loc(lead_in),
                f"unknown lead-in {lead_in!r}; use one of diagnosis, {', '.join(LEAD_INS)}",
            )
        elif lead_in != "diagnosis" and lead_in not in b.get("answers", {}):
            ck.error(
                b["lead_ins"].key_loc(lead_in),
                f"no vignette asks {lead_in!r}: give its key under `answers` first",
            )
        elif not question.rstrip().endswith("?"):
            ck.error(b["lead_ins"].value_loc(lead_in), "a lead-in must be a question ending in '?'")
    condition = index["entities"].get(b["condition"])
    if condition is not None:
        pool = per_kind[condition["kind"]]
        if pool < MIN_OPTIONS:
            ck.error(
                _where(b, "condition"),
                f"only {pool} entities of kind "
                f"{condition['kind']!r}: too few options for a diagnosis question",
            )
    findings = b["findings"]
    stated = [*findings.get("required", ()), *findings.get("optional", ())]
    if not stated:
        ck.error(
            _where(b, "findings"), "a blueprint needs at least one required or optional finding"
        )
    for entity_id in b.get("complaint_says", ()):
        if entity_id not in findings.get("required", ()):
            ck.error(
                _where(b, "complaint_says"),
                f"{entity_id!r} is in `complaint_says` but not a required finding: every "
                "case must have what its complaint says",
            )
    overlap = set(stated) & set(findings.get("negative", ()))
    for entity_id in sorted(overlap):
        ck.error(_where(b, "findings"), f"{entity_id!r} is stated both present and absent")


_FIELDS_BY_CARD_KIND = {
    "basic": ("prompt", "answer"),
    "cloze": ("text",),
    "mcq": ("stem", "lead_in", "options"),
    "vignette": ("stem", "lead_in", "options"),
}
_CARD_KIND_FIELDS = {key for fields in _FIELDS_BY_CARD_KIND.values() for key in fields}


def _check_card(c: LDict, ck: Checker) -> None:
    kind = c["kind"]
    own = _FIELDS_BY_CARD_KIND[kind]
    for key in c:
        if key in _CARD_KIND_FIELDS and key not in own:
            article = "an" if kind == "mcq" else "a"  # said em-see-queue
            ck.error(c.key_loc(key), f"{key!r} does not belong to {article} {kind} card")
    if kind == "basic":
        for key in ("prompt", "answer"):
            if key not in c:
                ck.error(c.loc, f"a basic card needs {key!r}")
    elif kind == "cloze":
        if "text" not in c or not _CLOZE.search(c["text"]):
            ck.error(
                _where(c, "text"), "a cloze card needs 'text' with at least one {{deleted term}}"
            )
    else:
        _check_hand_item(c, ck)


def _check_hand_item(c: LDict, ck: Checker) -> None:
    """A hand-written single-best-answer item: a question, one key, a rationale per option
    (its explanation and its proof), no option written twice."""
    wanted = ("stem", "lead_in", "options") if c["kind"] == "vignette" else ("lead_in", "options")
    for key in wanted:
        if key not in c:
            ck.error(c.loc, f"a hand-written {c['kind']} needs {key!r}")
    if "lead_in" in c and not c["lead_in"].rstrip().endswith("?"):
        ck.error(_where(c, "lead_in"), "a lead-in must be a question ending in '?'")
    options = c.get("options")
    if not options:
        return
    keys = [o for o in options if o.get("correct")]
    if not keys:
        ck.error(
            _where(c, "options"),
            "no option is marked `correct: true`: a single-best-answer item has exactly one key",
        )
    for extra in keys[1:]:
        ck.error(
            _where(extra, "correct"),
            f"a second option is marked correct (the first at line {keys[0].loc.line}): a "
            "single-best-answer item has exactly one key",
        )
    seen: dict[str, LDict] = {}
    for option in options:
        if "rationale" not in option:
            ck.error(
                option.loc,
                f"option {str(option['text'])!r} has no `rationale`: say why it is "
                f"{'right' if option.get('correct') else 'wrong'} (learners read it as the "
                "option's explanation)",
            )
        text = " ".join(str(option["text"]).split()).casefold()
        if text in seen:
            ck.error(
                _where(option, "text"),
                f"option {str(option['text'])!r} repeats the option at line {seen[text].loc.line}",
            )
        else:
            seen[text] = option
