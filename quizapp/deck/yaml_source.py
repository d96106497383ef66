"""Read one YAML file into plain values that remember where they came from.

We build values from libyaml's event stream ourselves instead of using a
constructor: that way no tag can construct an object, duplicate keys and
alias bombs are caught, nesting depth is bounded without recursion, and every
string, mapping and list knows its file:line:col for error messages.
"""

from __future__ import annotations

import gc
import hashlib
import math
import re
from array import array
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from quizapp.deck.errors import Location, Problem
from quizapp.deck.yaml_errors import explain
from quizapp.errors import QuizappError
from quizapp.reading import NotRegularFile, read_start

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DECK_BYTES = 32 * 1024 * 1024  # all of a deck's files together
MAX_SCALAR_CHARS = 100_000
MAX_DEPTH = 200
MAX_VALUES = 1_000_000  # for a whole deck: ~8 MB of YAML, 30 times the IIM deck
# Numbers a deck may hold: exact as floats (2**53 > 1e15) and far from float overflow,
# so every check and generator can compute with them.
MAX_NUMBER = 10**15
MAX_NUMBER_CHARS = 40
_BIG = "numbers in a deck lie between -1e15 and 1e15"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# In a decoded value ("\e[2J" in double quotes is an ESC): C0 but tab and newline, DEL, C1
_VALUE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {0x1B: "ESC", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x7F: "DEL", 0x9B: "CSI"}
_BRACKETS = re.compile(r"[\[\]{}]")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SKIPPED = (
    yaml.StreamStartEvent,
    yaml.StreamEndEvent,
    yaml.DocumentStartEvent,
    yaml.DocumentEndEvent,
)


_NUMERIC_FIRST_CHARS = frozenset("+-.0123456789<=~!&*")
_WORD_TAGS = {
    word: "tag:yaml.org,2002:bool"
    for word in "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF".split()
} | {word: "tag:yaml.org,2002:null" for word in ("null", "Null", "NULL")}


def _resolve(event: yaml.ScalarEvent) -> str:
    """The implicit tag of a plain scalar, as PyYAML's resolver gives it.

    Plain text starting with a letter can only be a bool or null word, so only
    values that may be numbers, dates or the like go through the resolver's
    regexes: deck files are mostly words, and this halves their load time.
    """
    value = event.value
    if not event.implicit[0]:
        return _STR
    if not value:
        return "tag:yaml.org,2002:null"
    if value[0] in _NUMERIC_FIRST_CHARS:
        tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
        return tag
    return _WORD_TAGS.get(value, _STR)


class YamlProblem(QuizappError):
    """A file that cannot be read as YAML at all; carries the one located problem."""

    def __init__(self, problem: Problem) -> None:
        loc = problem.loc
        what = f"{problem.severity}: {problem.message}"
        super().__init__(what, path=loc.path, line=loc.line, col=loc.col)
        self.problem = problem


# A place packed into one integer: the line above _COL_BITS, the column below. A deck file
# has at most 16 MiB, so both fit in 32 bits. Kept packed because a deck has a place for
# every key and value: hundreds of thousands of Location tuples cost more than the values.
_COL_BITS = 32
_COL_MASK = (1 << _COL_BITS) - 1
_KEY_SHIFT = 2 * _COL_BITS


def _pack(loc: Location) -> int:
    return loc.line << _COL_BITS | loc.col


def _unpack(path: str, packed: int) -> Location:
    return Location(path, packed >> _COL_BITS, packed & _COL_MASK)


# The values of a deck file are any YAML value (text, number, bool, None, LDict, LList).
# They are typed Any: the spec checks them before use, and the code after it reads them
# by their checked shape; naming the union would only repeat each check as an isinstance.
class LDict(dict[str, Any]):
    """A mapping from a deck file: knows its own place and the place of each key and value.

    Strings are plain `str` (a subclass cannot have slots); their places are kept here,
    packed, by the mapping or list that holds them.
    """

    __slots__ = ("loc", "_places")

    def __init__(
        self, loc: Location, items: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()
    ) -> None:
        super().__init__(items)
        self.loc = loc
        self._places: dict[str, int] | None = None  # made on first use: {} is common

    def place(self, key: str, key_loc: Location, value_loc: Location) -> None:
        """Remember where `key` and its value were written (in this mapping's file)."""
        self.place_packed(key, _pack(key_loc), _pack(value_loc))

    def place_packed(self, key: str, key_place: int, value_place: int) -> None:
        """`place` with both places already packed (the YAML reader's fast path)."""
        if self._places is None:
            self._places = {}
        self._places[key] = key_place << _KEY_SHIFT | value_place

    def key_loc(self, key: str) -> Location:
        """Where the key was written; the mapping's own place when unknown."""
        packed = self._places.get(key) if self._places else None
        if packed is None:
            return self.loc
        return _unpack(self.loc.path, packed >> _KEY_SHIFT)

    def value_loc(self, key: str) -> Location:
        """Where the key's value was written; the value's or the mapping's place when unknown."""
        packed = self._places.get(key) if self._places else None
        if packed is None:
            return loc_of(self.get(key), self.loc)
        return _unpack(self.loc.path, packed & ((1 << _KEY_SHIFT) - 1))


class LList(list[Any]):
    """A sequence from a deck file: knows its own place and each item's place."""

    __slots__ = ("loc", "_places")

    def __init__(self, loc: Location) -> None:
        super().__init__()
        self.loc = loc
        self._places: array[int] | None = None  # made on first use: [] is common

    def append_at(self, value: object, loc: Location) -> None:
        """Add an item written at `loc` (in this list's file)."""
        self.append_packed(value, _pack(loc))

    def append_packed(self, value: object, place: int) -> None:
        """`append_at` with the place already packed (the YAML reader's fast path)."""
        self.append(value)
        if self._places is None:
            self._places = array("Q")
        self._places.append(place)

    def item_locs(self) -> list[Location]:
        """Where each item was written, in order."""
        path = self.loc.path
        return [_unpack(path, packed) for packed in self._places or ()]


def loc_of(value: object, fallback: Location) -> Location:
    """The location a mapping or list carries, or the fallback for text, numbers and booleans."""
    return getattr(value, "loc", fallback)


class ValueBudget:
    """How many values a deck's files have held so far: one budget for all of a deck's
    files, so that includes cannot add up to more than MAX_VALUES or MAX_DECK_BYTES."""

    def __init__(self) -> None:
        self.bytes = 0
        self.total = 0
        self.from_aliases = 0  # of the total: values repeated through aliases


def read_yaml(
    path: Path,
    display: str | None = None,
    budget: ValueBudget | None = None,
    digests: dict[str, str] | None = None,
) -> object:
    """Parse one file into located values, or raise YamlProblem saying where and what.

    `budget` counts values across a deck's files; `digests`, when given, receives the
    SHA-256 of the exact bytes parsed, under the path: what the deck cache compares at
    the next start.
    """
    name = display or str(path)
    budget = budget or ValueBudget()
    data = _read_bytes(path, name)
    if digests is not None:
        digests[str(path)] = hashlib.sha256(data).hexdigest()
    budget.bytes += len(data)
    if budget.bytes > MAX_DECK_BYTES:
        message = f"the deck's files are over {MAX_DECK_BYTES:,} bytes together; split the deck"
        raise _fail(name, 1, 1, message)
    text = _decode(data, name)
    _check_flow_depth(text, name)
    return _compose(text, name, budget)


def _fail(name: str, line: int, col: int, message: str) -> YamlProblem:
    return YamlProblem(Problem(Location(name, line, col), "error", message))


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        data = read_start(path, MAX_FILE_BYTES + 1)
    except NotRegularFile as exc:  # a folder that can be opened can be listed too
        what = "a folder without a deck.yaml" if exc.is_folder else "not a regular file"
        raise _fail(name, 1, 1, f"is {what}; a deck is a YAML file") from None
    except OSError as exc:
        what = "folder" if _is_folder(path) else "file"
        raise _fail(name, 1, 1, f"cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        message = f"file is over {MAX_FILE_BYTES:,} bytes; a deck file may hold at most that"
        raise _fail(name, 1, 1, message)
    return data


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise _fail(name, 1, 1, "file is empty; a deck file is a YAML mapping")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        raise _fail(
            name,
            line,
            col,
            f"file is not UTF-8 text (byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start}); save it as UTF-8",
        ) from None
    bad = _CONTROL.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        if bad.group() == "\x00":
            raise _fail(name, line, col, "file contains a NUL byte; is it a binary file?")
        raise _fail(name, line, col, f"file contains {_control_name(bad.group())}{_RUNS}")
    return text


def _check_flow_depth(text: str, name: str) -> None:
    """libyaml slows down and can crash on very deep [ { nesting: refuse it first."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line, col = _line_col(text, match.start())
            raise _fail(name, line, col, f"nesting is deeper than {MAX_DEPTH} levels")


def _compose(text: str, name: str, budget: ValueBudget) -> object:
    loader = _Loader(text)
    collecting = gc.isenabled()
    gc.disable()  # the values form no cycles; collecting while millions are made took 2/3 of the time
    try:
        return _Composer(name, budget).compose(loader.get_event)
    except yaml.MarkedYAMLError as exc:
        raise _fail(name, *explain(exc, text)) from None
    except yaml.YAMLError as exc:
        raise _fail(name, 1, 1, f"YAML syntax: {exc}") from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()


_RUNS = (
    "; a terminal would run it as a command (clear the screen, set the title, ...). "
    "Write the text without it"
)


def _control_name(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code)
    return f"control character U+{code:04X}" + (f" ({name})" if name else "")


def _control_message(value: str, char: str) -> str:
    before = value[: value.index(char)][-20:]
    if before:
        return f"value contains {_control_name(char)} after {before!r}{_RUNS}"
    return f"value starts with {_control_name(char)}{_RUNS}"


# An open mapping or list: [container, start event, pending (key, packed place) or None,
# weight so far]. A list, not a class: one is made for every mapping and list in a deck.
_Frame = list[Any]


class _Composer:
    """Turns the event stream into LDict/LList/str values, iteratively."""

    def __init__(self, name: str, budget: ValueBudget) -> None:
        self.name = name
        self.budget = budget
        self.anchors: dict[str, tuple[object, int, int]] = {}  # value, weight, packed place
        self.strings: dict[str, str] = {}  # one copy of each text ("id", "s1", ...)

    def fail(self, event: yaml.Event, message: str) -> YamlProblem:
        mark = event.start_mark
        if mark is None:  # libyaml marks every event; the type allows none
            return _fail(self.name, 1, 1, message)
        return _fail(self.name, mark.line + 1, mark.column + 1, message)

    def count(self, event: yaml.Event, weight: int) -> None:
        budget = self.budget
        budget.total += weight
        if type(event) is yaml.AliasEvent:
            budget.from_aliases += weight
        if budget.total > MAX_VALUES:
            raise self.over_budget(event)

    def over_budget(self, event: yaml.Event) -> YamlProblem:
        """The problem for a deck past MAX_VALUES: aliases to blame, or just its size."""
        budget = self.budget
        limit = f"more than {MAX_VALUES:,} values"
        if budget.from_aliases * 2 > budget.total:
            return self.fail(event, f"document expands to {limit} (aliases repeated too often)")
        # a plain large deck: say so, not blame aliases it does not have
        return self.fail(event, f"the deck's files hold {limit}; split the deck into smaller decks")

    def check_tag(self, event: yaml.Event) -> None:
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and tag not in _STANDARD_TAGS:
            raise self.fail(event, f"tag {tag!r} is not allowed in a deck (plain values only)")

    def scalar(self, event: yaml.ScalarEvent) -> object:
        value = event.value
        if len(value) > MAX_SCALAR_CHARS:
            raise self.fail(
                event,
                f"value is {len(value):,} characters long; at most {MAX_SCALAR_CHARS:,} are allowed",
            )
        tag = event.tag
        if tag and tag != "!":
            self.check_tag(event)
        else:
            tag = _resolve(event)
        bad = _VALUE_CONTROL.search(value)
        if bad:
            raise self.fail(event, _control_message(value, bad.group()))
        if tag in (_STR, _TIMESTAMP):
            return self.strings.setdefault(value, value)
        kind = tag.rsplit(":", 1)[-1]
        if kind in ("int", "float") and len(value) > MAX_NUMBER_CHARS:
            raise self.fail(
                event, f"number {value[:12]}... is {len(value):,} characters long; {_BIG}"
            )
        try:
            number = _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, value))
        except (yaml.YAMLError, ValueError, KeyError, TypeError, OverflowError):
            # e.g. `!!bool maybe` (KeyError inside PyYAML), `!!int 0x`, `!!float abc`
            raise self.fail(event, f"{value!r} is not a valid {kind}") from None
        if isinstance(number, float) and not math.isfinite(number):
            raise self.fail(event, f"{value!r} is not a finite number; {_BIG}")
        if type(number) in (int, float) and abs(number) > MAX_NUMBER:
            raise self.fail(event, f"number {value[:20]!r} is too large; {_BIG}")
        return number

    def start(self, event: yaml.Event, loc: Location, depth: int) -> _Frame:
        """A new frame: [container, start event, pending key, weight so far]."""
        self.check_tag(event)
        if depth >= MAX_DEPTH:
            raise self.fail(event, f"nesting is deeper than {MAX_DEPTH} levels")
        container = LDict(loc) if isinstance(event, yaml.MappingStartEvent) else LList(loc)
        return [container, event, None, 1]

    def compose(self, next_event: Callable[[], yaml.Event | None]) -> object:
        root: object = None
        documents = 0
        stack: list[_Frame] = []
        name, budget = self.name, self.budget
        for event in iter(next_event, None):  # None: past the stream's end (never reached)
            mark = event.start_mark  # never None from libyaml, though the type allows it
            place = (mark.line + 1) << _COL_BITS | (mark.column + 1)  # type: ignore[union-attr]
            # Each value counts once where it is written; an alias counts all it repeats.
            # Scalars, most events, are tested first; `type(event) is` narrows `event`.
            if type(event) is yaml.ScalarEvent:
                budget.total += 1
                if budget.total > MAX_VALUES:
                    raise self.over_budget(event)
                value, weight = self.scalar(event), 1
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1, place)
            elif (kind := type(event)) in _SKIPPED:
                if kind is yaml.StreamEndEvent:
                    return root
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise self.fail(event, "a deck file holds one YAML document, not several")
                continue
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.count(event, 1)
                loc = Location(name, place >> _COL_BITS, place & _COL_MASK)
                stack.append(self.start(event, loc, len(stack)))
                continue
            elif type(event) is yaml.AliasEvent:
                if event.anchor not in self.anchors:
                    raise self.fail(event, f"alias *{event.anchor} names no anchor")
                value, weight, place = self.anchors[event.anchor]
                self.count(event, weight)
            else:  # the end of a mapping or sequence, counted at its start
                value, start, _, weight = stack.pop()
                place = _pack(value.loc)
                if start.anchor:
                    self.anchors[start.anchor] = (value, weight, place)
            if stack:
                self.add(stack[-1], value, weight, place, event)
            else:
                root = value
        return root

    def add(self, frame: _Frame, value: object, weight: int, place: int, event: yaml.Event) -> None:
        """Put `value`, written at `place` (packed), into the open mapping or list."""
        container = frame[0]
        frame[3] += weight
        if type(container) is LList:
            container.append_packed(value, place)
            return
        pending = frame[2]
        if pending is None:
            if value is None or not isinstance(value, (str, int, float)):
                raise self.fail(event, "mapping keys must be plain words")
            key = value if isinstance(value, str) else str(value).lower()
            if key in container:
                first = container.key_loc(key)
                raise self.fail(event, f"duplicate key {key!r} (first given at line {first.line})")
            frame[2] = (key, place)
            return
        key, key_place = pending
        container[key] = value
        container.place_packed(key, key_place, place)
        frame[2] = None
