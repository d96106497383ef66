"""Total knowledge, time per day and today's plan on a real file, against answers worked
out here from what the test did (fsrs's own retrievability, the durations it gave)."""

import json

import pytest
from click.testing import CliRunner
from fsrs import Card, Rating

from quizapp.cli import main
from quizapp.srs.config import StudyConfig, save_setting
from quizapp.srs.knowledge import (
    DEFAULT_SECONDS,
    TIME_DAYS,
    answer_times,
    estimate_minutes,
    knowledge,
    today_plan,
    weakest_topic,
)
from quizapp.srs.session import Counts, StudySession
from quizapp.srs.stats import stats_today
from quizapp.store.stats import TopicStats
from tests.srs.srs_helpers import add_cards
from tests.support.clock import Clock

UTC_CONFIG = StudyConfig(timezone="UTC")


def test_total_knowledge_is_the_sum_of_fsrs_retrievability(conn, clock: Clock):
    """Cards answered at 10:00 and read at 10:00 days later: whole days equal study days,
    so fsrs's own `get_card_retrievability` is the independent answer."""
    cards = add_cards(conn, 12, deck="a")
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    ratings = [Rating.Easy, Rating.Good, Rating.Hard, Rating.Easy]
    for i, card in enumerate(cards[:9]):
        session.answer(card, ratings[i % 4])  # 9 answered, 3 still new
    clock.advance(days=3)
    for card in cards[:3]:
        session.answer(card, Rating.Good)
    clock.advance(days=5)
    scheduler = UTC_CONFIG.scheduler(fuzz=False)
    rows = conn.execute("SELECT fsrs FROM cards WHERE state > 0").fetchall()
    expected = sum(scheduler.get_card_retrievability(Card.from_json(f), clock()) for (f,) in rows)
    day = session.today()
    known = knowledge(conn, day, UTC_CONFIG)
    assert known.answered_cards == 9 == len(rows)
    assert known.total_knowledge == pytest.approx(expected, rel=1e-9)
    assert 0 < known.total_knowledge < 9
    # Suspending a card does not make the learner forget it; retiring takes it away.
    conn.execute("UPDATE cards SET suspended = 1 WHERE card_id = ?", (cards[0],))
    assert knowledge(conn, day, UTC_CONFIG).total_knowledge == pytest.approx(expected)
    assert knowledge(conn, day, UTC_CONFIG, deck_id="b").answered_cards == 0


def test_time_per_day_sums_the_logged_durations(conn, clock: Clock):
    cards = add_cards(conn, 30)
    session = StudySession(conn, StudyConfig(timezone="UTC", new_per_day=30), clock=clock)
    durations = {0: [4000, 6500, 120_000], 2: [3000], 5: [1000, 2000, None]}
    first = session.today()
    it = iter(cards)
    for offset in range(6):
        for millis in durations.get(offset, []):
            session.answer(next(it), Rating.Easy, duration_ms=millis)
        clock.advance(days=1)
    clock.advance(days=-1)
    known = knowledge(conn, session.today(), UTC_CONFIG)
    assert len(known.seconds_per_day) == TIME_DAYS
    by_day = dict(
        zip(
            range(session.today() - TIME_DAYS + 1, session.today() + 1),
            known.seconds_per_day,
            strict=True,
        )
    )
    for offset in range(6):
        expected = sum(m or 0 for m in durations.get(offset, [])) / 1000
        assert by_day[first + offset] == pytest.approx(expected)
    total = (4000 + 6500 + 120_000 + 3000 + 1000 + 2000) / 1000
    assert known.average_minutes["30d"] == pytest.approx(total / 60 / 30)
    assert known.average_minutes["7d"] == pytest.approx(total / 60 / 7)


def test_answer_times_cap_long_answers_and_need_enough_of_them(conn, clock: Clock):
    cards = add_cards(conn, 12)
    session = StudySession(conn, StudyConfig(timezone="UTC", new_per_day=12), clock=clock)
    for i, card in enumerate(cards):
        session.answer(card, Rating.Easy, duration_ms=300_000 if i == 0 else 9000)
    seconds = answer_times(conn, session.today())
    assert seconds[0] == pytest.approx((60 + 11 * 9) / 12)  # 5 minutes counts as 60 s
    assert seconds[2] == DEFAULT_SECONDS[2]  # no review answered yet


def test_minutes_are_worked_out_from_the_counts():
    config = StudyConfig(
        desired_retention=0.8, learning_steps_minutes=(1, 10), relearning_steps_minutes=(10,)
    )
    seconds = {0: 30.0, 1: 6.0, 2: 12.0, 3: 9.0}
    counts = Counts(new=4, learning=3, review=50)
    expected = (50 * (12 + 0.2 * 1 * 9) + 3 * 6 + 4 * (30 + 2 * 6)) / 60
    assert estimate_minutes(counts, seconds, config) == pytest.approx(expected)


def topic(name: str, answers: int, accuracy: float | None, mastery: float = 0.0) -> TopicStats:
    return TopicStats("iim", name, 10, answers, accuracy, 0, mastery)


def test_the_weakest_topic_needs_enough_answers():
    topics = [
        topic("few", 3, 0.1),
        topic("strong", 40, 0.95),
        topic("weak", 12, 0.6, 0.3),
        topic("tie", 10, 0.6, 0.1),
        topic("unseen", 0, None),
    ]
    assert weakest_topic(topics).topic == "tie"  # same accuracy: less mastered first
    assert weakest_topic([topic("few", 4, 0.0)]) is None


def test_todays_plan_takes_the_queue_counts(conn, clock: Clock):
    add_cards(conn, 40)
    save_setting(conn, "timezone", "UTC")
    session = StudySession(conn, clock=clock)
    stats = stats_today(conn, clock=clock)
    plan = today_plan(conn, session.counts(), stats, session.config)
    assert (plan.reviews, plan.learning, plan.new) == (0, 0, 20)
    assert plan.minutes == pytest.approx(20 * (DEFAULT_SECONDS[0] + 2 * DEFAULT_SECONDS[1]) / 60)
    assert plan.weakest is None


def test_stats_command_shows_and_exports_the_new_figures(db_path, conn, clock: Clock):
    cards = add_cards(conn, 5)
    save_setting(conn, "timezone", "UTC")
    session = StudySession(conn, clock=clock)
    for card in cards:
        session.answer(card, Rating.Good, duration_ms=12_000)
    conn.close()
    runner = CliRunner()
    text = runner.invoke(main, ["--db", str(db_path), "stats"])
    assert text.exit_code == 0, text.output
    assert "Desired retention: 90%" in text.output
    assert "of 5 answered cards recalled if asked now" in text.output
    data = json.loads(runner.invoke(main, ["--db", str(db_path), "stats", "--json"]).output)
    assert data["desired_retention"] == 0.9
    assert data["knowledge"]["answered_cards"] == 5
    spent = {d["date"]: d["seconds"] for d in data["knowledge"]["seconds_per_day"]}
    assert sum(spent.values()) == 60.0 and len(spent) == TIME_DAYS


def test_a_later_read_is_lower(conn, clock: Clock):
    """Knowledge decays with time: a read a month later predicts less."""
    cards = add_cards(conn, 5)
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    for card in cards:
        session.answer(card, Rating.Easy)
    day = session.today()
    now = knowledge(conn, day + 1, UTC_CONFIG).total_knowledge
    later = knowledge(conn, day + 30, UTC_CONFIG).total_knowledge
    assert 0 < later < now <= 5


def test_a_topic_at_or_above_the_desired_retention_is_nobodys_weakest():
    """A student read "Weakest topic ... (100% of 6 answers)" as a contradiction."""
    topics = [topic("all-right", 6, 1.0), topic("good", 10, 0.92)]
    assert weakest_topic(topics, below=0.9) is None
    assert weakest_topic([*topics, topic("shaky", 8, 0.75)], below=0.9).topic == "shaky"
