"""Times in the file are integer microseconds since the Unix epoch, UTC.

Integers index and compare fast, need no parsing in SQL, and keep a datetime exactly
(fsrs keeps microseconds), so a card read back equals the card written.
"""

from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)


def to_micros(moment: datetime) -> int:
    """An aware datetime as integer microseconds since the epoch (exact)."""
    return (moment - EPOCH) // _MICRO


def from_micros(micros: int) -> datetime:
    """Integer microseconds since the epoch as an aware UTC datetime (exact)."""
    return EPOCH + timedelta(microseconds=micros)
