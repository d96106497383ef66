"""Study settings: defaults in code (Anki's), overrides in the file's `settings` table.

A setting's key in the table is the field name here, its value JSON. A deck's own daily
limit is stored as `setting@deck` (e.g. `new_per_day@iim`) and overrides the global one.
"""

import math
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fsrs import Scheduler

from quizapp.errors import InvalidValue
from quizapp.kinds import KINDS
from quizapp.store.settings import delete_setting, read_settings, write_setting

DECK_SETTINGS = ("new_per_day", "reviews_per_day")  # what a deck may set for itself


@dataclass(frozen=True)
class StudyConfig:
    """How cards are scheduled and how many are shown a day. Defaults follow Anki."""

    desired_retention: float = 0.9
    learning_steps_minutes: tuple[float, ...] = (1.0, 10.0)
    relearning_steps_minutes: tuple[float, ...] = (10.0,)
    maximum_interval_days: int = 36500
    fuzz: bool = True
    day_starts_hour: int = 4
    new_per_day: int = 20
    exam_max_new_per_day: int = 100  # the ceiling when an exam date raises new cards a day
    reviews_per_day: int = 200
    leech_threshold: int = 8
    leech_suspends: bool = True
    learn_ahead_minutes: float = 20.0
    timezone: str = ""  # IANA name; empty means the computer's local time
    # Sibling burying (Anki's three options). New siblings only by default: it costs no
    # retention, while a buried review comes a day late (Anki's defaults are all off).
    bury_new: bool = True
    bury_reviews: bool = False
    bury_interday_learning: bool = False
    parameters: tuple[float, ...] | None = None  # FSRS weights; None means fsrs's defaults
    study_kinds: tuple[str, ...] = ()  # the card kinds daily study shows; empty: every kind
    theme: str = ""  # the Textual theme the app starts with; empty: Textual's default
    # Each deck's own daily limits, (deck id, setting, value); not a setting by itself.
    per_deck: tuple[tuple[str, str, int], ...] = ()

    def __post_init__(self) -> None:
        for name, (low, high) in RANGES.items():
            value = getattr(self, name)
            for one in value if isinstance(value, tuple) else (value,):
                if not (isinstance(one, int | float) and math.isfinite(one) and low <= one <= high):
                    raise InvalidValue(f"{name} must be {_span(low, high)}, not {one!r}")
        for field in fields(self):
            if field.type is bool and not isinstance(getattr(self, field.name), bool):
                raise InvalidValue(f"{field.name} must be true or false")
        self.tzinfo()  # fail early on an unknown zone name
        for kind in self.study_kinds:
            if kind not in KINDS:
                raise InvalidValue(f"study_kinds: unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
        if not _THEME_NAME.match(self.theme):
            raise InvalidValue(f"theme must be a theme's name, not {self.theme!r}")
        for deck_id, key, value in self.per_deck:
            if key not in DECK_SETTINGS:
                raise InvalidValue(f"{key} cannot be set per deck; only {', '.join(DECK_SETTINGS)}")
            low, high = RANGES[key]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise InvalidValue(f"{key} for deck {deck_id} must be {_span(low, high)}")
        if self.parameters is not None:
            try:
                Scheduler(parameters=self.parameters)  # fsrs checks the count and the bounds
            except ValueError as exc:
                raise InvalidValue(f"parameters: {exc}") from None

    def tzinfo(self) -> tzinfo | None:
        """The zone the study day follows; None means the system's local time."""
        if not self.timezone:
            return None
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidValue(f"unknown time zone {self.timezone!r}") from exc

    def scheduler(self, *, fuzz: bool | None = None) -> Scheduler:
        """An fsrs Scheduler with these settings (`fuzz` overrides, for button previews)."""
        extra: dict[str, Any] = {}
        if self.parameters is not None:
            extra["parameters"] = self.parameters
        return Scheduler(
            desired_retention=self.desired_retention,
            learning_steps=tuple(timedelta(minutes=m) for m in self.learning_steps_minutes),
            relearning_steps=tuple(timedelta(minutes=m) for m in self.relearning_steps_minutes),
            maximum_interval=self.maximum_interval_days,
            enable_fuzzing=self.fuzz if fuzz is None else fuzz,
            **extra,
        )

    def deck_value(self, key: str, deck_id: str) -> int | None:
        """The deck's own value of a daily limit, or None if it follows the global one."""
        return next((v for d, k, v in self.per_deck if d == deck_id and k == key), None)

    def daily_limit(self, key: str, deck_ids: Sequence[str] | None) -> int:
        """The limit on the day's total: a deck's own value when it is studied alone (it
        overrides the global one), else the global value, as Anki's selected deck's."""
        if deck_ids is not None and len(deck_ids) == 1:
            own = self.deck_value(key, deck_ids[0])
            if own is not None:
                return own
        value: int = getattr(self, key)
        return value

    def deck_caps(self, key: str, deck_ids: Sequence[str] | None) -> dict[str, int]:
        """When several decks are studied together, the decks with their own value of `key`:
        each gives at most that many, within the day's total."""
        if deck_ids is not None and len(deck_ids) == 1:
            return {}
        chosen = None if deck_ids is None else set(deck_ids)
        return {d: v for d, k, v in self.per_deck if k == key and (chosen is None or d in chosen)}


_FIELD_NAMES = {field.name for field in fields(StudyConfig)} - {"per_deck"}
_THEME_NAME = re.compile(r"^[A-Za-z0-9_-]{0,64}$")


# What each number may be: Anki's ranges where it has them (desired retention 0.70-0.99);
# else wide enough for any real use and small enough for SQLite and timedelta.
RANGES: dict[str, tuple[float, float]] = {
    "desired_retention": (0.7, 0.99),
    "learning_steps_minutes": (0.1, 525_600),
    "relearning_steps_minutes": (0.1, 525_600),
    "maximum_interval_days": (1, 36_500),
    "day_starts_hour": (0, 23),
    "new_per_day": (0, 999_999),
    "exam_max_new_per_day": (0, 999_999),
    "reviews_per_day": (0, 999_999),
    "leech_threshold": (0, 999),
    "learn_ahead_minutes": (0, 1_440),
}


def _span(low: float, high: float) -> str:
    return f"from {low:g} to {high:g}"


def load_config(conn: sqlite3.Connection) -> StudyConfig:
    """The defaults with the file's stored overrides applied (unknown keys ignored)."""
    settings = read_settings(conn)
    stored = {k: _from_json(v) for k, v in settings.items() if k in _FIELD_NAMES}
    per_deck = []
    for name, value in settings.items():
        key, _, deck_id = name.partition("@")
        if deck_id and key in DECK_SETTINGS:
            per_deck.append((deck_id, key, value))
    return replace(StudyConfig(), **stored, per_deck=tuple(sorted(per_deck)))


def study_today(conn: sqlite3.Connection, clock: Callable[[], datetime]) -> int:
    """Today's study day by `clock` and the file's day settings (start hour, time zone)."""
    from quizapp.srs.days import study_day

    config = load_config(conn)
    return study_day(clock(), config.day_starts_hour, config.tzinfo())


def deck_key(key: str, deck_id: str) -> str:
    """The settings-table key of a deck's own value of `key`; ValueError if not per deck."""
    if key not in DECK_SETTINGS:
        raise InvalidValue(f"{key} cannot be set per deck; only {', '.join(DECK_SETTINGS)}")
    return f"{key}@{deck_id}"


def with_deck_setting(config: StudyConfig, key: str, deck_id: str, value: Any) -> StudyConfig:
    """`config` with a deck's own daily limit set and checked; ValueError if invalid."""
    deck_key(key, deck_id)
    others = tuple(e for e in config.per_deck if (e[0], e[1]) != (deck_id, key))
    return replace(config, per_deck=tuple(sorted((*others, (deck_id, key, value)))))


def save_deck_setting(conn: sqlite3.Connection, key: str, deck_id: str, value: int) -> StudyConfig:
    """Validate and store a deck's own daily limit; returns the resulting config."""
    config = with_deck_setting(load_config(conn), key, deck_id, value)
    write_setting(conn, deck_key(key, deck_id), value)
    return config


def reset_deck_setting(conn: sqlite3.Connection, key: str, deck_id: str) -> StudyConfig:
    """Forget a deck's own value, so the global one applies to it again."""
    delete_setting(conn, deck_key(key, deck_id))
    return load_config(conn)


def with_settings(config: StudyConfig, changes: dict[str, Any]) -> StudyConfig:
    """`config` with `changes` (JSON values) applied and checked; ValueError if invalid."""
    unknown = sorted(set(changes) - _FIELD_NAMES)
    if unknown:
        raise InvalidValue(f"unknown setting {unknown[0]!r}")
    return replace(config, **{key: _from_json(value) for key, value in changes.items()})


def save_setting(conn: sqlite3.Connection, key: str, value: Any) -> StudyConfig:
    """Validate and store one override; returns the resulting config."""
    config = with_settings(load_config(conn), {key: value})
    write_setting(conn, key, value)
    return config


def reset_setting(conn: sqlite3.Connection, key: str) -> StudyConfig:
    """Forget an override, so the default applies again; returns the resulting config."""
    if key not in _FIELD_NAMES:
        raise InvalidValue(f"unknown setting {key!r}")
    delete_setting(conn, key)
    return load_config(conn)


def setting_names() -> list[str]:
    """Every setting, in the order `StudyConfig` declares them."""
    return [field.name for field in fields(StudyConfig) if field.name in _FIELD_NAMES]


def setting_values(config: StudyConfig) -> dict[str, Any]:
    """Each setting's value as JSON would hold it (tuples as lists), in declared order."""
    return {
        name: list(value) if isinstance(value := getattr(config, name), tuple) else value
        for name in setting_names()
    }


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def parse_setting(key: str, text: str) -> Any:
    """A setting's value from command-line text, as JSON would store it.

    Booleans take true/false (yes/no, on/off, 1/0); lists take numbers separated by
    commas or spaces; `parameters` also takes "default" (fsrs's own); `study_kinds`
    takes kind names, or "all".
    """
    if key not in _FIELD_NAMES:
        raise InvalidValue(f"unknown setting {key!r}; settings: {', '.join(setting_names())}")
    default = getattr(StudyConfig(), key)
    word = text.strip().lower()
    try:
        if key == "parameters" and word in {"default", "none", ""}:
            return None
        if key == "study_kinds":
            names = word.strip("[]()").replace(",", " ").replace('"', " ").split()
            return [] if names in ([], ["all"]) else names
        if key == "parameters" or isinstance(default, tuple):
            parts = text.strip().strip("[]()").replace(",", " ").split()
            return [float(part) for part in parts]  # as `config get` prints them, too
        if isinstance(default, bool):
            if word not in _TRUE | _FALSE:
                raise ValueError
            return word in _TRUE
        if isinstance(default, int):
            return int(text)
        if isinstance(default, float):
            return float(text)
    except ValueError:
        raise InvalidValue(f"{key} needs {_kind(default)}, not {text!r}") from None
    return text


def _kind(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    return "numbers separated by commas"


def _from_json(value: Any) -> Any:
    """JSON has lists where the config has tuples."""
    return tuple(value) if isinstance(value, list) else value
