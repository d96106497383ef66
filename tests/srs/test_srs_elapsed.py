"""Elapsed time in study days: what fsrs sees when a review card is answered.

The queue offers a card on its due study day from the day's start (04:00 local), so a
next-day review often comes under 24 hours after the previous one. fsrs counts whole
24-hour periods; the session must count study days instead (`quizapp.srs.elapsed`).
Real file, real fsrs scheduler, fuzz off wherever an interval is asserted.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fsrs import Card, Rating, State

from quizapp.srs.config import StudyConfig
from quizapp.srs.elapsed import as_fsrs_sees, elapsed_study_days
from quizapp.srs.session import StudySession
from quizapp.store.timeutil import to_micros
from tests.srs.srs_helpers import add_cards
from tests.support.clock import Clock

BERLIN = ZoneInfo("Europe/Berlin")
NY = ZoneInfo("America/New_York")


def local(tz: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz).astimezone(UTC)


def fsrs_card(conn, card_id: str) -> Card:
    (text,) = conn.execute("SELECT fsrs FROM cards WHERE card_id = ?", (card_id,)).fetchone()
    return Card.from_json(text)


def row(conn, card_id: str) -> tuple:
    return conn.execute("SELECT * FROM cards WHERE card_id = ?", (card_id,)).fetchone()


def graduate_to_one_day(session: StudySession, clock: Clock, card_id: str) -> None:
    """Again, Good, Good ten minutes apart: the card enters review with a 1-day interval."""
    for rating in (Rating.Again, Rating.Good, Rating.Good):
        result = session.answer(card_id, rating)
        clock.advance(minutes=10)
    clock.advance(minutes=-10)  # the clock stays at the graduating answer
    assert result.state == State.Review and result.interval == timedelta(days=1)


def graduated(conn, config: StudyConfig, start: datetime) -> tuple[StudySession, Clock, str]:
    """A session on one new card, graduated to a 1-day interval from `start`."""
    clock = Clock(start)
    (card,) = add_cards(conn, 1)
    session = StudySession(conn, config, clock=clock)
    graduate_to_one_day(session, clock, card)
    return session, clock, card


def test_ten_next_day_answers_each_ten_minutes_earlier_grow_the_interval(conn, clock):
    """Each review comes on the card's due study day, 10 minutes earlier in the day.

    Before the fix the first of these answers came 23 h 50 min after graduation, so fsrs
    counted 0 days and took its same-day (short-term) path: stability crept from 0.3 to
    0.8 over ten answers and every interval stayed 1 day, each next answer again under
    24 h later. The second half of this test replays the same answers through fsrs with
    the real timestamps to show exactly that. Counted in study days, each answer is a
    full day (or more) after the last, and the interval grows.
    """
    (card,) = add_cards(conn, 1)
    session = StudySession(conn, StudyConfig(timezone="UTC", fuzz=False), clock=clock)
    graduate_to_one_day(session, clock, card)
    graduated = fsrs_card(conn, card)
    start = clock.now

    intervals = []
    previous = clock.now
    for _ in range(10):
        due = fsrs_card(conn, card).due
        clock.now = previous + timedelta(days=(due - previous).days, minutes=-10)
        assert session.today() == session.today(due)  # on the due study day, before due
        assert session.intervals(card)[Rating.Good] == (
            interval := session.answer(card, Rating.Good).interval
        )
        intervals.append(interval.days)
        previous = clock.now
    print("day-based intervals:", intervals)
    assert intervals[0] == 2 and intervals[2] > 1
    assert all(b > a for a, b in zip(intervals, intervals[1:], strict=False))
    assert intervals[-1] > 100

    # fsrs on the real timestamps: next study day, 10 minutes earlier each time.
    scheduler = session.config.scheduler(fuzz=False)
    raw, moment, raw_intervals = graduated, start, []
    for _ in range(10):
        moment += timedelta(days=1, minutes=-10)
        raw, _ = scheduler.review_card(raw, Rating.Good, review_datetime=moment)
        raw_intervals.append((raw.due - moment).days)
    print("24-hour-period intervals:", raw_intervals)
    assert raw_intervals == [1] * 10


def test_23_00_then_05_00_next_morning_is_one_elapsed_day(conn):
    config = StudyConfig(timezone="Europe/Berlin", fuzz=False)
    session, clock, card = graduated(conn, config, local(BERLIN, 2026, 11, 24, 22, 40))
    assert clock.now == local(BERLIN, 2026, 11, 24, 23, 0)
    before = fsrs_card(conn, card)

    clock.now = local(BERLIN, 2026, 11, 25, 5, 0)  # 6 hours later, after the 04:00 start
    assert elapsed_study_days(before.last_review, clock.now, 4, BERLIN) == 1
    assert session.retrievability(card) < 1.0  # fsrs alone: 1.0 for the first 24 hours
    preview = session.intervals(card)
    result = session.answer(card, Rating.Good)

    # exactly what fsrs gives for a review one whole day after the last
    one_day = Card.from_json(before.to_json())
    one_day.last_review = clock.now - timedelta(days=1)
    expected, _ = config.scheduler(fuzz=False).review_card(
        one_day, Rating.Good, review_datetime=clock.now
    )
    after = fsrs_card(conn, card)
    assert after.stability == expected.stability and after.due == expected.due
    assert result.interval == preview[Rating.Good] == timedelta(days=2)
    # the stored times are the real ones
    assert after.last_review == clock.now
    (reviewed_at,) = conn.execute("SELECT max(reviewed_at) FROM review_log").fetchone()
    (last_review,) = conn.execute(
        "SELECT last_review FROM cards WHERE card_id = ?", (card,)
    ).fetchone()
    assert reviewed_at == last_review == to_micros(clock.now)


def test_03_30_before_the_day_start_is_still_the_same_day(conn):
    config = StudyConfig(timezone="Europe/Berlin", fuzz=False)
    session, clock, card = graduated(conn, config, local(BERLIN, 2026, 11, 24, 22, 40))
    before = fsrs_card(conn, card)
    clock.now = local(BERLIN, 2026, 11, 25, 3, 30)
    assert elapsed_study_days(before.last_review, clock.now, 4, BERLIN) == 0
    assert session.retrievability(card) == 1.0
    after, _ = config.scheduler(fuzz=False).review_card(
        before, Rating.Good, review_datetime=clock.now
    )  # short-term, as fsrs does on its own here
    assert session.answer(card, Rating.Good).interval == after.due - clock.now


def test_dst_spring_forward_a_23_hour_day_still_counts_one_day(conn):
    # New York, 8 March 2026: clocks go forward; the study day of 7 March lasts 23 hours.
    config = StudyConfig(timezone="America/New_York", fuzz=False)
    session, clock, card = graduated(
        conn, config, local(NY, 2026, 3, 7, 4, 10)
    )  # last review 04:30 on 7 March
    before = fsrs_card(conn, card)
    clock.now = local(NY, 2026, 3, 8, 4, 15)
    assert clock.now - before.last_review == timedelta(hours=22, minutes=45)
    assert elapsed_study_days(before.last_review, clock.now, 4, NY) == 1
    seen = as_fsrs_sees(before, clock.now, 4, NY)
    assert clock.now - seen.last_review == timedelta(days=1)
    assert session.answer(card, Rating.Good).interval == timedelta(days=2)
    assert fsrs_card(conn, card).last_review == clock.now


def test_dst_fall_back_a_25_hour_day_counts_zero_days(conn):
    # New York, 1 November 2026: clocks go back; the study day of 31 October lasts 25 h.
    config = StudyConfig(timezone="America/New_York", fuzz=False)
    session, clock, card = graduated(
        conn, config, local(NY, 2026, 10, 31, 4, 5)
    )  # last review 04:25 on 31 October
    before = fsrs_card(conn, card)
    clock.now = local(NY, 2026, 11, 1, 3, 50)  # still 31 October's study day
    assert clock.now - before.last_review == timedelta(hours=24, minutes=25)
    assert elapsed_study_days(before.last_review, clock.now, 4, NY) == 0
    assert (clock.now - as_fsrs_sees(before, clock.now, 4, NY).last_review).days == 0
    assert session.retrievability(card) == 1.0
    same_day = Card.from_json(before.to_json())
    same_day.last_review = clock.now - timedelta(hours=1)
    expected, _ = config.scheduler(fuzz=False).review_card(
        same_day, Rating.Good, review_datetime=clock.now
    )
    session.answer(card, Rating.Good)
    assert fsrs_card(conn, card).stability == expected.stability


def test_undo_after_a_day_based_answer_restores_the_real_card(conn):
    config = StudyConfig(timezone="Europe/Berlin")  # fuzz on, as the app runs
    session, clock, card = graduated(conn, config, local(BERLIN, 2026, 11, 24, 22, 40))
    before_row, before_card = row(conn, card), fsrs_card(conn, card)
    clock.now = local(BERLIN, 2026, 11, 25, 5, 0)
    result = session.answer(card, Rating.Good)
    (card_before,) = conn.execute(
        "SELECT card_before FROM review_log WHERE id = ?", (result.review_id,)
    ).fetchone()
    assert Card.from_json(card_before).last_review == before_card.last_review  # not shifted
    assert session.undo() == card
    assert row(conn, card) == before_row
    assert fsrs_card(conn, card).to_json() == before_card.to_json()
    # and answering again gives the same day-based result
    assert session.answer(card, Rating.Good).interval.days >= 2


def test_a_learning_card_left_overnight_counts_one_day_and_keeps_minute_steps(conn):
    """The rule covers every card with a previous answer, as Anki's FSRS does."""
    config = StudyConfig(timezone="Europe/Berlin", fuzz=False)
    clock = Clock(local(BERLIN, 2026, 11, 24, 23, 0))
    (card,) = add_cards(conn, 1)
    session = StudySession(conn, config, clock=clock)
    assert session.answer(card, Rating.Again).interval == timedelta(minutes=1)
    before = fsrs_card(conn, card)
    clock.now = local(BERLIN, 2026, 11, 25, 5, 0)
    result = session.answer(card, Rating.Again)
    assert result.state == State.Learning and result.interval == timedelta(minutes=1)
    one_day = Card.from_json(before.to_json())
    one_day.last_review = clock.now - timedelta(days=1)
    expected, _ = config.scheduler(fuzz=False).review_card(
        one_day, Rating.Again, review_datetime=clock.now
    )
    assert fsrs_card(conn, card).stability == expected.stability
