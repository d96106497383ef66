"""Exam dates: the interval cap, the new-card pace and the expected recall on exam day,
through the real session on a real progress file."""

import math
import random
from datetime import date, timedelta

import pytest
from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st

from quizapp.srs.config import StudyConfig
from quizapp.srs.days import study_day
from quizapp.srs.elapsed import recall_probability
from quizapp.srs.exam import (
    LEAD_DAYS,
    days_at_target,
    exam_dates,
    exam_interval,
    exam_outlook,
    outlook_lines,
    set_exam_date,
)
from quizapp.srs.session import StudySession
from tests.srs.srs_helpers import START, add_cards
from tests.support.clock import Clock

TODAY = START.date()  # study day of START (10:00 UTC, day starts 04:00 UTC)
CONFIG = StudyConfig(timezone="UTC", fuzz=False)


def review_card(conn, clock: Clock, card_id: str, answers: int) -> None:
    """Make `card_id` a review card: learn it, then `answers` Good reviews on their due day."""
    session = StudySession(conn, CONFIG, clock=clock)
    while True:
        result = session.answer(card_id, Rating.Good)
        if result.state.name == "Review":
            break
        clock.now = result.due
    for _ in range(answers):
        clock.now = result.due
        result = session.answer(card_id, Rating.Good)


@given(
    stability=st.floats(0.1, 3000),
    interval=st.integers(1, 36500),
    days_to_exam=st.integers(-5, 400),
)
def test_the_cap_keeps_recall_on_exam_day_or_reviews_before_it(
    stability: float, interval: int, days_to_exam: int
) -> None:
    scheduler = CONFIG.scheduler()
    capped = exam_interval(scheduler, stability, interval, days_to_exam)
    at_exam = recall_probability(scheduler, days_to_exam, stability)
    assert 1 <= capped <= interval
    if days_to_exam < 2 or interval < days_to_exam or at_exam >= CONFIG.desired_retention:
        assert capped == interval  # nothing to aim at: fsrs's own interval
    else:
        assert capped < days_to_exam  # reviewed before the exam
        assert capped == 1 or recall_probability(scheduler, capped, stability) >= 0.9
        # the last such day: one day later recall is below the target
        assert recall_probability(scheduler, capped + 1, stability) < 0.9


def test_days_at_target_is_the_last_day_at_target() -> None:
    scheduler = CONFIG.scheduler()
    for stability in (0.5, 1.0, 2.6, 9.99, 10.0, 10.01, 123.4):
        days = days_at_target(scheduler, stability, 0.9)
        assert days == max(1, math.floor(stability + 1e-9)), stability  # R(S) = 0.9 by definition


def test_session_cuts_an_interval_that_passes_the_exam(conn, clock: Clock) -> None:
    """For every exam distance, the same answer (same fuzz draw) with and without the exam:
    the interval is fsrs's own unless it reaches the exam with recall there below the
    target; then the card is due before the exam. The button preview follows the same rule."""
    (card,) = add_cards(conn, 1)
    review_card(conn, clock, card, answers=1)  # the next Good: 15-20 days
    config = StudyConfig(timezone="UTC")  # fuzz on: intervals that overshoot the plain one
    scheduler = config.scheduler()
    today = study_day(clock.now, 4, None)

    def answer(session: StudySession, draw: int) -> tuple[int, int, float]:
        preview = session.intervals(card)[Rating.Good] // timedelta(days=1)
        random.seed(draw)
        result = session.answer(card, Rating.Good)
        stability = conn.execute(
            "SELECT stability FROM cards WHERE card_id = ?", (card,)
        ).fetchone()[0]
        session.undo()
        return result.interval // timedelta(days=1), preview, stability

    cut = 0
    for distance in range(30):
        set_exam_date(conn, "iim", None, TODAY)
        fsrs_days, fsrs_preview, stability = answer(
            StudySession(conn, config, clock=clock), distance
        )
        set_exam_date(conn, "iim", date.fromordinal(today + distance), TODAY)
        days, preview, _ = answer(StudySession(conn, config, clock=clock), distance)
        below = recall_probability(scheduler, distance, stability) < 0.9
        if distance >= 2 and fsrs_days >= distance and below:
            assert days < distance, distance
            cut += 1
        else:
            assert days == fsrs_days, distance
        if distance >= 2 and fsrs_preview >= distance and below:
            assert preview < distance
        else:
            assert preview == fsrs_preview
    assert cut > 0  # the exam did change some intervals


def test_exam_today_or_past_leaves_fsrs_alone(conn, clock: Clock) -> None:
    (card,) = add_cards(conn, 1)
    review_card(conn, clock, card, answers=2)
    clock.advance(days=9)
    plain = StudySession(conn, CONFIG, clock=clock).intervals(card)
    today = date.fromordinal(study_day(clock.now, 4, None))
    set_exam_date(conn, "iim", today, TODAY)
    assert StudySession(conn, CONFIG, clock=clock).intervals(card) == plain
    set_exam_date(conn, "iim", today + timedelta(days=1), TODAY)  # answered the day before
    assert StudySession(conn, CONFIG, clock=clock).intervals(card) == plain


def test_new_cards_are_paced_to_come_in_time(conn, clock: Clock) -> None:
    add_cards(conn, 400)
    add_cards(conn, 30, deck="other")
    exam = TODAY + timedelta(days=20)
    set_exam_date(conn, "iim", exam, TODAY)
    needed = math.ceil(400 / (20 - LEAD_DAYS))
    session = StudySession(conn, CONFIG, deck_ids=["iim"], clock=clock)
    assert session.counts().new == needed > CONFIG.new_per_day
    assert StudySession(conn, CONFIG, deck_ids=["other"], clock=clock).counts().new == 20
    for _ in range(5):
        entry = session.next_card()
        session.answer(entry.card_id, Rating.Easy)
    again = StudySession(conn, CONFIG, deck_ids=["iim"], clock=clock)  # e.g. after a restart
    assert again.counts().new == needed - 5  # the pace is fixed for the day
    outlook = exam_outlook(conn, "iim", exam, CONFIG, TODAY.toordinal())
    assert outlook.pace.unseen == 0 and outlook_lines(outlook, "IIM")[1] is None


def test_a_ceiling_too_low_is_said(conn, clock: Clock) -> None:
    add_cards(conn, 400)
    exam = TODAY + timedelta(days=13)
    set_exam_date(conn, "iim", exam, TODAY)
    config = StudyConfig(timezone="UTC", fuzz=False, exam_max_new_per_day=30)
    assert StudySession(conn, config, clock=clock).counts().new == 30
    outlook = exam_outlook(conn, "iim", exam, config, TODAY.toordinal())
    assert outlook.pace.needed == 40 and outlook.pace.unseen == 400 - 30 * 10
    line, warning = outlook_lines(outlook, "IIM")
    assert line == "IIM exam in 13 days (8 Dec 2026): expected recall 68% (target 90%)"
    assert warning == "needs 40 new cards a day, 30 allowed: 100 new cards unseen by the exam"
    # the method: 300 cards seen in time count the target, 100 unseen count 0
    assert outlook.expected_recall == pytest.approx(0.9 * 300 / 400)


def test_expected_recall_counts_cards_not_asked_before_the_exam(conn, clock: Clock) -> None:
    cards = add_cards(conn, 2)
    review_card(conn, clock, cards[0], answers=3)
    row = conn.execute(
        "SELECT stability, last_review, due FROM cards WHERE card_id = ?", (cards[0],)
    ).fetchone()
    config = StudyConfig(timezone="UTC", fuzz=False, new_per_day=0, exam_max_new_per_day=0)
    today = study_day(clock.now, 4, None)
    due_day = study_day(START + (row[2] - _micros(START)) * timedelta(microseconds=1), 4, None)
    last_day = study_day(START + (row[1] - _micros(START)) * timedelta(microseconds=1), 4, None)
    exam = date.fromordinal(due_day)  # the card is due on exam day: not asked before
    set_exam_date(conn, "iim", exam, date.fromordinal(today))
    outlook = exam_outlook(conn, "iim", exam, config, today)
    recall = recall_probability(config.scheduler(), due_day - last_day, row[0])
    assert outlook.expected_recall == pytest.approx(recall / 2)  # the new card: never seen
    before = exam_outlook(conn, "iim", exam + timedelta(days=1), config, today)
    assert before.expected_recall == pytest.approx(0.9 / 2)  # asked before: the target


def _micros(moment) -> int:
    from quizapp.store.timeutil import to_micros

    return to_micros(moment)


def test_setting_checks_the_deck_and_the_date(conn) -> None:
    add_cards(conn, 1)
    with pytest.raises(ValueError, match="no deck 'nope'; decks: iim"):
        set_exam_date(conn, "nope", TODAY, TODAY)
    with pytest.raises(ValueError, match="before today"):
        set_exam_date(conn, "iim", TODAY - timedelta(days=1), TODAY)
    assert exam_dates(conn) == {}
    set_exam_date(conn, "iim", TODAY + timedelta(days=3), TODAY)
    assert exam_dates(conn) == {"iim": TODAY + timedelta(days=3)}
    set_exam_date(conn, "iim", None, TODAY)
    assert exam_dates(conn) == {}


def test_the_forecast_follows_the_exam(conn, clock: Clock) -> None:
    """`quizapp forecast --deck`: with an exam ahead, every new card comes in before it."""
    from quizapp.srs.config import save_setting
    from quizapp.srs.forecast import forecast

    add_cards(conn, 600)
    save_setting(conn, "timezone", "UTC")
    plain = forecast(conn, 20, [0.9], deck_id="iim", clock=clock).outlooks[0]
    set_exam_date(conn, "iim", TODAY + timedelta(days=20), TODAY)
    paced = forecast(conn, 20, [0.9], deck_id="iim", clock=clock).outlooks[0]
    assert plain.introduced == 20 * CONFIG.new_per_day
    assert paced.introduced == 600
