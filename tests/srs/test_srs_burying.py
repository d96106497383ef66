"""Sibling burying as settings (Anki's three), stored in the file, through the real session.

Each test stores its settings in the progress file and builds the session from the file,
as the app does, so a setting that is not read back would fail here.
"""

import pytest
from fsrs import Rating, State

from quizapp.srs.config import StudyConfig, load_config, save_setting
from quizapp.srs.session import Queue, StudySession
from tests.srs.srs_helpers import add_cards
from tests.support.clock import Clock


def session_from_file(conn, clock: Clock, **settings: object) -> StudySession:
    save_setting(conn, "timezone", "UTC")
    save_setting(conn, "fuzz", False)
    for key, value in settings.items():
        save_setting(conn, key, value)
    return StudySession(conn, clock=clock)


def buried_day(conn, card_id: str) -> int:
    return conn.execute("SELECT buried_day FROM cards WHERE card_id = ?", (card_id,)).fetchone()[0]


def to_review(session: StudySession, clock: Clock, *cards: str) -> None:
    """Graduate each card with Easy (straight to review), then come back in 30 days."""
    for card in cards:
        assert session.answer(card, Rating.Easy).state == State.Review
    clock.advance(days=30)


def test_defaults_bury_new_siblings_only():
    config = StudyConfig()
    assert (config.bury_new, config.bury_reviews, config.bury_interday_learning) == (
        True,
        False,
        False,
    )


def test_review_siblings_stay_in_todays_queue_by_default(conn, clock):
    a, b = add_cards(conn, 2, per_sibling=2)
    session = session_from_file(conn, clock)
    to_review(session, clock, a, b)
    assert session.answer(a, Rating.Good).buried_siblings == 0
    entry = session.next_card()
    assert (entry.card_id, entry.queue) == (b, Queue.REVIEW)


def test_bury_reviews_setting_hides_a_due_review_sibling_until_tomorrow(conn, clock):
    a, b = add_cards(conn, 2, per_sibling=2)
    session = session_from_file(conn, clock, bury_reviews=True)
    assert load_config(conn).bury_reviews
    to_review(session, clock, a, b)
    assert session.answer(a, Rating.Good).buried_siblings == 1
    assert session.next_card() is None and session.counts().review == 0
    clock.advance(days=1)
    assert session.next_card().card_id == b


def test_a_review_sibling_not_due_today_is_left_alone(conn, clock):
    a, b = add_cards(conn, 2, per_sibling=2)
    session = session_from_file(conn, clock, bury_reviews=True)
    session.answer(b, Rating.Easy)  # due in weeks
    session.answer(a, Rating.Easy)
    assert buried_day(conn, b) == 0


def test_bury_new_off_shows_new_siblings_the_same_day(conn, clock):
    a, b = add_cards(conn, 2, per_sibling=2)
    session = session_from_file(conn, clock, bury_new=False)
    assert session.answer(a, Rating.Easy).buried_siblings == 0
    assert session.next_card().card_id == b


@pytest.mark.parametrize("bury", [False, True])
def test_interday_learning_sibling_is_buried_only_when_asked(conn, clock, bury):
    a, b = add_cards(conn, 2, per_sibling=2)
    session = session_from_file(conn, clock, bury_new=False, bury_interday_learning=bury)
    session.answer(a, Rating.Easy)
    session.answer(b, Rating.Again)  # b stays in learning overnight
    clock.advance(days=30)
    assert session.answer(a, Rating.Good).buried_siblings == int(bury)
    entry = session.next_card()
    if bury:
        assert entry is None and session.counts().learning == 0
    else:
        assert (entry.card_id, entry.queue) == (b, Queue.LEARNING)


def test_a_learning_sibling_answered_today_is_never_buried(conn, clock):
    a, b = add_cards(conn, 2, per_sibling=2)
    session = session_from_file(conn, clock, bury_interday_learning=True)
    session.answer(b, Rating.Again)
    assert session.answer(a, Rating.Again).buried_siblings == 0
    clock.advance(minutes=10)
    assert session.next_card().card_id == b


def test_burying_never_pushes_a_card_two_days_running(conn, clock):
    """Siblings due every day bury each other; each comes back the day after it was buried."""
    a, b = add_cards(conn, 2, per_sibling=2)
    session = session_from_file(conn, clock, bury_reviews=True)
    to_review(session, clock, a, b)
    assert session.answer(a, Rating.Good).buried_siblings == 1  # b buried today
    clock.advance(days=1)
    # a is answered first again (e.g. from the browser); b, buried yesterday, stays
    assert session.answer(a, Rating.Good).buried_siblings == 0
    assert session.next_card().card_id == b
    assert session.answer(b, Rating.Good).buried_siblings == 0  # a is no longer due today


def test_undo_gives_back_what_burying_took(conn, clock):
    a, b = add_cards(conn, 2, per_sibling=2)
    session = session_from_file(conn, clock, bury_reviews=True)
    to_review(session, clock, a, b)
    before = buried_day(conn, b)
    session.answer(a, Rating.Good)
    assert buried_day(conn, b) != before
    assert session.undo() == a
    assert buried_day(conn, b) == before


def test_a_manually_buried_learning_card_waits_for_tomorrow(conn, clock):
    (a,) = add_cards(conn, 1)
    session = session_from_file(conn, clock)
    session.answer(a, Rating.Again)
    session.bury(a)
    clock.advance(minutes=5)
    assert session.next_card() is None and session.counts().learning == 0
    clock.advance(days=1)
    assert session.next_card().card_id == a
