"""The one test clock: the app, a study session and a quiz block read "now" from it, and the
test sets or moves it by hand (dates, timers and seeds on screen follow it)."""

from datetime import UTC, datetime, timedelta

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand: `clock.now = ...` or `clock.advance(...)`."""

    def __init__(self, now: datetime = NOON) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, **delta: float) -> None:
        """Move on by `seconds`, or by timedelta's keywords (`days=1`, `minutes=10`)."""
        self.now += timedelta(seconds=seconds, **delta)
