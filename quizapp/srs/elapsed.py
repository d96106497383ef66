"""Elapsed time as fsrs should see it: in study days, not in 24-hour periods.

`fsrs` measures the time since a card's last review as whole 24-hour periods,
`(now - card.last_review).days`. The queue, though, offers everything due *today*, and a
study day starts at the rollover hour (04:00 local). A card due tomorrow is offered as
soon as tomorrow starts, up to ~18 hours before its due time; answered 23 h 50 min after
the previous review, fsrs would count 0 days, treat it as a same-day review (short-term
stability, which barely grows) and give another 1-day interval, day after day.

The rule (Anki's): for a card with a previous review, the elapsed time is the number of
study days between the previous review's study day and this one's (day-start hour, the
configured time zone, DST included). A card answered at 23:00 and again at 05:00 the next
morning has 1 elapsed day; answers within one study day have 0 (fsrs's short-term path).
Learning and relearning steps are unaffected: they stay in minutes from the real time.

It is applied by showing fsrs a copy of the card whose `last_review` is moved so that
whole 24-hour periods up to the review time equal the study-day difference. The review
time itself, the stored card, the log and undo keep the real timestamps. The same copy is
used for the interval previews and for retrievability, so all three agree.
"""

from copy import copy
from datetime import datetime, timedelta, tzinfo

from fsrs import Card, Scheduler

from quizapp.srs.days import study_day

_ALMOST_A_DAY = timedelta(days=1) - timedelta(microseconds=1)


def elapsed_study_days(
    last_review: datetime,
    moment: datetime,
    day_starts_hour: int,
    tz: tzinfo | None,
    moment_day: int | None = None,
) -> int:
    """Study days from `last_review` to `moment` (0 within one day, never negative);
    `moment_day`, the study day of `moment`, if the caller knows it already."""
    if moment_day is None:
        moment_day = study_day(moment, day_starts_hour, tz)
    return max(0, moment_day - study_day(last_review, day_starts_hour, tz))


def as_fsrs_sees(
    card: Card,
    moment: datetime,
    day_starts_hour: int,
    tz: tzinfo | None,
    moment_day: int | None = None,
) -> Card:
    """A copy of `card` whose `last_review` makes fsrs count study days up to `moment`.

    `moment` must not be before `card.last_review` (the session makes sure of that). A
    card with no review yet is returned as it is; so is one whose real gap already gives
    the right count. The caller must store the real card, never this copy. `moment_day`
    saves working out the study day of `moment` again (the session keeps today's).
    """
    last = card.last_review
    if last is None:
        return card
    days = elapsed_study_days(last, moment, day_starts_hour, tz, moment_day)
    if days >= 1:
        shifted = moment - timedelta(days=days)
    elif moment - last > _ALMOST_A_DAY:
        shifted = moment - _ALMOST_A_DAY  # a 25-hour study day (DST ends): still day 0
    else:
        return card
    if shifted == last:
        return card
    presented = copy(card)
    presented.last_review = shifted
    return presented


def retrievability(
    scheduler: Scheduler,
    card: Card,
    moment: datetime,
    day_starts_hour: int,
    tz: tzinfo | None,
) -> float:
    """fsrs's recall probability at `moment`, with elapsed time in study days."""
    return scheduler.get_card_retrievability(
        as_fsrs_sees(card, moment, day_starts_hour, tz), current_datetime=moment
    )


def recall_probability(scheduler: Scheduler, days: float, stability: float) -> float:
    """fsrs's forgetting curve after `days` study days, from a stability alone.

    The statistics need it for thousands of logged answers, where building a `Card` for
    `get_card_retrievability` would cost more than the query; a test holds the two equal.
    """
    decay = -scheduler.parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    recall: float = (1 + factor * max(0.0, days) / stability) ** decay  # float ** float is Any
    return recall
