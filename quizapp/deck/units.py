"""Conversions between units that measure the same thing, so a range written in one unit
can be compared with a range written in another (an infant's age in months with an age at
onset in years; a rate per million with one per 100,000; a potassium in mmol/L with a
creatinine in µmol/L).

No conversion where it depends on the analyte: mEq/L to mmol/L (the ion's charge), mg/dL
to mmol/L (its molar mass). Write such a value in its attribute's own unit."""

# Each dimension: unit -> its size in the dimension's base unit (days; cases per million;
# µmol/L; mg/L; per minute).
TIME = {
    "minutes": 1 / 1440,
    "hours": 1 / 24,
    "days": 1.0,
    "weeks": 7.0,
    "months": 365.25 / 12,
    "years": 365.25,
}
RATE = {"per million": 1.0, "per 100,000": 10.0}
MOLAR = {"µmol/L": 1.0, "umol/L": 1.0, "mmol/L": 1000.0}
MASS = {"ng/mL": 0.001, "mg/L": 1.0, "mg/dL": 10.0}
PER_MINUTE = {"/min": 1.0, "beats/min": 1.0}
DIMENSIONS = (TIME, RATE, MOLAR, MASS, PER_MINUTE)
# Units of vital signs: a range attribute in one is stated with the vital signs, before
# the physical examination ("Pulse is 118/min."), not among the laboratory values.
VITAL_UNITS = frozenset(PER_MINUTE)
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
