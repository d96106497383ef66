"""A small declarative description of deck data, used both to check YAML and to
write the JSON Schema, so that the validator and the editor schema never disagree.
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from quizapp.deck.errors import Location, Problem
from quizapp.deck.yaml_source import LDict, LList, loc_of

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
LATEST_FORMAT = 2
UPGRADE_HINT = "run `quizapp deck upgrade PATH` to move the deck to format 2"
_ID_RE = re.compile(ID_PATTERN)
FOREIGN_PATTERN = r"^([a-z0-9][a-z0-9_-]*:)?[a-z0-9][a-z0-9_-]*$"  # an id, or deck-id:entity-id
JsonSchema = dict[str, object]  # one JSON Schema object, as json.dumps writes it


@dataclass
class Checker:
    """Collects problems and cross-references while specs check values."""

    problems: list[Problem] = field(default_factory=list)
    refs: list[tuple[str, str, Location]] = field(default_factory=list)
    # references to another deck's entities ("deck:entity"), checked with both decks loaded
    foreign: list[tuple[str, str, Location]] = field(default_factory=list)
    format: int = LATEST_FORMAT  # the deck's `format`: newer fields are errors in older decks

    def error(self, loc: Location, message: str) -> None:
        self.problems.append(Problem(loc, "error", message))

    def warning(self, loc: Location, message: str) -> None:
        self.problems.append(Problem(loc, "warning", message))


def describe(value: object) -> str:
    """Name a YAML value's type the way an author thinks of it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"text {str(value)[:40]!r}"


class Spec:
    """One kind of value. `check` returns the value to keep, or None when it is unusable."""

    doc: str = ""

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        raise NotImplementedError

    def json_schema(self) -> JsonSchema:
        raise NotImplementedError


@dataclass
class Text(Spec):
    doc: str = ""
    allow_numbers: bool = False
    max_len: int = 20_000

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        if self.allow_numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            ck.error(loc, f"expected text, got {describe(value)}")
            return None
        if not value.strip():
            ck.error(loc, "text is empty")
            return None
        if len(value) > self.max_len:
            ck.error(loc, f"text is {len(value):,} characters; at most {self.max_len:,}")
            return None
        return value

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": ["string", "number"] if self.allow_numbers else "string"}
        return _with_doc(schema, self.doc)


@dataclass
class Id(Spec):
    """An identifier; with `section`, a reference to an id defined in that section; with
    `foreign_since`, from that deck format on also `deck:entity`, another deck's entity."""

    section: str | None = None
    doc: str = ""
    foreign_since: int | None = None

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        if not isinstance(value, str):
            ck.error(loc, f"expected an id, got {describe(value)}")
            return None
        if self.foreign_since and ":" in value:
            return self._foreign(value, loc, ck)
        if not _ID_RE.match(value):
            ck.error(
                loc, f"{value!r} is not a valid id: use lower-case letters, digits, '-' and '_'"
            )
            return None
        if self.section:
            ck.refs.append((self.section, value, loc))
        return value

    def _foreign(self, value: str, loc: Location, ck: Checker) -> object:
        deck, _, entity = value.partition(":")
        if not (_ID_RE.match(deck) and _ID_RE.match(entity)):
            ck.error(loc, f"{value!r} is not a valid reference: write deck-id:entity-id")
            return None
        if ck.format < (self.foreign_since or 1):
            ck.error(
                loc,
                f"a reference to another deck's entity ({value!r}) needs format "
                f"{self.foreign_since}; {UPGRADE_HINT}",
            )
            return None
        ck.foreign.append((deck, entity, loc))
        return value

    def json_schema(self) -> JsonSchema:
        pattern = FOREIGN_PATTERN if self.foreign_since else ID_PATTERN
        return _with_doc({"type": "string", "pattern": pattern}, self.doc)


@dataclass
class Number(Spec):
    doc: str = ""
    minimum: float | None = None
    integer: bool = False
    maximum: float | None = None

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ck.error(loc, f"expected a number, got {describe(value)}")
            return None
        if self.integer and not isinstance(value, int):
            ck.error(loc, f"expected a whole number, got {value}")
            return None
        if value != value or value in (float("inf"), float("-inf")):
            ck.error(loc, "expected a finite number")
            return None
        if self.minimum is not None and value < self.minimum:
            ck.error(loc, f"{value} is below the minimum {self.minimum:g}")
            return None
        if self.maximum is not None and value > self.maximum:
            ck.error(loc, f"{value} is above the maximum {self.maximum:g}")
            return None
        return value

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return _with_doc(schema, self.doc)


@dataclass
class Flag(Spec):
    doc: str = ""

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        if not isinstance(value, bool):
            ck.error(loc, f"expected true or false, got {describe(value)}")
            return None
        return value

    def json_schema(self) -> JsonSchema:
        return _with_doc({"type": "boolean"}, self.doc)


@dataclass
class Choice(Spec):
    """One of `values`; those in `since` exist only from that deck format on."""

    values: tuple[str | int, ...] = ()
    doc: str = ""
    since: dict[str, int] = field(default_factory=dict)

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        if not isinstance(value, bool) and any(
            value == v and isinstance(value, type(v)) for v in self.values
        ):
            needed = self.since.get(value, 1) if isinstance(value, str) else 1
            if needed > ck.format:  # reported, but kept: no errors that follow from its loss
                ck.error(loc, f"{value!r} needs format {needed}; {UPGRADE_HINT}")
            return value
        options = ", ".join(str(v) for v in self.values)
        ck.error(
            loc, f"{describe(value)} is not one of: {options}{_did_you_mean(value, self.values)}"
        )
        return None

    def json_schema(self) -> JsonSchema:
        return _with_doc({"enum": list(self.values)}, self.doc)


@dataclass
class WordOrNumber(Spec):
    """A choice of words or a number (the number only from deck format `number_since`)."""

    word: Choice
    number: Number
    number_since: int = 1
    doc: str = ""

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.word.check(value, loc, ck)
        if self.number_since > ck.format:
            words = ", ".join(str(v) for v in self.word.values)
            ck.error(
                loc,
                f"a number here needs format {self.number_since} (format {ck.format} takes "
                f"{words}); {UPGRADE_HINT}",
            )
        return self.number.check(value, loc, ck)

    def json_schema(self) -> JsonSchema:
        return _with_doc({"anyOf": [self.word.json_schema(), self.number.json_schema()]}, self.doc)


@dataclass
class ListOf(Spec):
    item: Spec
    doc: str = ""
    min_items: int = 0
    one_or_many: bool = False
    list_since: int = 1  # with one_or_many: the deck format from which a list is accepted
    max_items: int | None = None
    noun: str = "item"  # what the list holds, for its count errors ("needs at least 4 options")

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        if self.one_or_many and not isinstance(value, list):
            return _keep([self.item.check(value, loc, ck)], [loc], loc)
        if self.list_since > ck.format:
            ck.error(loc, f"a list here needs format {self.list_since}; {UPGRADE_HINT}")
        if not isinstance(value, list):
            ck.error(loc, f"expected a list, got {describe(value)}")
            return None
        if len(value) < self.min_items:
            ck.error(loc, f"list needs at least {self._count(self.min_items)}; it has {len(value)}")
        elif self.max_items is not None and len(value) > self.max_items:
            ck.error(loc, f"list takes at most {self._count(self.max_items)}; it has {len(value)}")
        locs = value.item_locs() if isinstance(value, LList) else [loc] * len(value)
        checked = [self.item.check(v, vl, ck) for v, vl in zip(value, locs, strict=True)]
        if isinstance(value, LList) and all(
            a is b and a is not None for a, b in zip(checked, value, strict=True)
        ):
            return value
        return _keep(checked, locs, loc)

    def _count(self, n: int) -> str:
        return f"{n} {self.noun}{'' if n == 1 else 's'}"  # the deck layer imports no helpers

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        if self.one_or_many:
            schema = {"anyOf": [self.item.json_schema(), schema]}
        return _with_doc(schema, self.doc)


@dataclass
class MapOf(Spec):
    """A mapping from ids (of `key_section`, when given) to values of one spec."""

    value: Spec
    key_section: str | None = None
    doc: str = ""

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        if not isinstance(value, dict):
            ck.error(loc, f"expected a mapping, got {describe(value)}")
            return None
        out = LDict(loc)
        for key, item in value.items():
            key_loc = _key_loc(value, key, loc)
            if Id(self.key_section).check(key, key_loc, ck) is None:
                continue
            value_loc = _value_loc(value, key, loc)
            checked = self.value.check(item, value_loc, ck)
            if checked is not None:
                out[key] = checked
                out.place(key, key_loc, value_loc)
        return out

    def json_schema(self) -> JsonSchema:
        return _with_doc(
            {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": self.value.json_schema(),
            },
            self.doc,
        )


@dataclass
class Field:
    spec: Spec
    required: bool = False
    since: int = 1  # the first deck format that has this field


@dataclass
class Record(Spec):
    """A mapping with known keys: unknown ones get a did-you-mean, missing ones an error."""

    name: str
    fields: dict[str, Field]
    doc: str = ""

    def check(self, value: object, loc: Location, ck: Checker) -> LDict | None:
        if not isinstance(value, dict):
            ck.error(loc, f"expected a mapping ({self.name}), got {describe(value)}")
            return None
        missing = [k for k, f in self.fields.items() if f.required and k not in value]
        out = _located_dict(value, loc)
        ok = True
        for key, item in list(value.items()):
            spec = self.fields.get(key)
            if spec is None:
                hint = _did_you_mean(key, self.fields)
                ck.error(_key_loc(value, key, loc), f"unknown key {key!r} in {self.name}{hint}")
                del out[key]
                continue
            if spec.since > ck.format:  # reported, and still checked as format 2 would
                ck.error(
                    _key_loc(value, key, loc),
                    f"{key!r} in {self.name} needs format {spec.since}; {UPGRADE_HINT}",
                )
            checked = spec.spec.check(item, _value_loc(value, key, loc), ck)
            if checked is None:
                ok = ok and not spec.required
                del out[key]
            elif checked is not item:
                out[key] = checked
        for key in missing:
            ck.error(out.loc, f"{self.name} is missing required key {key!r}")
        return out if ok and not missing else None

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: f.spec.json_schema() for k, f in self.fields.items()},
        }
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            schema["required"] = required
        return _with_doc(schema, self.doc)


@dataclass
class Prose(Spec):
    """Text that reaches learners: one string, or (from deck format `list_since`) a list of
    sentences, each a string or a `sentence` record that cites its own sources."""

    sentence: Record
    doc: str = ""
    list_since: int = 2

    def check(self, value: object, loc: Location, ck: Checker) -> object:
        if not isinstance(value, list):
            return Text().check(value, loc, ck)
        if self.list_since > ck.format:
            ck.error(
                loc,
                f"sentences with their own sources need format {self.list_since}; {UPGRADE_HINT}",
            )
        if not value:
            ck.error(loc, "list needs at least 1 item")
            return None
        locs = value.item_locs() if isinstance(value, LList) else [loc] * len(value)
        checked = [self._sentence(v, vl, ck) for v, vl in zip(value, locs, strict=True)]
        return None if None in checked else _keep(checked, locs, loc)

    def _sentence(self, value: object, loc: Location, ck: Checker) -> object:
        spec = self.sentence if isinstance(value, dict) else Text()
        return spec.check(value, loc, ck)

    def json_schema(self) -> JsonSchema:
        sentences: JsonSchema = {
            "type": "array",
            "minItems": 1,
            "items": {"anyOf": [{"type": "string"}, self.sentence.json_schema()]},
        }
        return _with_doc({"anyOf": [{"type": "string"}, sentences]}, self.doc)


def _located_dict(value: dict[str, object], loc: Location) -> LDict:
    """Check in place when the YAML reader gave us located values; wrap plain dicts."""
    if isinstance(value, LDict):
        return value
    return LDict(loc, value)


def _keep(values: list[object], locs: list[Location], loc: Location) -> LList:
    """The checked items that are usable, with their locations."""
    out = LList(loc)
    for value, item_loc in zip(values, locs, strict=True):
        if value is not None:
            out.append_at(value, item_loc)
    return out


def _key_loc(mapping: dict[str, object], key: str, fallback: Location) -> Location:
    return mapping.key_loc(key) if isinstance(mapping, LDict) else fallback


def _value_loc(mapping: dict[str, object], key: str, fallback: Location) -> Location:
    if isinstance(mapping, LDict):
        return mapping.value_loc(key)
    return loc_of(mapping.get(key), fallback)


def _did_you_mean(word: object, choices: Iterable[object]) -> str:
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _with_doc(schema: JsonSchema, doc: str) -> JsonSchema:
    if doc:
        schema["description"] = doc
    return schema


SCAN_ALL_UP_TO = 300  # choices compared one by one when no near neighbour is indexed
MAX_INDEXED_LENGTH = 64  # ids are short; a longer word is only matched exactly


def _deletions(word: str) -> set[str]:
    """The word and every word one character shorter: two words one edit apart (a typo:
    a wrong, missing, extra or, often, swapped character) share one of these."""
    if len(word) > MAX_INDEXED_LENGTH:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


class Suggester:
    """'did you mean' for many unknown words against one set of choices, in about linear time.

    difflib compares a word with every choice; 10,000 misspelt references to 10,000 entities
    took minutes. Choices are indexed by their one-deletion variants, so a typo finds its
    few neighbours by lookup and difflib ranks only those; a set small enough is still
    scanned whole, for the misspellings an index of single edits cannot see."""

    def __init__(self, choices: Iterable[object]) -> None:
        self.choices = sorted(str(c) for c in choices)
        self.index: dict[str, list[str]] = {}
        for choice in self.choices:
            for variant in _deletions(choice):
                self.index.setdefault(variant, []).append(choice)

    def hint(self, word: object) -> str:
        if not isinstance(word, str):
            return ""
        near = {c for variant in _deletions(word) for c in self.index.get(variant, ())}
        if not near and len(self.choices) <= SCAN_ALL_UP_TO:
            return _did_you_mean(word, self.choices)
        close = difflib.get_close_matches(word, sorted(near), n=1, cutoff=0.6)
        return f"; did you mean {close[0]!r}?" if close else ""
