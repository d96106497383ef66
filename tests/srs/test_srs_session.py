"""StudySession on a real file: queue order, limits, siblings, leeches, undo, previews."""

import random
from datetime import timedelta

import pytest
from fsrs import Rating, State

from quizapp.srs.config import StudyConfig, load_config, save_setting
from quizapp.srs.session import Queue, StudySession
from quizapp.store.cards import get_card
from tests.srs.srs_helpers import add_cards
from tests.support.clock import Clock

UTC_CONFIG = StudyConfig(timezone="UTC")


def row(conn, card_id: str) -> tuple:
    return conn.execute("SELECT * FROM cards WHERE card_id = ?", (card_id,)).fetchone()


def graduate(session: StudySession, clock: Clock, card_id: str) -> None:
    """Answer Good until the card is in review, moving the clock to each step."""
    while session.answer(card_id, Rating.Good).state != State.Review:
        clock.advance(minutes=10)


def test_new_cards_come_in_deck_order_and_respect_the_daily_limit(conn, clock):
    cards = add_cards(conn, 5)
    session = StudySession(conn, StudyConfig(timezone="UTC", new_per_day=3), clock=clock)
    shown = []
    for _ in range(3):
        entry = session.next_card()
        assert entry.queue is Queue.NEW and entry.due is None
        shown.append(entry.card_id)
        session.answer(entry.card_id, Rating.Easy)
    assert shown == cards[:3]
    assert session.next_card() is None
    assert session.counts().new == 0
    clock.advance(days=1)
    assert session.counts().new == 2  # a new day, a new allowance


def test_learning_due_now_comes_before_reviews_and_new(conn, clock):
    a, b, c = add_cards(conn, 3)
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    session.answer(a, Rating.Easy)  # review, due in days
    session.answer(b, Rating.Again)  # learning, due in 1 minute
    clock.advance(days=30)
    assert [session.next_card().queue] == [Queue.LEARNING]
    assert session.next_card().card_id == b
    session.answer(b, Rating.Easy)
    entry = session.next_card()
    assert (entry.card_id, entry.queue) == (a, Queue.REVIEW)
    session.answer(a, Rating.Good)
    assert session.next_card().card_id == c


def test_reviews_respect_their_daily_limit(conn, clock):
    cards = add_cards(conn, 4)
    session = StudySession(
        conn, StudyConfig(timezone="UTC", reviews_per_day=2, new_per_day=0), clock=clock
    )
    for card in cards:
        session.answer(card, Rating.Easy)
    clock.advance(days=60)
    assert session.counts().review == 2
    for _ in range(2):
        session.answer(session.next_card().card_id, Rating.Good)
    assert session.next_card() is None


def test_new_cards_are_interleaved_with_reviews(conn, clock):
    cards = add_cards(conn, 12)
    session = StudySession(conn, StudyConfig(timezone="UTC", new_per_day=8), clock=clock)
    for card in cards[:8]:
        session.answer(card, Rating.Easy)
    clock.advance(days=60)
    queues = []
    while (entry := session.next_card()) is not None:
        queues.append(entry.queue)
        session.answer(entry.card_id, Rating.Easy)
    assert queues.count(Queue.REVIEW) == 8 and queues.count(Queue.NEW) == 4
    assert queues[:4] != [Queue.REVIEW] * 4  # not all reviews first
    assert queues[-4:] != [Queue.NEW] * 4


def test_siblings_are_buried_for_the_day_and_back_tomorrow(conn, clock):
    a, b, c, _ = add_cards(conn, 4, per_sibling=2)
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    result = session.answer(a, Rating.Good)
    assert result.buried_siblings == 1
    shown = []
    while (entry := session.next_card()) is not None and len(shown) < 10:
        shown.append(entry.card_id)
        session.answer(entry.card_id, Rating.Easy)
    assert b not in shown and c in shown
    clock.advance(days=1)
    assert session.next_card().card_id == b


def test_learning_siblings_are_not_buried(conn, clock):
    a, b = add_cards(conn, 2, per_sibling=2)
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    session.answer(b, Rating.Again)  # b is learning now; a (new) is buried
    assert get_card(conn, a).buried_day > 0
    assert session.answer(a, Rating.Again).buried_siblings == 0
    assert get_card(conn, b).buried_day == 0


def test_a_leech_is_marked_and_suspended_at_eight_lapses(conn, clock):
    (card,) = add_cards(conn, 1)
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    graduate(session, clock, card)
    for lapse in range(1, 9):
        clock.advance(days=40)
        result = session.answer(card, Rating.Again)
        assert result.leech is (lapse == 8)
        if lapse < 8:
            clock.advance(minutes=10)
            session.answer(card, Rating.Good)
    lapses, leech, suspended = conn.execute(
        "SELECT lapses, leech, suspended FROM cards WHERE card_id = ?", (card,)
    ).fetchone()
    assert (lapses, leech, suspended) == (8, 1, 1)
    assert session.next_card() is None


def test_undo_restores_the_exact_row_and_unburies(conn, clock):
    a, b = add_cards(conn, 2, per_sibling=2)
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    session.answer(a, Rating.Good)
    clock.advance(minutes=10)
    before_a, before_b = row(conn, a), row(conn, b)
    conn.execute("UPDATE cards SET buried_day = 0 WHERE card_id = ?", (b,))
    before_b = row(conn, b)
    session.answer(a, Rating.Good)
    assert row(conn, b) != before_b  # buried by the answer
    assert session.undo() == a
    assert (row(conn, a), row(conn, b)) == (before_a, before_b)
    assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == 1
    assert session.undo() == a
    assert row(conn, a)[7] == 0  # new again
    assert session.undo() is None


def test_undo_refuses_when_the_card_was_answered_elsewhere(conn, clock):
    (card,) = add_cards(conn, 1)
    mine = StudySession(conn, UTC_CONFIG, clock=clock)
    other = StudySession(conn, UTC_CONFIG, clock=clock)
    mine.answer(card, Rating.Good)
    clock.advance(minutes=1)
    other.answer(card, Rating.Good)
    assert mine.undo() is None
    assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == 2


def test_intervals_match_answers_and_leave_random_alone(conn, clock):
    a, b = add_cards(conn, 2)
    config = StudyConfig(timezone="UTC", fuzz=False)
    session = StudySession(conn, config, clock=clock)
    random.seed(1)
    state = random.getstate()
    preview = session.intervals(a)
    assert random.getstate() == state
    assert preview[Rating.Again] == timedelta(minutes=1)
    assert preview[Rating.Good] == timedelta(minutes=10)
    assert session.answer(a, Rating.Easy).interval == preview[Rating.Easy]
    clock.advance(days=20)
    fuzzed = StudySession(conn, StudyConfig(timezone="UTC"), clock=clock)
    state = random.getstate()
    fuzzed.intervals(a)
    assert random.getstate() == state


def test_bury_suspend_flag(conn, clock):
    a, b, c = add_cards(conn, 3)
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    session.bury(a)
    session.suspend(b)
    session.flag(c)
    entry = session.next_card()
    assert entry.card_id == c and entry.flagged
    with pytest.raises(KeyError):
        session.flag("no-such-card")
    clock.advance(days=1)
    assert session.next_card().card_id == a


def test_deck_selection(conn, clock):
    add_cards(conn, 2, deck="iim")
    (other,) = add_cards(conn, 1, deck="ctd")
    session = StudySession(conn, UTC_CONFIG, deck_ids=["ctd"], clock=clock)
    assert session.next_card().card_id == other
    assert session.counts().new == 1
    assert StudySession(conn, UTC_CONFIG, deck_ids=[], clock=clock).next_card() is None


def test_settings_round_trip_through_the_file(conn):
    assert load_config(conn) == StudyConfig()
    save_setting(conn, "learning_steps_minutes", [2, 15])
    save_setting(conn, "new_per_day", 5)
    config = load_config(conn)
    assert config.learning_steps_minutes == (2, 15) and config.new_per_day == 5
    with pytest.raises(ValueError):
        save_setting(conn, "desired_retention", 1.5)
    with pytest.raises(ValueError):
        save_setting(conn, "no_such_setting", 1)
    assert load_config(conn).desired_retention == 0.9


def test_undo_takes_back_bury_suspend_and_flag_latest_first(conn, clock):
    a, b = add_cards(conn, 2)
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    session.answer(a, Rating.Good)
    before = row(conn, b)
    session.flag(b)
    session.suspend(b)
    session.bury(b)
    assert row(conn, b) != before
    for action in ("bury", "suspend", "flag"):
        assert session.next_undo == action
        assert session.undo() == b
    assert row(conn, b) == before
    assert session.next_undo == "answer"  # the answer before them comes back last
    assert session.undo() == a
    assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == 0
    assert session.undo() is None and session.next_undo is None


def test_entry_puts_a_card_back_in_its_queue(conn, clock):
    (card,) = add_cards(conn, 1)
    session = StudySession(conn, UTC_CONFIG, clock=clock)
    assert session.entry(card).queue is Queue.NEW
    session.answer(card, Rating.Again)
    assert session.entry(card).queue is Queue.LEARNING
