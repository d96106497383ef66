"""What each setting means, what it may be, and how it reads: for the settings screen.

The checks themselves live in `quizapp.srs.config` (the CLI uses the same ones); here is
only the wording, and `setting_text`, the editable form `parse_setting` reads back.
"""

from dataclasses import dataclass
from typing import Any

from quizapp.kinds import KINDS
from quizapp.srs.config import RANGES, StudyConfig, setting_names


@dataclass(frozen=True)
class SettingInfo:
    """One setting as the learner sees it."""

    name: str  # the key `quizapp config` takes
    label: str
    help: str
    allowed: str  # its range, or the kind of value


_WORDS: dict[str, tuple[str, str]] = {
    "desired_retention": (
        "Desired retention",
        "The chance of recall each review is timed for: higher means more reviews.",
    ),
    "learning_steps_minutes": (
        "Learning steps (min)",
        "Gaps between the first answers to a new card, before it becomes a review card.",
    ),
    "relearning_steps_minutes": (
        "Relearning steps (min)",
        "Gaps after a forgotten review card, before it goes back to the reviews.",
    ),
    "maximum_interval_days": (
        "Maximum interval (days)",
        "The longest gap between two reviews of a card.",
    ),
    "fuzz": ("Fuzz", "Spread due dates a little, so cards learnt together part ways."),
    "day_starts_hour": (
        "Next day starts at (h)",
        "The hour a new study day begins: studying after midnight counts for the day before.",
    ),
    "new_per_day": (
        "New cards per day",
        "The most new cards in a day; a deck may set its own (the rows below).",
    ),
    "exam_max_new_per_day": (
        "New a day before exam",
        "An exam date raises new cards a day so that every card comes in time, up to this.",
    ),
    "reviews_per_day": (
        "Maximum reviews per day",
        "The most review cards in a day; the rest wait. A deck may set its own.",
    ),
    "leech_threshold": (
        "Leech threshold (lapses)",
        "A card forgotten this many times is marked a leech; 0 turns the mark off.",
    ),
    "leech_suspends": ("Suspend leeches", "A leech leaves study until you unsuspend it."),
    "learn_ahead_minutes": (
        "Learn ahead (min)",
        "When nothing else is left, show learning cards due within this many minutes.",
    ),
    "timezone": (
        "Time zone",
        "The zone the study day follows (e.g. Europe/Paris); empty: this computer's.",
    ),
    "bury_new": ("Bury new siblings", "After an answer, new cards of the same fact wait a day."),
    "bury_reviews": (
        "Bury review siblings",
        "After an answer, review cards of the same fact wait a day.",
    ),
    "bury_interday_learning": (
        "Bury learning siblings",
        "After an answer, learning cards (a day or more apart) of the same fact wait a day.",
    ),
    "parameters": (
        "FSRS parameters",
        "The memory model's weights; default: fsrs's own. `quizapp optimize` fits yours.",
    ),
    "study_kinds": (
        "Card kinds to study",
        f"Daily study shows only these ({', '.join(KINDS)}); custom study picks its own.",
    ),
    "theme": ("Theme", "The app's colours, remembered across restarts (enter: pick one)."),
}


DECK_HELP = "This deck's own limit: all of it when studied alone, at most this among all decks."


def _allowed(name: str) -> str:
    default = getattr(StudyConfig(), name)
    if name in RANGES:
        low, high = RANGES[name]
        span = f"{low:g} to {high:g}"
        return f"each {span}" if isinstance(default, tuple) else span
    if isinstance(default, bool):
        return "on or off"
    return {
        "timezone": "a zone name, or empty",
        "parameters": "21 numbers, or default",
        "study_kinds": "all, or kind names",
        "theme": "a theme's name",
    }[name]


def settings_info() -> list[SettingInfo]:
    """Every setting, in `quizapp config list` order."""
    return [SettingInfo(name, *_WORDS[name], _allowed(name)) for name in setting_names()]


def setting_text(name: str, value: Any) -> str:
    """A value as the screen shows it and as `parse_setting` reads it back."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if value is None:
        return "default"
    if isinstance(value, tuple | list):
        if name == "study_kinds" and not value:
            return "all"
        return ", ".join(_number(v) if isinstance(v, float) else str(v) for v in value)
    if isinstance(value, float):
        return _number(value)
    return str(value)


def _number(value: float) -> str:
    """Short when that is exact (0.9, 10), else every digit: a re-saved value is unchanged."""
    short = f"{value:g}"
    return short if float(short) == value else repr(value)
