"""Conversions between units that measure the same thing, so a range written in one unit
can be compared with a range written in another (an infant's age in months with an age at
onset in years; a rate per million with one per 100,000)."""

# Each dimension: unit -> its size in the dimension's base unit (days; cases per million).
TIME = {
    "minutes": 1 / 1440,
    "hours": 1 / 24,
    "days": 1.0,
    "weeks": 7.0,
    "months": 365.25 / 12,
    "years": 365.25,
}
RATE = {"per million": 1.0, "per 100,000": 10.0}
DIMENSIONS = (TIME, RATE)
AGE_UNITS = ("days", "weeks", "months", "years")


def convert(value: float, unit: str | None, to: str | None) -> float | None:
    """`value` in `unit` expressed in `to`; None when the two do not measure the same thing.
    No unit on either side means the same unit."""
    if unit is None or to is None or unit == to:
        return value
    for sizes in DIMENSIONS:
        if unit in sizes and to in sizes:
            return value * sizes[unit] / sizes[to]
    return None


def converted(value: float, unit: str | None, to: str | None) -> float:
    """`value` in `to`, for units the validator has checked convert (a value's own unit to
    its attribute's): a deck that loaded never asks for one that does not."""
    result = convert(value, unit, to)
    assert result is not None, f"{unit} does not convert to {to}"
    return result


def convertible(unit: str | None, to: str | None) -> bool:
    return convert(1.0, unit, to) is not None


def convert_range(
    low: float | None, high: float | None, unit: str | None, to: str | None
) -> tuple[float | None, float | None]:
    """Both ends of a range converted (None stays None; so does an end that cannot convert)."""
    return (
        None if low is None else convert(low, unit, to),
        None if high is None else convert(high, unit, to),
    )
