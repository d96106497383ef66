"""The study day: rollover hour, DST changes, and due dates that stay in UTC."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fsrs import Rating

from quizapp.srs.config import StudyConfig
from quizapp.srs.days import day_start, study_day
from quizapp.srs.session import StudySession
from tests.srs.srs_helpers import START, add_cards
from tests.support.clock import Clock

NY = ZoneInfo("America/New_York")


def ny(*args: int) -> datetime:
    return datetime(*args, tzinfo=NY).astimezone(UTC)


def test_the_day_starts_at_four_local():
    before, after = ny(2026, 11, 25, 3, 59), ny(2026, 11, 25, 4, 0)
    assert study_day(after, 4, NY) - study_day(before, 4, NY) == 1
    assert study_day(before, 4, NY) == datetime(2026, 11, 24).toordinal()
    assert day_start(study_day(after, 4, NY), 4, NY) == after


def test_dst_days_are_23_and_25_hours_long():
    # Clocks go forward at 02:00 on 8 March and back at 02:00 on 1 November; the study
    # days that contain those nights are 7 March and 31 October.
    spring = datetime(2026, 3, 7).toordinal()
    autumn = datetime(2026, 10, 31).toordinal()
    assert day_start(spring + 1, 4, NY) - day_start(spring, 4, NY) == timedelta(hours=23)
    assert day_start(autumn + 1, 4, NY) - day_start(autumn, 4, NY) == timedelta(hours=25)
    # the repeated hour 01:00-02:00 on the autumn night still belongs to the previous day
    assert study_day(ny(2026, 11, 1, 1, 30), 4, NY) == autumn
    assert study_day(ny(2026, 11, 1, 1, 30) + timedelta(hours=1), 4, NY) == autumn


def test_midnight_rollover_hour():
    assert study_day(ny(2026, 11, 25, 0, 0), 0, NY) == datetime(2026, 11, 25).toordinal()


def test_system_local_time_is_the_default(monkeypatch):
    moment = datetime(2026, 7, 1, 12, tzinfo=UTC)
    assert study_day(moment, 4, None) == study_day(moment, 4, moment.astimezone().tzinfo)


def review_until_interval(session: StudySession, clock: Clock, card_id: str) -> datetime:
    while True:
        result = session.answer(card_id, Rating.Good)
        if result.interval >= timedelta(days=1):
            return result.due
        clock.now = result.due


def test_due_dates_cross_dst_in_utc_unchanged(conn):
    config = StudyConfig(timezone="America/New_York", fuzz=False)
    clock = Clock(ny(2026, 10, 31, 12, 0))  # the day before clocks go back
    (card,) = add_cards(conn, 1)
    session = StudySession(conn, config, clock=clock)
    due = review_until_interval(session, clock, card)
    nominal = due - clock.now
    assert nominal.seconds == 0 and nominal.days >= 1  # whole days, in UTC, not wall time
    clock.now = due
    assert session.next_card().card_id == card


def test_a_learning_step_over_the_rollover_is_tomorrows(conn):
    config = StudyConfig(timezone="America/New_York", new_per_day=1)
    clock = Clock(ny(2026, 11, 25, 3, 55))
    a, _ = add_cards(conn, 2)
    session = StudySession(conn, config, clock=clock)
    assert session.next_card().card_id == a
    session.answer(a, Rating.Again)  # due 03:56; the day ends at 04:00
    clock.advance(minutes=1)
    assert session.next_card().card_id == a
    session.answer(a, Rating.Good)  # 10 minutes: 04:06, which is the next study day
    assert session.counts().learning == 0
    assert session.next_card().card_id == a  # learn-ahead still offers it tonight
    clock.advance(minutes=10)
    assert session.counts().new == 1  # a new day: the new-card limit starts again


def test_a_clock_moving_backwards_never_reviews_before_the_last_review(conn):
    clock = Clock(START)
    (card,) = add_cards(conn, 1)
    session = StudySession(conn, StudyConfig(timezone="UTC"), clock=clock)
    first = session.answer(card, Rating.Good)
    clock.advance(hours=-5)
    second = session.answer(card, Rating.Good)
    assert second.due >= first.due - timedelta(minutes=10)
    last_reviews = [r[0] for r in conn.execute("SELECT reviewed_at FROM review_log ORDER BY id")]
    assert last_reviews == sorted(last_reviews)
    assert second.due > clock.now + timedelta(hours=5)
