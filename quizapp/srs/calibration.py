"""Calibration: does a predicted recall chance come true? Pure, no database, no fsrs.

A learner who trusts "90% retention" needs to know that reviews predicted at 0.9 are
recalled about 90% of the time. Reviews are grouped by predicted retrievability (bins
narrower where most reviews fall, near the desired retention); per bin we give the count,
the mean prediction and the share recalled. The calibration error is the count-weighted
mean of |predicted - achieved| over the bins (the "expected calibration error").
"""

from collections.abc import Iterable
from dataclasses import dataclass

BIN_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0)


@dataclass(frozen=True)
class CalibrationBin:
    """Reviews whose predicted recall was in [low, high) (the last bin includes 1.0)."""

    low: float
    high: float
    count: int
    predicted: float | None  # mean predicted recall; None for an empty bin
    achieved: float | None  # share recalled


@dataclass(frozen=True)
class Calibration:
    """Predicted against achieved recall over a set of reviews."""

    count: int
    predicted: float | None
    achieved: float | None
    error: float | None  # count-weighted mean |predicted - achieved| over the bins
    bins: list[CalibrationBin]


def calibrate(reviews: Iterable[tuple[float, bool]]) -> Calibration:
    """Calibration of (predicted recall, recalled) pairs."""
    bins_count = len(BIN_EDGES) - 1
    counts, totals, hits = [0] * bins_count, [0.0] * bins_count, [0] * bins_count
    for predicted, recalled in reviews:
        index = _bin_index(predicted)
        counts[index] += 1
        totals[index] += predicted
        hits[index] += int(recalled)
    bins = [
        CalibrationBin(
            low=low,
            high=high,
            count=count,
            predicted=total / count if count else None,
            achieved=hit / count if count else None,
        )
        for low, high, count, total, hit in zip(
            BIN_EDGES, BIN_EDGES[1:], counts, totals, hits, strict=False
        )
    ]
    count = sum(counts)
    if count == 0:
        return Calibration(0, None, None, None, bins)
    return Calibration(
        count=count,
        predicted=sum(totals) / count,
        achieved=sum(hits) / count,
        error=sum(abs(total - hit) for total, hit in zip(totals, hits, strict=True)) / count,
        bins=bins,
    )


def _bin_index(predicted: float) -> int:
    for index, high in enumerate(BIN_EDGES[1:-1]):
        if predicted < high:
            return index
    return len(BIN_EDGES) - 2
