"""Study settings: defaults in code (Anki's), overrides in the file's `settings` table.

A setting's key in the table is the field name here, its value JSON.
"""

import math
import sqlite3
from dataclasses import dataclass, fields, replace
from datetime import timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fsrs import Scheduler

from quizapp.store.settings import delete_setting, read_settings, write_setting


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

    def __post_init__(self) -> None:
        for name, (low, high) in _RANGES.items():
            value = getattr(self, name)
            for one in value if isinstance(value, tuple) else (value,):
                if not (isinstance(one, int | float) and math.isfinite(one) and low <= one <= high):
                    raise ValueError(f"{name} must be {_span(low, high)}, not {one!r}")
        for field in fields(self):
            if field.type is bool and not isinstance(getattr(self, field.name), bool):
                raise ValueError(f"{field.name} must be true or false")
        self.tzinfo()  # fail early on an unknown zone name
        if self.parameters is not None:
            try:
                Scheduler(parameters=self.parameters)  # fsrs checks the count and the bounds
            except ValueError as exc:
                raise ValueError(f"parameters: {exc}") from None

    def tzinfo(self) -> tzinfo | None:
        """The zone the study day follows; None means the system's local time."""
        if not self.timezone:
            return None
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc

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


_FIELD_NAMES = {field.name for field in fields(StudyConfig)}


# What each number may be: Anki's ranges where it has them (desired retention 0.70-0.99);
# else wide enough for any real use and small enough for SQLite and timedelta.
_RANGES: dict[str, tuple[float, float]] = {
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
    stored = {k: _from_json(v) for k, v in read_settings(conn).items() if k in _FIELD_NAMES}
    return replace(StudyConfig(), **stored)


def with_settings(config: StudyConfig, changes: dict[str, Any]) -> StudyConfig:
    """`config` with `changes` (JSON values) applied and checked; ValueError if invalid."""
    unknown = sorted(set(changes) - _FIELD_NAMES)
    if unknown:
        raise ValueError(f"unknown setting {unknown[0]!r}")
    return replace(config, **{key: _from_json(value) for key, value in changes.items()})


def save_setting(conn: sqlite3.Connection, key: str, value: Any) -> StudyConfig:
    """Validate and store one override; returns the resulting config."""
    config = with_settings(load_config(conn), {key: value})
    write_setting(conn, key, value)
    return config


def reset_setting(conn: sqlite3.Connection, key: str) -> StudyConfig:
    """Forget an override, so the default applies again; returns the resulting config."""
    if key not in _FIELD_NAMES:
        raise ValueError(f"unknown setting {key!r}")
    delete_setting(conn, key)
    return load_config(conn)


def setting_names() -> list[str]:
    """Every setting, in the order `StudyConfig` declares them."""
    return [field.name for field in fields(StudyConfig)]


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def parse_setting(key: str, text: str) -> Any:
    """A setting's value from command-line text, as JSON would store it.

    Booleans take true/false (yes/no, on/off, 1/0); lists take numbers separated by
    commas or spaces; `parameters` also takes "default" (fsrs's own).
    """
    if key not in _FIELD_NAMES:
        raise ValueError(f"unknown setting {key!r}; settings: {', '.join(setting_names())}")
    default = getattr(StudyConfig(), key)
    word = text.strip().lower()
    try:
        if key == "parameters" and word in {"default", "none", ""}:
            return None
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
        raise ValueError(f"{key} needs {_kind(default)}, not {text!r}") from None
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
