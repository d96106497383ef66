"""The forecast takes each deck's own daily limits as study does (`new_per_day@deck`,
`reviews_per_day@deck`): alone, a deck's own limit replaces the global one; over all
decks the global limit caps the total and a deck with its own gives at most that many.
Real files, the real fsrs scheduler."""

from datetime import timedelta

from fsrs import Rating

from quizapp.srs.config import save_deck_setting, save_setting
from quizapp.srs.forecast import forecast
from quizapp.srs.session import StudySession
from tests.srs.srs_helpers import START, add_cards
from tests.support.clock import Clock

DAYS = 30


def setup(conn) -> None:
    for key, value in (("timezone", "UTC"), ("learning_steps_minutes", [])):
        save_setting(conn, key, value)


def overdue(conn, card_ids: list[str]) -> None:
    """Answer each card once, long enough ago that all are due today."""
    clock = Clock(START - timedelta(days=40))
    session = StudySession(conn, clock=clock)
    for card_id in card_ids:
        session.answer(card_id, Rating.Good)


def test_a_decks_own_new_card_limit_replaces_the_global_one(conn) -> None:
    setup(conn)
    add_cards(conn, 1000)  # deck iim; the global limit: 20 new cards a day
    plain = forecast(conn, DAYS, [0.9], deck_id="iim", clock=lambda: START).outlooks[0]
    save_deck_setting(conn, "new_per_day", "iim", 3)
    own = forecast(conn, DAYS, [0.9], deck_id="iim", clock=lambda: START).outlooks[0]
    assert plain.introduced == 20 * DAYS and own.introduced == 3 * DAYS
    assert sum(own.answers) < sum(plain.answers) / 3


def test_a_decks_own_review_limit_holds_its_reviews_back(conn) -> None:
    setup(conn)
    overdue(conn, add_cards(conn, 100))
    save_deck_setting(conn, "new_per_day", "iim", 0)
    plain = forecast(conn, DAYS, [0.9], deck_id="iim", clock=lambda: START).outlooks[0]
    save_deck_setting(conn, "reviews_per_day", "iim", 5)
    own = forecast(conn, DAYS, [0.9], deck_id="iim", clock=lambda: START).outlooks[0]
    assert plain.answers[0] >= 100  # the global 200 lets the whole backlog in
    assert own.answers[0] <= 5 * 2  # five reviews, a lapse answered twice


def test_over_all_decks_each_deck_stays_within_its_own_limits(conn) -> None:
    setup(conn)
    add_cards(conn, 700)  # iim: first in the queue
    overdue(conn, add_cards(conn, 60, deck="other"))
    add_cards(conn, 30, deck="more")
    plain = forecast(conn, DAYS, [0.9], clock=lambda: START).outlooks[0]
    save_deck_setting(conn, "new_per_day", "iim", 2)
    save_deck_setting(conn, "reviews_per_day", "other", 4)
    own = forecast(conn, DAYS, [0.9], clock=lambda: START).outlooks[0]
    assert plain.introduced == 60 + 20 * DAYS  # the global 20 a day, iim's cards first
    # iim gives 2 a day; `more` fills the rest of the 20 until its 30 are in
    assert own.introduced == 60 + 2 * DAYS + 30
    assert plain.answers[0] >= 60 + 20 and own.answers[0] <= 4 * 2 + 20
