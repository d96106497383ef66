"""Load a deck: read its files, check them against its format (1 or 2), resolve references, build the model.

Every problem of a run is collected and reported together, each at the YAML
node that causes it.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.deck import model as m
from quizapp.deck.checks import check_semantics, lint_ignore
from quizapp.deck.errors import DeckError, Location, Problem
from quizapp.deck.files import resolve_include
from quizapp.deck.format_v1 import FORMATS, INCLUDED_FILE, LIST_SECTIONS
from quizapp.deck.format_v1 import ROOT_FILE as ROOT_RECORD
from quizapp.deck.inherit import with_inheritance
from quizapp.deck.prose import prose_sources, prose_text
from quizapp.deck.spec import LATEST_FORMAT, Checker, Suggester
from quizapp.deck.units import convert, convert_range, converted
from quizapp.deck.yaml_source import LDict, LList, ValueBudget, YamlProblem, read_yaml
from quizapp.gc_policy import paused_gc
from quizapp.plural import plural


@dataclass(frozen=True)
class LoadResult:
    """The deck (None when it has errors) and every problem found, warnings included.

    `files`: the SHA-256 of each file read (root first, then includes), by path; what
    decides at the next start whether the deck changed.
    """

    deck: m.Deck | None
    problems: list[Problem]
    files: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.deck is not None


def load_deck(root: Path) -> m.Deck:
    """The checked deck, or DeckError with every problem."""
    result = check_deck(root)
    if result.deck is None:
        raise DeckError(result.problems)
    return result.deck


def check_deck(root: Path) -> LoadResult:
    """Load and check a deck root file, collecting every problem instead of stopping.

    Whatever goes wrong, the result is a located problem, never an exception: a deck that
    trips an unforeseen error in a check is reported (at its root file, as an internal
    error to report) and the decks beside it still load."""
    try:
        with paused_gc():  # a bulk build: collections would only walk what must stay
            return _check_deck(root)
    except Exception as exc:  # the last line of defence; every known case has its message
        return LoadResult(None, [internal_problem(root, "checking", exc)])


def internal_problem(root: Path, doing: str, exc: Exception) -> Problem:
    """A deck problem for an error quizapp did not foresee: located at the deck, never a
    traceback, and worded so that it gets reported."""
    return Problem(
        Location(str(root)),
        "error",
        f"quizapp failed while {doing} this deck ({type(exc).__name__}: {exc}); the other "
        "decks are unaffected. Please report this with the deck file.",
    )


def _check_deck(root: Path) -> LoadResult:
    ck = Checker()
    files: dict[str, str] = {}
    budget = ValueBudget()
    root_data = _read(root, ck, files, budget)
    if root_data is None:
        return LoadResult(None, ck.problems)
    ck.format = deck_format(root_data)
    checked_root = ROOT_RECORD.check(root_data, root_data.loc, ck)
    items: dict[str, list[LDict]] = {name: [] for name in LIST_SECTIONS}
    _collect(checked_root, items)
    unread: list[Path] = []  # included files dropped whole (YAML syntax, not a mapping)
    read_errors: list[Problem] = []  # why: printed first, as every later error may follow
    for name, path in _includes(root, root_data, ck):
        before = len(ck.problems)
        data = _read(path, ck, files, budget, display=str(root.parent / name))
        if data is not None:
            _collect(INCLUDED_FILE.check(data, data.loc, ck), items)
        else:
            read_errors += ck.problems[before:]
            unread += [path] if path.is_file() else []
    if checked_root is None:
        return LoadResult(None, _first(read_errors, ck.problems))
    index = _index(items, ck)
    _check_refs(ck, index, _ids_in(unread))
    check_semantics(items, index, ck)
    problems = _first(read_errors, ck.problems)
    if any(p.severity == "error" for p in problems):
        return LoadResult(None, problems)
    deck, conflicts = with_inheritance(_build(root, checked_root, items))
    if conflicts:
        return LoadResult(None, _sorted(problems + conflicts))
    return LoadResult(deck, problems, files)


def deck_format(root_data: LDict) -> int:
    """The format a root file declares; an unknown one is checked as the latest (and its
    `format` line gets the error)."""
    declared = root_data.get("format")
    if isinstance(declared, int) and not isinstance(declared, bool) and declared in FORMATS:
        return declared
    return LATEST_FORMAT


def _first(read_errors: list[Problem], problems: list[Problem]) -> list[Problem]:
    """The errors that dropped a whole file first (what follows may be their consequence),
    then the rest in file order."""
    dropped = set(read_errors)
    return _sorted(read_errors) + [p for p in _sorted(problems) if p not in dropped]


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.loc.path, p.loc.line, p.loc.col, p.message))


def _read(
    path: Path,
    ck: Checker,
    digests: dict[str, str],
    budget: ValueBudget,
    display: str | None = None,
) -> LDict | None:
    try:
        data = read_yaml(path, display, budget, digests)
    except YamlProblem as exc:
        ck.problems.append(exc.problem)
        return None
    name = display or str(path)
    if not isinstance(data, LDict):
        loc = getattr(data, "loc", Location(name))
        ck.error(
            loc, "a deck file must be a YAML mapping of sections (format, deck, entities, ...)"
        )
        return None
    return data


def _includes(root: Path, data: LDict, ck: Checker) -> list[tuple[str, Path]]:
    names = data.get("include")
    if not isinstance(names, LList):
        return []
    found: list[tuple[str, Path]] = []
    seen: set[Path] = set()
    for name, loc in zip(names, names.item_locs(), strict=True):
        if not isinstance(name, str):
            continue
        target = resolve_include(root, name)
        if isinstance(target, str):
            ck.error(loc, target)
        elif target in seen:
            ck.error(loc, f"{name!r} is included twice")
        else:
            seen.add(target)
            found.append((name, target))
    return found


def _collect(data: object, sections: dict[str, list[LDict]]) -> None:
    if not isinstance(data, dict):
        return
    for name in LIST_SECTIONS:
        values = data.get(name)
        if isinstance(values, list):
            sections[name].extend(v for v in values if isinstance(v, LDict))


def relation_id(item: Mapping[str, object]) -> str:
    """A relation's id comes from what it links, so it survives rewording and reordering."""
    return f"{item['from']}.{item['type']}.{item['to']}"


def _index(items: dict[str, list[LDict]], ck: Checker) -> dict[str, dict[str, LDict]]:
    index: dict[str, dict[str, LDict]] = {}
    for name, values in items.items():
        seen: dict[str, LDict] = {}
        for item in values:
            key = relation_id(item) if name == "relations" else item["id"]
            if key in seen:
                first = seen[key].loc
                what = "relation" if name == "relations" else f"id {key!r} in {name}"
                ck.error(item.loc, f"duplicate {what} (first defined at {first})")
                continue
            seen[key] = item
        index[name] = seen
    return index


SINGULAR = {
    "sources": "source",
    "topics": "topic",
    "kinds": "kind",
    "attributes": "attribute",
    "relation_types": "relation type",
    "entities": "entity",
}


def _ids_in(unread: list[Path]) -> dict[str, Path]:
    """The ids a file that could not be parsed would define, read from its text line by line
    (`id: ptosis`, `- {id: ptosis, ...}`), so references to them are not reported as
    unknown one by one: the file's own error is the one to fix."""
    found: dict[str, Path] = {}
    for path in unread:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for ref in _ID_LINE.findall(text):
            found.setdefault(ref, path)
    return found


_ID_LINE = re.compile(r"""(?:^|[{,\s])id:\s*["']?([A-Za-z0-9_.-]+)""", re.M)


def _check_refs(
    ck: Checker, index: dict[str, dict[str, LDict]], unread: dict[str, Path] | None = None
) -> None:
    """An error for each reference to an id no section defines; references to ids a file
    that could not be read would define are summed up in one error per such file."""
    suggesters: dict[str, Suggester] = {}  # built on the first unknown reference of a section
    waiting: dict[Path, list[tuple[str, Location]]] = {}
    for section, ref, loc in ck.refs:
        known = index.get(section, {})
        if ref not in known:
            if unread and ref in unread:
                waiting.setdefault(unread[ref], []).append((ref, loc))
                continue
            singular = SINGULAR.get(section, section)
            if section not in suggesters:
                suggesters[section] = Suggester(known)
            ck.error(loc, f"unknown {singular} {ref!r}{suggesters[section].hint(ref)}")
    for path, refs in waiting.items():
        names = sorted({ref for ref, _ in refs})
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        ck.error(
            min((loc for _, loc in refs), key=lambda loc: (loc.path, loc.line, loc.col)),
            f"{plural(len(refs), 'reference')} to ids defined in {path.name} ({shown}) cannot "
            f"be checked: {path.name} could not be read; fix the error reported there first",
        )


def _sources(item: LDict) -> tuple[str, ...]:
    return tuple(item["source"])


def _build(root: Path, data: LDict, items: dict[str, list[LDict]]) -> m.Deck:
    meta = data["deck"]
    units = {a["id"]: a.get("unit") for a in items["attributes"]}
    labels = {s["id"]: s["label"] for s in items["sources"] if "label" in s}
    return m.Deck(
        id=meta["id"],
        title=meta["title"],
        version=str(meta["version"]),
        authors=tuple(meta["authors"]),
        description=meta.get("description"),
        lint_ignore=lint_ignore(meta),
        path=str(root),
        loc=meta.loc,
        sources={s["id"]: _source(s) for s in items["sources"]},
        topics={t["id"]: m.Topic(t["id"], t["title"], t.loc) for t in items["topics"]},
        kinds={
            k["id"]: m.Kind(k["id"], k["label"], k.loc, k.get("plural")) for k in items["kinds"]
        },
        attributes={a["id"]: _attribute(a) for a in items["attributes"]},
        relation_types={r["id"]: _relation_type(r) for r in items["relation_types"]},
        entities={e["id"]: _entity(e, units, labels) for e in items["entities"]},
        relations=tuple(_relation(r, labels) for r in items["relations"] if not _foreign(r)),
        links=tuple(link for r in items["relations"] for link in _links(r, labels)),
        tables={t["id"]: _table(t) for t in items["tables"]},
        mnemonics={x["id"]: _mnemonic(x) for x in items["mnemonics"]},
        blueprints={b["id"]: _blueprint(b) for b in items["blueprints"]},
        cards={c["id"]: _card(c) for c in items["cards"]},
    )


def _source(s: LDict) -> m.Source:
    return m.Source(s["id"], s["citation"], s.loc, s.get("doi"), s.get("pmid"), s.get("url"))


def _attribute(a: LDict) -> m.AttributeDef:
    return m.AttributeDef(
        a["id"], a["label"], a["type"], a.loc, a.get("unit"),
        tuple(a.get("values", ())), tuple(a.get("applies_to", ())), a.get("population", False),
        a.get("ask"),
    )  # fmt: skip


def _relation_type(r: LDict) -> m.RelationType:
    return m.RelationType(
        r["id"], r["label"], tuple(r["from"]), tuple(r["to"]),
        r["statement"], r["ask_to"], r["ask_from"], r.loc,
        r.get("deny"), tuple(r.get("complete", ())),
        tuple((q["measure"], q["question"]) for q in r.get("ask_most", ())),
    )  # fmt: skip


def _in_unit(v: LDict, unit: str | None) -> tuple[float | None, float | None]:
    """min and max in the attribute's unit (the validator checked that they convert)."""
    return convert_range(v.get("min"), v.get("max"), v.get("unit"), unit)


def _written(v: LDict) -> tuple[float, float, str] | None:
    if "unit" not in v or "min" not in v or "max" not in v:
        return None
    return (v["min"], v["max"], v["unit"])


def _usual(v: LDict, unit: str | None) -> tuple[float, float] | None:
    """A range's usual part in the attribute's unit (written in the value's own unit)."""
    usual = v.get("usual")
    if usual is None:
        return None
    own = v.get("unit")
    return (converted(usual["min"], own, unit), converted(usual["max"], own, unit))


def _rarely_after(v: LDict, unit: str | None) -> float | None:
    """The age after which onset is rare, in the attribute's unit (written in the value's)."""
    after = v.get("rarely_after")
    return None if after is None else convert(after, v.get("unit"), unit)


def _entity(e: LDict, units: dict[str, str | None], labels: dict[str, str]) -> m.Entity:
    attributes = {
        key: m.AttributeValue(
            attribute=key,
            sources=_sources(v),
            loc=v.loc,
            min=_in_unit(v, units.get(key))[0],
            max=_in_unit(v, units.get(key))[1],
            female=v.get("female"),
            male=v.get("male"),
            value=v.get("value"),
            text=prose_text(v.get("text"), labels),
            note=prose_text(v.get("note"), labels),
            uncertain=v.get("uncertain", False),
            discriminating=v.get("discriminating", False),
            written=_written(v),
            usual=_usual(v, units.get(key)),
            peaks=tuple(converted(p, v.get("unit"), units.get(key)) for p in v.get("peaks", ())),
            rarely_after=_rarely_after(v, units.get(key)),
            strict_cutoff=v.get("strict_cutoff", False),
            sentence_sources=prose_sources(v.get("text"), v.get("note")),
        )
        for key, v in e.get("attributes", {}).items()
    }
    return m.Entity(
        id=e["id"],
        kind=e["kind"],
        name=e["name"],
        sources=_sources(e),
        loc=e.loc,
        aliases=tuple(e.get("aliases", ())),
        proper_name=e.get("proper_name", False),
        topic=e.get("topic"),
        parents=tuple(dict.fromkeys([*e.get("parent", ()), *_one(e.get("state_of"))])),
        summary=prose_text(e.get("summary"), labels),
        sentence_sources=prose_sources(e.get("summary")),
        attributes=attributes,
        uncertain=e.get("uncertain", False),
        complete=tuple(e.get("complete", ())),
        finding_class=e.get("class"),
        in_case=(e.get("in_case", {}).get("present"), e.get("in_case", {}).get("absent")),
        negative_result=e.get("in_case", {}).get("negative"),
        exposure_said=e.get("in_case", {}).get("exposure"),
        inherits=e.get("inherits", False) or "state_of" in e,
        state_of=e.get("state_of"),
        axis=e.get("axis"),
    )


def _one(value: str | None) -> tuple[str, ...]:
    return () if value is None else (value,)


def _relation(r: LDict, labels: dict[str, str]) -> m.Relation:
    return m.Relation(
        id=relation_id(r),
        source=r["from"],
        type=r["type"],
        target=r["to"],
        sources=_sources(r),
        loc=r.loc,
        # a negative result is a stated absence: everything that reads `absent` uses it
        frequency="absent" if r.get("result") else r.get("frequency"),
        result=r.get("result"),
        caution=r.get("caution"),
        alternatives=tuple(r.get("alternatives", ())),
        specificity=specificity if isinstance(specificity := r.get("specificity"), str) else None,
        note=prose_text(r.get("note"), labels),
        sentence_sources=prose_sources(r.get("note")),
        uncertain=r.get("uncertain", False),
        necessary=r.get("necessary", False),
        percent=r.get("percent"),
        sensitivity=r.get("sensitivity"),
        specificity_percent=None if isinstance(specificity, str) else specificity,
    )


def _foreign(r: LDict) -> list[str]:
    """The ends of a relation that name another deck's entity (`deck:entity`)."""
    return [end for end in ("from", "to") if ":" in r[end]]


def _links(r: LDict, labels: dict[str, str]) -> list[m.Link]:
    """A link for each end of a relation that names another deck's entity."""
    links = []
    for end in _foreign(r):
        deck, _, entity = r[end].partition(":")
        links.append(m.Link(_relation(r, labels), end, deck, entity, loc=r.value_loc(end)))
    return links


def _table(t: LDict) -> m.Table:
    rows = tuple(
        m.TableRow(
            row["entity"],
            {k: m.Cell(c["text"], _sources(c), c.loc) for k, c in row["cells"].items()},
            row.loc,
        )
        for row in t["rows"]
    )
    columns = tuple(m.Column(c["id"], c["title"]) for c in t["columns"])
    ask = tuple(t["ask"]) if "ask" in t else None
    return m.Table(t["id"], t["title"], columns, rows, _sources(t), t.loc, t.get("topic"), ask)


def _mnemonic(x: LDict) -> m.Mnemonic:
    items = tuple(
        m.MnemonicItem(i["key"], i["meaning"], i.loc, i.get("entity"), i.get("prompt"))
        for i in x["items"]
    )
    return m.Mnemonic(x["id"], x["title"], x["about"], items, _sources(x), x.loc, x.get("topic"))


def _range(r: LDict) -> m.Range:
    return m.Range(r["min"], r["max"], r.get("unit"))


def _optional_range(r: LDict | None) -> m.Range | None:
    return None if r is None else _range(r)


def _blueprint(b: LDict) -> m.Blueprint:
    findings = b["findings"]
    return m.Blueprint(
        id=b["id"],
        condition=b["condition"],
        complaint=tuple(b["complaint"]),
        duration=_range(b["duration"]),
        sources=_sources(b),
        loc=b.loc,
        topic=b.get("topic"),
        setting=tuple(b.get("setting", ("office",))),
        age=_optional_range(b.get("age")),
        onset_age=_optional_range(b.get("onset_age")),
        history=tuple(b.get("history", ())),
        complaint_says=tuple(b.get("complaint_says", ())),
        required=tuple(findings.get("required", ())),
        optional=tuple(findings.get("optional", ())),
        negative=tuple(findings.get("negative", ())),
        labs={k: _range(v) for k, v in b.get("labs", {}).items()},
        answers=dict(b.get("answers", {})),
        sex=b.get("sex"),
        lead_ins=dict(b.get("lead_ins", {})),
        lint_ignore=lint_ignore(b),
        field_locs={key: b.value_loc(key) for key in b},
    )


def _card(c: LDict) -> m.HandCard:
    return m.HandCard(
        c["id"], c["kind"], _sources(c), c.loc, c.get("topic"),
        c.get("prompt"), c.get("answer"), c.get("text"), tuple(c.get("tests", ())),
        c.get("uncertain", False), c.get("stem"), c.get("lead_in"),
        tuple(_option(o) for o in c.get("options", ())), lint_ignore(c),
    )  # fmt: skip


def _option(o: LDict) -> m.HandOption:
    return m.HandOption(
        str(o["text"]), o.get("correct", False), o["rationale"], o.loc, o.value_loc("rationale"),
        tuple(o.get("source", ())),
    )  # fmt: skip
