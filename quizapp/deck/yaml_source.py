"""Read one YAML file into plain values that remember where they came from.

We build values from libyaml's event stream ourselves instead of using a
constructor: that way no tag can construct an object, duplicate keys and
alias bombs are caught, nesting depth is bounded without recursion, and every
string, mapping and list knows its file:line:col for error messages.
"""

import hashlib
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import yaml

from quizapp.deck.errors import Location, Problem
from quizapp.deck.yaml_errors import explain

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_SCALAR_CHARS = 100_000
MAX_DEPTH = 200
MAX_VALUES = 2_000_000
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
        return _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
    return _WORD_TAGS.get(value, _STR)


class YamlProblem(Exception):
    """A file that cannot be read as YAML at all; carries the one located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class LStr(str):
    """A string from a deck file that knows where it was written."""

    loc: Location


class LDict(dict):
    """A mapping from a deck file: knows its own place and the place of each key and value."""

    loc: Location
    key_locs: dict[str, Location]
    value_locs: dict[str, Location]


class LList(list):
    """A sequence from a deck file: knows its own place and each item's place."""

    loc: Location
    item_locs: list[Location]


def loc_of(value: object, fallback: Location) -> Location:
    """The location a value carries, or the fallback for plain numbers and booleans."""
    return getattr(value, "loc", fallback)


def read_yaml(
    path: Path, display: str | None = None, digests: dict[str, str] | None = None
) -> object:
    """Parse one file into located values, or raise YamlProblem saying where and what.

    `digests`, when given, receives the SHA-256 of the exact bytes parsed, under the
    path: what the deck cache compares at the next start.
    """
    name = display or str(path)
    data = _read_bytes(path, name)
    if digests is not None:
        digests[str(path)] = hashlib.sha256(data).hexdigest()
    text = _decode(data, name)
    _check_flow_depth(text, name)
    return _compose(text, name)


def _fail(name: str, line: int, col: int, message: str) -> YamlProblem:
    return YamlProblem(Problem(Location(name, line, col), "error", message))


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            os.listdir(path)  # raises the reason when the folder cannot be read
            raise _fail(name, 1, 1, "is a folder without a deck.yaml")
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a device never end
            raise _fail(name, 1, 1, "is not a regular file; a deck is a YAML file")
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise _fail(
                name,
                1,
                1,
                f"file is {size:,} bytes; a deck file may hold at most {MAX_FILE_BYTES:,}",
            )
        return path.read_bytes()
    except RuntimeError:  # pathlib's report of a symbolic link loop on some versions
        raise _fail(name, 1, 1, "cannot read file: symbolic link loop") from None
    except OSError as exc:
        what = "folder" if _is_folder(path) else "file"
        raise _fail(name, 1, 1, f"cannot read {what}: {exc.strerror or exc}") from None


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


def _compose(text: str, name: str) -> object:
    loader = _Loader(text)
    try:
        return _Composer(name).compose(loader.get_event)
    except yaml.MarkedYAMLError as exc:
        raise _fail(name, *explain(exc, text)) from None
    except yaml.YAMLError as exc:
        raise _fail(name, 1, 1, f"YAML syntax: {exc}") from None
    finally:
        loader.dispose()


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


class _Composer:
    """Turns the event stream into LDict/LList/LStr values, iteratively."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.anchors: dict[str, tuple[object, int]] = {}
        self.total = 0
        self.from_aliases = 0  # of the total: values repeated through aliases

    def fail(self, event: yaml.Event, message: str) -> YamlProblem:
        mark = event.start_mark
        return _fail(self.name, mark.line + 1, mark.column + 1, message)

    def count(self, event: yaml.Event, weight: int) -> None:
        self.total += weight
        if type(event) is yaml.AliasEvent:
            self.from_aliases += weight
        if self.total > MAX_VALUES:
            limit = f"more than {MAX_VALUES:,} values"
            if self.from_aliases * 2 > self.total:
                message = f"document expands to {limit} (aliases repeated too often)"
            else:  # a plain large file: say so, not blame aliases it does not have
                message = f"document holds {limit}; split the deck into included files"
            raise self.fail(event, message)

    def check_tag(self, event: yaml.Event) -> None:
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and tag not in _STANDARD_TAGS:
            raise self.fail(event, f"tag {tag!r} is not allowed in a deck (plain values only)")

    def scalar(self, event: yaml.ScalarEvent, loc: Location) -> object:
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
            text = LStr(value)
            text.loc = loc
            return text
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

    def start(self, event: yaml.Event, loc: Location, depth: int) -> list:
        """A new frame: [container, start event, pending key, weight so far]."""
        self.check_tag(event)
        if depth >= MAX_DEPTH:
            raise self.fail(event, f"nesting is deeper than {MAX_DEPTH} levels")
        container: LDict | LList
        if isinstance(event, yaml.MappingStartEvent):
            container = LDict()
            container.key_locs, container.value_locs = {}, {}
        else:
            container = LList()
            container.item_locs = []
        container.loc = loc
        return [container, event, None, 1]

    def compose(self, next_event: Callable[[], yaml.Event]) -> object:
        root: object = None
        documents = 0
        stack: list[list] = []
        name = self.name
        while True:
            event = next_event()
            kind = type(event)
            if kind in _SKIPPED:
                if kind is yaml.StreamEndEvent:
                    return root
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise self.fail(event, "a deck file holds one YAML document, not several")
                continue
            mark = event.start_mark
            loc = Location(name, mark.line + 1, mark.column + 1)
            if kind is yaml.ScalarEvent:
                value, weight = self.scalar(event, loc), 1
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                stack.append(self.start(event, loc, len(stack)))
                continue
            elif kind is yaml.AliasEvent:
                if event.anchor not in self.anchors:
                    raise self.fail(event, f"alias *{event.anchor} names no anchor")
                value, weight = self.anchors[event.anchor]
                loc = loc_of(value, loc)
            else:  # the end of a mapping or sequence
                value, start, _, weight = stack.pop()
                loc = value.loc
                if start.anchor:
                    self.anchors[start.anchor] = (value, weight)
            self.count(event, weight)
            if stack:
                self.add(stack[-1], value, weight, loc, event)
            else:
                root = value

    def add(
        self, frame: list, value: object, weight: int, loc: Location, event: yaml.Event
    ) -> None:
        container = frame[0]
        frame[3] += weight
        if type(container) is LList:
            container.append(value)
            container.item_locs.append(loc)
            return
        pending = frame[2]
        if pending is None:
            if value is None or not isinstance(value, (str, int, float)):
                raise self.fail(event, "mapping keys must be plain words")
            key = value if isinstance(value, str) else str(value).lower()
            if key in container:
                first = container.key_locs[key]
                raise self.fail(event, f"duplicate key {key!r} (first given at line {first.line})")
            frame[2] = (key, loc)
            return
        key, key_loc = pending
        container[key] = value
        container.key_locs[key] = key_loc
        container.value_locs[key] = loc
        frame[2] = None
