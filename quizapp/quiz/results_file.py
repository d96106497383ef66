"""The results file a student hands in: their quiz answers as versioned JSON, checked strictly.

An instructor reads a whole class's files at once, so a bad file must be rejected with a
message that says which file and where, and never half-read. Format, version 1::

    {
      "format": "quizapp-results",          # exactly this string
      "version": 2,                         # integer; a newer version is refused, not guessed
      "learner": null,                      # null unless the student chose to add a name
      "learner_id": "l-5f0c9a1e2b7d4c38",   # a random id made once per progress file, so a
                                            # re-export replaces the earlier one; or null
      "exported_at": "2026-11-25T09:00:00Z",  # ISO 8601 with an offset; written in UTC
      "blocks": [                           # may be empty; block ids are unique in a file
        {
          "id": "b-2026-11-20-1",           # non-empty string; the same id in several files
                                            # means the same block, analysed together
          "mode": "timed",                  # "timed" or "tutor"
          "started_at": "2026-11-20T08:00:00Z",
          "submitted_at": "2026-11-20T08:30:00Z",  # or null (not submitted); not before start
          "items": [                        # item ids are unique within a block
            {
              "item_id": "iim.mcq.antisynthetase.1",   # non-empty string
              "deck": "iim",                # non-empty string
              "topic": "myositis antibodies",  # string (may be empty)
              "kind": "mcq",                # "mcq" or "vignette"
              "options": ["A", "B", "C", "D", "E"],  # at least 2 distinct non-empty labels
              "key": "C",                   # one of options
              "chosen": "B",                # one of options, or null when not answered
              "correct": false,             # must equal chosen == key
              "seconds": 41.5,              # number >= 0, or null
              "flagged": false              # boolean
            }
          ]
        }
      ]
    }

Every field is required (null where allowed) and unknown fields are errors, so a typo is
reported rather than ignored. Nothing personal is written: no user name, path or host, and
`learner` stays null unless given; `learner_id` is random and says nothing about the person.
Version 1 is version 2 without `learner_id` (still read: its learner is unknown).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from quizapp.errors import QuizappError
from quizapp.output import write_output
from quizapp.quiz.item_analysis import Response
from quizapp.reading import NotRegularFile, read_start

__all__ = [
    "FORMAT",
    "KINDS",
    "MODES",
    "VERSION",
    "ResultBlock",
    "ResultItem",
    "ResultsFile",
    "ResultsFileError",
    "parse_results",
    "read_results",
    "responses_from_results",
    "results_to_json",
    "newest_per_learner",
    "write_results",
]

T = TypeVar("T")

FORMAT = "quizapp-results"
VERSION = 2
READABLE_VERSIONS = (1, 2)
MODES = ("timed", "tutor")
KINDS = ("mcq", "vignette")


class ResultsFileError(QuizappError):
    """A results file that cannot be read, with the file and the place in it that is wrong."""

    def __init__(self, path: str, location: str, message: str) -> None:
        super().__init__(f"{location}: {message}" if location else message, path=path)
        self.location = location  # the place inside the JSON, as `blocks[0].items[2]`
        self.message = message


@dataclass(frozen=True, slots=True)
class ResultItem:
    """One answered (or skipped) question, with what is needed to score and analyse it."""

    item_id: str
    deck: str
    topic: str
    kind: str
    options: tuple[str, ...]
    key: str
    chosen: str | None
    correct: bool
    seconds: float | None
    flagged: bool


@dataclass(frozen=True, slots=True)
class ResultBlock:
    """One quiz block as the learner took it."""

    id: str
    mode: str
    started_at: datetime
    submitted_at: datetime | None
    items: tuple[ResultItem, ...]


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class ResultsFile:
    """A whole results file; `learner` is None unless the learner chose to add a name."""

    blocks: tuple[ResultBlock, ...]
    learner: str | None = None
    exported_at: datetime = field(default_factory=_utc_now)
    learner_id: str | None = None  # the same for every export of one progress file


# --- validation ----------------------------------------------------------------------------


class _Invalid(Exception):
    """Raised deep in validation; read_results adds the path and turns it into the public error."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


class _Object(dict[str, Any]):
    """A JSON object that remembers keys given twice (json keeps only the last silently)."""

    duplicates: tuple[str, ...] = ()


def _object_hook(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        obj.duplicates = tuple(repeated)
    return obj


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in a results file")


MAX_NUMBER_CHARS = 30
MAX_OPTIONS = 26  # A-Z: a question has a handful; thousands are an attack, not a question
MAX_FILE_BYTES = 64 * 1024 * 1024  # a class of 1,000 learners' blocks is a few MB
MAX_SECONDS = 10**7  # about 116 days on one question: more is not a time, it is an error


class _TooLarge(str):
    """A JSON number quizapp will not compute with (over 30 characters, or beyond a float);
    kept as its text so that validation names the field it stands in."""


def _parse_int(text: str) -> int | _TooLarge:
    return _TooLarge(text) if len(text) > MAX_NUMBER_CHARS else int(text)


def _parse_float(text: str) -> float | _TooLarge:
    number = float(text)
    return number if math.isfinite(number) and len(text) <= MAX_NUMBER_CHARS else _TooLarge(text)


_JSON_TYPE_NAMES = ((bool, "a boolean"), (int | float, "a number"), (str, "a string"))


def _type_name(value: Any) -> str:
    """The JSON name of a parsed value, for "expected X, got Y" messages."""
    if isinstance(value, _TooLarge):
        return f"the number {value[:20]}{'...' if len(value) > 20 else ''}, which is too large"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return next((name for kind, name in _JSON_TYPE_NAMES if isinstance(value, kind)), "a value")


def _expected(loc: str, what: str, value: Any) -> _Invalid:
    return _Invalid(loc, f"expected {what}, got {_type_name(value)}")


def _no_duplicates(obj: dict[str, Any], loc: str) -> None:
    repeated = getattr(obj, "duplicates", ())
    if repeated:
        raise _Invalid(f"{loc}.{repeated[0]}" if loc else repeated[0], "field given more than once")


def _fields(value: Any, loc: str, names: Sequence[str]) -> dict[str, Any]:
    """An object with exactly these fields: missing, unknown and repeated fields are errors."""
    if not isinstance(value, dict):
        raise _expected(loc, "an object", value)
    _no_duplicates(value, loc)
    prefix = f"{loc}." if loc else ""
    for name in names:
        if name not in value:
            raise _Invalid(loc or "(top level)", f"missing field {name!r}")
    for name in value:
        if name not in names:
            raise _Invalid(
                f"{prefix}{name}", f"unknown field (expected one of: {', '.join(names)})"
            )
    return value


def _string(value: Any, loc: str, *, empty_ok: bool = False) -> str:
    if not isinstance(value, str) or isinstance(value, _TooLarge):
        raise _expected(loc, "a string", value)
    if not value.isascii():
        _no_surrogates(value, loc)
    if not empty_ok and not value.strip():
        raise _Invalid(loc, "expected a non-empty string")
    return value


def _no_surrogates(value: str, loc: str) -> None:
    """JSON's \\ud800 escapes can spell half a character, which no file or terminal takes."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(value[error.start])
        raise _Invalid(
            loc, f"contains U+{code:04X}, half of a character (a lone surrogate)"
        ) from None


def _optional(check: Callable[[Any, str], T], value: Any, loc: str) -> T | None:
    return None if value is None else check(value, loc)


def _boolean(value: Any, loc: str) -> bool:
    if not isinstance(value, bool):
        raise _expected(loc, "a boolean", value)
    return value


def _seconds(value: Any, loc: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _expected(loc, "a number of seconds", value)
    if value < 0:
        raise _Invalid(loc, f"expected a number >= 0, got {value}")
    if value > MAX_SECONDS:
        raise _Invalid(loc, f"expected at most {MAX_SECONDS:,} seconds, got {value:.3g}")
    return float(value)


def _choice(value: Any, loc: str, allowed: Sequence[str]) -> str:
    text = _string(value, loc)
    if text not in allowed:
        raise _Invalid(loc, f"expected one of {', '.join(map(repr, allowed))}, got {text!r}")
    return text


def _timestamp(value: Any, loc: str) -> datetime:
    text = _string(value, loc)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _Invalid(loc, f"expected an ISO 8601 date and time, got {text!r}") from None
    if moment.tzinfo is None:
        raise _Invalid(loc, f"expected a time zone offset such as Z, got {text!r}")
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+14:00 is before the first day Python knows
        raise _Invalid(loc, f"{text!r} is outside the range of dates quizapp handles") from None


def _array(value: Any, loc: str) -> list[Any]:
    if not isinstance(value, list):
        raise _expected(loc, "an array", value)
    return value


def _options(value: Any, loc: str) -> tuple[str, ...]:
    labels = tuple(_string(v, f"{loc}[{i}]") for i, v in enumerate(_array(value, loc)))
    if len(labels) < 2:
        raise _Invalid(loc, f"expected at least 2 options, got {len(labels)}")
    if len(labels) > MAX_OPTIONS:
        raise _Invalid(loc, f"expected at most {MAX_OPTIONS} options, got {len(labels):,}")
    seen: set[str] = set()  # a set, not a scan of labels[:i]: linear in the options
    for i, label in enumerate(labels):
        if label in seen:
            raise _Invalid(f"{loc}[{i}]", f"option {label!r} given twice")
        seen.add(label)
    return labels


def _unique_ids(ids: Sequence[str], loc: str, field_name: str) -> None:
    seen: set[str] = set()  # a set, not a scan of ids[:i]: a class report reads 100k items
    for i, ident in enumerate(ids):
        if ident in seen:
            raise _Invalid(f"{loc}[{i}].{field_name}", f"{ident!r} appears twice")
        seen.add(ident)


_ITEM_FIELDS = (
    "item_id",
    "deck",
    "topic",
    "kind",
    "options",
    "key",
    "chosen",
    "correct",
    "seconds",
    "flagged",
)


def _item(value: Any, loc: str) -> ResultItem:
    obj = _fields(value, loc, _ITEM_FIELDS)
    item_id = _string(obj["item_id"], f"{loc}.item_id")
    deck = _string(obj["deck"], f"{loc}.deck")
    topic = _string(obj["topic"], f"{loc}.topic", empty_ok=True)
    kind = _choice(obj["kind"], f"{loc}.kind", KINDS)
    options = _options(obj["options"], f"{loc}.options")
    key = _choice(obj["key"], f"{loc}.key", options)
    chosen = _optional(lambda v, at: _choice(v, at, options), obj["chosen"], f"{loc}.chosen")
    correct = _boolean(obj["correct"], f"{loc}.correct")
    if correct != (chosen == key):
        raise _Invalid(
            f"{loc}.correct",
            f"{str(correct).lower()} does not match chosen {chosen!r} and key {key!r}",
        )
    return ResultItem(
        item_id=item_id,
        deck=deck,
        topic=topic,
        kind=kind,
        options=options,
        key=key,
        chosen=chosen,
        correct=correct,
        seconds=_optional(_seconds, obj["seconds"], f"{loc}.seconds"),
        flagged=_boolean(obj["flagged"], f"{loc}.flagged"),
    )


def _block(value: Any, loc: str) -> ResultBlock:
    obj = _fields(value, loc, ("id", "mode", "started_at", "submitted_at", "items"))
    block_id = _string(obj["id"], f"{loc}.id")
    mode = _choice(obj["mode"], f"{loc}.mode", MODES)
    started = _timestamp(obj["started_at"], f"{loc}.started_at")
    submitted = _optional(_timestamp, obj["submitted_at"], f"{loc}.submitted_at")
    if submitted is not None and submitted < started:
        raise _Invalid(f"{loc}.submitted_at", "is earlier than started_at")
    items_loc = f"{loc}.items"
    items = tuple(
        _item(v, f"{items_loc}[{i}]") for i, v in enumerate(_array(obj["items"], items_loc))
    )
    _unique_ids([item.item_id for item in items], items_loc, "item_id")
    return ResultBlock(
        id=block_id,
        mode=mode,
        started_at=started,
        submitted_at=submitted,
        items=items,
    )


def _header(document: Any) -> None:
    """Check what the file claims to be before anything else, so a stranger JSON file is named."""
    if not isinstance(document, dict):
        raise _expected("(top level)", "an object", document)
    _no_duplicates(document, "")
    if document.get("format") != FORMAT:
        raise _Invalid("format", f"expected {FORMAT!r}: this is not a quizapp results file")
    if "version" not in document:
        raise _Invalid("(top level)", "missing field 'version'")
    version = document["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise _expected("version", "an integer", version)
    if version not in READABLE_VERSIONS:
        raise _Invalid(
            "version",
            f"version {version} is not supported (this quizapp reads versions "
            f"{', '.join(map(str, READABLE_VERSIONS))})",
        )


def _document(document: Any) -> ResultsFile:
    _header(document)
    names: tuple[str, ...] = ("format", "version", "learner", "exported_at", "blocks")
    if document["version"] >= 2:
        names = (*names[:3], "learner_id", *names[3:])
    obj = _fields(document, "", names)
    learner = _optional(_string, obj["learner"], "learner")
    learner_id = _optional(_string, obj.get("learner_id"), "learner_id")
    exported_at = _timestamp(obj["exported_at"], "exported_at")
    blocks = tuple(_block(v, f"blocks[{i}]") for i, v in enumerate(_array(obj["blocks"], "blocks")))
    _unique_ids([block.id for block in blocks], "blocks", "id")
    return ResultsFile(
        blocks=blocks,
        learner=learner,
        exported_at=exported_at,
        learner_id=learner_id,
    )


def _json_error(error: json.JSONDecodeError, text: str) -> tuple[str, str]:
    location = f"line {error.lineno} column {error.colno}"
    if error.pos >= len(text.rstrip()):
        return location, f"not valid JSON ({error.msg}); the file ends too early (truncated?)"
    return location, f"not valid JSON ({error.msg})"


def parse_results(text: str, source: str = "<results>") -> ResultsFile:
    """Parse and validate a results document; `source` names it in errors."""
    try:
        document = json.loads(
            text,
            object_pairs_hook=_object_hook,
            parse_constant=_reject_constant,
            parse_int=_parse_int,
            parse_float=_parse_float,
        )
    except json.JSONDecodeError as error:
        raise ResultsFileError(source, *_json_error(error, text)) from None
    except ValueError as error:  # NaN / Infinity
        raise ResultsFileError(source, "", f"not valid JSON ({error})") from None
    except RecursionError:
        raise ResultsFileError(
            source, "", "nested too deeply to be a results file (it has six levels at most)"
        ) from None
    try:
        return _document(document)
    except _Invalid as error:
        raise ResultsFileError(source, error.location, error.message) from None


def _read_bounded(path: Path, source: str) -> bytes:
    """The file's bytes, if it is a regular file of a sane size: a FIFO would block and
    /dev/zero never end, so neither is read at all."""
    try:
        data = read_start(path, MAX_FILE_BYTES + 1)
    except NotRegularFile:
        raise ResultsFileError(source, "", "not a regular file; a results file is JSON") from None
    if len(data) > MAX_FILE_BYTES:
        raise ResultsFileError(
            source, "", f"larger than {MAX_FILE_BYTES // 2**20} MiB; not a results file"
        )
    return data


def read_results(path: str | os.PathLike[str]) -> ResultsFile:
    """Read and validate one results file: all of it or nothing, with errors naming the place."""
    source = os.fspath(path)
    try:
        data = _read_bounded(Path(path), source)
    except OSError as error:
        raise ResultsFileError(source, "", f"cannot read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ResultsFileError(source, f"byte {error.start}", "not UTF-8 text") from None
    return parse_results(text, source)


# --- writing -------------------------------------------------------------------------------


def _time_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _item_document(item: ResultItem) -> dict[str, Any]:
    return {
        "item_id": item.item_id,
        "deck": item.deck,
        "topic": item.topic,
        "kind": item.kind,
        "options": list(item.options),
        "key": item.key,
        "chosen": item.chosen,
        "correct": item.correct,
        "seconds": item.seconds,
        "flagged": item.flagged,
    }


def _block_document(block: ResultBlock) -> dict[str, Any]:
    return {
        "id": block.id,
        "mode": block.mode,
        "started_at": _time_text(block.started_at),
        "submitted_at": None if block.submitted_at is None else _time_text(block.submitted_at),
        "items": [_item_document(item) for item in block.items],
    }


def results_to_json(results: ResultsFile) -> str:
    """The file's text: stable key order and indentation so two exports diff cleanly."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "learner": results.learner,
        "learner_id": results.learner_id,
        "exported_at": _time_text(results.exported_at),
        "blocks": [_block_document(block) for block in results.blocks],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_results(
    path: str | os.PathLike[str],
    results: ResultsFile,
    *,
    force: bool = False,
    keep: Mapping[Path, str] | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write atomically (see `quizapp.output`: never onto a database, a deck, a device or an
    existing file without `force`; `-` is stdout). What read_results would reject is refused
    before writing."""
    try:
        text = results_to_json(results)
    except (TypeError, ValueError) as error:  # e.g. NaN seconds, a non-string label
        raise ResultsFileError(os.fspath(path), "", f"cannot be written: {error}") from None
    parse_results(text, os.fspath(path))
    write_output(path, text, force=force, keep=keep, inputs=inputs)


# --- one learner, one file ------------------------------------------------------------------


def newest_per_learner(files: Sequence[tuple[T, ResultsFile]]) -> tuple[list[T], list[T]]:
    """(kept, older): of several exports with one `learner_id`, only the newest counts, so a
    learner who hands in again is one learner, not two. Files without an id all count."""
    newest: dict[str, int] = {}
    for index, (_, results) in enumerate(files):
        if results.learner_id is None:
            continue
        best = newest.get(results.learner_id)
        if best is None or results.exported_at > files[best][1].exported_at:
            newest[results.learner_id] = index
    counted = set(newest.values())
    kept = [f[0] for i, f in enumerate(files) if f[1].learner_id is None or i in counted]
    older = [f[0] for i, f in enumerate(files) if f[1].learner_id is not None and i not in counted]
    return kept, older


# --- into item analysis --------------------------------------------------------------------


def responses_from_results(files: Sequence[ResultsFile]) -> list[Response]:
    """Responses for item analysis, one learner per file (named by position, never by name,
    so a report cannot show who answered what). Blocks with the same id across files are the
    same block; a block id is whatever the files carry."""
    return [
        Response(
            learner=f"#{index + 1}",
            block=block.id,
            item_id=item.item_id,
            chosen=item.chosen,
            key=item.key,
            topic=item.topic,
            seconds=item.seconds,
            options=item.options,
        )
        for index, results in enumerate(files)
        for block in results.blocks
        for item in block.items
    ]
