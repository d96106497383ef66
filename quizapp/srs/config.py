"""Study settings: defaults in code (Anki's), overrides in the file's `settings` table.

A setting's key in the table is the field name here, its value JSON.
"""

import sqlite3
from dataclasses import dataclass, fields, replace
from datetime import timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fsrs import Scheduler

from quizapp.store.settings import read_settings, write_setting


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
    reviews_per_day: int = 200
    leech_threshold: int = 8
    leech_suspends: bool = True
    learn_ahead_minutes: float = 20.0
    timezone: str = ""  # IANA name; empty means the computer's local time
    parameters: tuple[float, ...] | None = None  # FSRS weights; None means fsrs's defaults

    def __post_init__(self) -> None:
        if not 0.0 < self.desired_retention < 1.0:
            raise ValueError("desired_retention must be between 0 and 1")
        if not 0 <= self.day_starts_hour <= 23:
            raise ValueError("day_starts_hour must be 0-23")
        if min(self.new_per_day, self.reviews_per_day, self.leech_threshold) < 0:
            raise ValueError("limits and the leech threshold cannot be negative")
        self.tzinfo()  # fail early on an unknown zone name

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


def load_config(conn: sqlite3.Connection) -> StudyConfig:
    """The defaults with the file's stored overrides applied (unknown keys ignored)."""
    stored = {k: _from_json(v) for k, v in read_settings(conn).items() if k in _FIELD_NAMES}
    return replace(StudyConfig(), **stored)


def save_setting(conn: sqlite3.Connection, key: str, value: Any) -> StudyConfig:
    """Validate and store one override; returns the resulting config."""
    if key not in _FIELD_NAMES:
        raise ValueError(f"unknown setting {key!r}")
    config = replace(load_config(conn), **{key: _from_json(value)})
    write_setting(conn, key, value)
    return config


def _from_json(value: Any) -> Any:
    """JSON has lists where the config has tuples."""
    return tuple(value) if isinstance(value, list) else value
