"""The study day: a local calendar date that starts at a set hour (04:00, as in Anki).

Days are date ordinals (`date.toordinal()`), so "yesterday" is `day - 1` in SQL too.
Everything stored is UTC; local time is used only here, to find the day boundary, so a
DST change or a moved clock can shift which day an answer counts for, never a due date.
"""

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def study_day(moment: datetime, day_starts_hour: int, tz: tzinfo | None) -> int:
    """The study day `moment` (aware) falls in; before the start hour counts as yesterday."""
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    wall = local.replace(tzinfo=None) - timedelta(hours=day_starts_hour)
    return wall.date().toordinal()


def day_start(day: int, day_starts_hour: int, tz: tzinfo | None) -> datetime:
    """When study day `day` begins, in UTC (a 23- or 25-hour day across a DST change)."""
    wall = datetime.combine(date.fromordinal(day), time(hour=day_starts_hour))
    if tz is not None:
        return wall.replace(tzinfo=tz).astimezone(UTC)
    return wall.astimezone(UTC)  # a naive datetime is read as the system's local time
