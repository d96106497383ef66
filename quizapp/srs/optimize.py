"""FSRS parameters fitted to the learner's own review log, judged on reviews held out.

The fit is fsrs-rs (the `fsrs-rs-python` package: Anki's own optimizer, in Rust, without
torch), which trains the same 21-parameter FSRS-6 model the `fsrs` scheduler runs.

Each answer on a later study day than the card's previous one is a training item: the
card's answers so far (rating, study days since the previous answer) and whether it was
recalled. Items are ordered by when they were answered; the latest `HOLDOUT` of them are
held out. The parameters in use and parameters fitted on the earlier items are both
scored on the held-out items (log loss, RMSE over bins), so "before" and "after" are
what each predicts of reviews it has not seen. The parameters stored are then fitted on
every item. A fit that does not predict the held-out reviews better changes nothing.
"""

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs.scheduler import DEFAULT_PARAMETERS
from fsrs_rs_python import FSRS, FSRSItem, FSRSReview

from quizapp.errors import InvalidValue
from quizapp.srs.config import StudyConfig, load_config
from quizapp.srs.recompute import Progress, RecomputeResult, change_memory_settings
from quizapp.store.memory import days_and_ratings_by_card, review_answers
from quizapp.store.settings import read_settings

HOLDOUT = 0.2
MIN_ITEMS = 40  # fewer held-out reviews than this would make the comparison noise
SUGGEST_FROM = 1000  # review answers before `stats` suggests a fit (Anki's old minimum)
FIT_RECORD = "parameters_fit"  # settings key: the last fit, for undo and the suggestion


@dataclass(frozen=True)
class Score:
    """How well parameters predict reviews: lower is better for both."""

    log_loss: float
    rmse_bins: float


@dataclass(frozen=True)
class Fit:
    """A fit, and how the parameters in use and the fitted ones fare on held-out reviews."""

    items: int  # answers on a later day than the card's previous one
    held_out: int
    before: Score  # the parameters in use
    after: Score  # parameters fitted on the earlier items only
    parameters: tuple[float, ...]  # fitted on every item: what would be stored

    @property
    def better(self) -> bool:
        return self.after.log_loss < self.before.log_loss


@dataclass(frozen=True)
class Item:
    """One review to predict, with the card's history up to it."""

    at: int  # when it was answered (UTC microseconds)
    item: FSRSItem


def review_items(conn: sqlite3.Connection) -> list[Item]:
    """Every review answered on a later study day than the card's previous answer."""
    items = []
    for _, answers in days_and_ratings_by_card(conn):
        history: list[FSRSReview] = []
        previous_day = answers[0][1]
        for at, day, rating in answers:
            history.append(FSRSReview(rating, day - previous_day))
            if day > previous_day:
                items.append(Item(at, FSRSItem(list(history))))
            previous_day = day
    items.sort(key=lambda item: item.at)
    return items


def score(parameters: Sequence[float], items: Sequence[FSRSItem]) -> Score:
    """Log loss and RMSE (bins) of `parameters`' predictions for `items`."""
    evaluation = FSRS(list(parameters)).evaluate(list(items))
    return Score(evaluation.log_loss, evaluation.rmse_bins)


def fit(items: Sequence[FSRSItem], config: StudyConfig) -> tuple[float, ...]:
    """Parameters fitted to `items` (fsrs-rs, short-term answers modelled as quizapp has them)."""
    fitted = FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(
        list(items),
        enable_short_term=True,
        num_relearning_steps=len(config.relearning_steps_minutes),
    )
    return tuple(round(w, 4) for w in fitted)


def fit_parameters(conn: sqlite3.Connection) -> Fit:
    """Fit to the file's review log and score it on held-out reviews; stores nothing.

    ValueError when there are too few reviews to judge a fit.
    """
    config = load_config(conn)
    items = review_items(conn)
    held_out = int(len(items) * HOLDOUT)
    if held_out < MIN_ITEMS:
        need = int(MIN_ITEMS / HOLDOUT)
        raise InvalidValue(
            f"too few reviews to fit parameters: {len(items)} of the {need} needed "
            "(answers on a later day than the card's previous one)"
        )
    earlier = [item.item for item in items[:-held_out]]
    later = [item.item for item in items[-held_out:]]
    current = config.parameters or DEFAULT_PARAMETERS
    return Fit(
        items=len(items),
        held_out=held_out,
        before=score(current, later),
        after=score(fit(earlier, config), later),
        parameters=fit([item.item for item in items], config),
    )


def apply_fit(
    conn: sqlite3.Connection,
    result: Fit,
    now: datetime,
    *,
    reschedule: bool = False,
    progress: Progress | None = None,
) -> RecomputeResult:
    """Store the fitted parameters (memory states recomputed), keeping the old ones for undo."""
    previous = load_config(conn).parameters
    record = {
        "previous": None if previous is None else list(previous),
        "fitted": list(result.parameters),
        "reviews": review_answers(conn),
        "at": now.isoformat(),
    }
    return change_memory_settings(
        conn,
        {"parameters": list(result.parameters)},
        record={FIT_RECORD: record},
        reschedule=reschedule,
        progress=progress,
    )


def undo_fit(
    conn: sqlite3.Connection, *, reschedule: bool = False, progress: Progress | None = None
) -> tuple[tuple[float, ...] | None, RecomputeResult]:
    """Go back to the parameters in use before the last fit; returns them (None: defaults)."""
    record = last_fit(conn)
    if record is None:
        raise InvalidValue("there is no fit to undo")
    previous = record["previous"]
    changes = {} if previous is None else {"parameters": previous}
    result = change_memory_settings(
        conn,
        changes,
        forget=["parameters"] if previous is None else [],
        record={FIT_RECORD: None},
        reschedule=reschedule,
        progress=progress,
    )
    return (None if previous is None else tuple(previous)), result


def last_fit(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The record of the last fit not undone, if any."""
    return read_settings(conn).get(FIT_RECORD)


def fit_suggestion(conn: sqlite3.Connection) -> str | None:
    """A line suggesting a fit, once there are enough reviews to make one worthwhile.

    First at `SUGGEST_FROM` review answers; after a fit, again once the reviews doubled.
    """
    reviews = review_answers(conn)
    record = last_fit(conn)
    since = 0 if record is None else record["reviews"]
    if reviews < max(SUGGEST_FROM, 2 * since):
        return None
    if record is None and load_config(conn).parameters is not None:
        return None  # parameters set by hand: the learner chose them
    again = "" if record is None else " again"
    return f"You have {reviews:,} reviews: `quizapp optimize` fits FSRS{again} to your own memory."
