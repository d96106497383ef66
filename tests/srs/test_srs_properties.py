"""Property tests: any sequence of ratings, time steps and undos keeps the file sane."""

import tempfile
from datetime import timedelta
from pathlib import Path

from fsrs import Card, Rating
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.srs.config import StudyConfig
from quizapp.srs.session import StudySession
from quizapp.store.connection import open_store
from quizapp.store.timeutil import from_micros
from tests.srs.srs_helpers import START, add_cards
from tests.support.clock import Clock

# New may go to learning or straight to review (Easy); review lapses into relearning.
ALLOWED = {0: {1, 2}, 1: {1, 2}, 2: {2, 3}, 3: {2, 3}}

step = st.tuples(
    st.sampled_from(list(Rating)),
    st.one_of(
        st.integers(0, 30),  # minutes: within learning steps
        st.integers(60, 60 * 24 * 400),  # up to 400 days later
        st.integers(-180, -1),  # the clock jumps back
    ),
    st.booleans(),  # undo this answer straight away
)


def card_row(conn, card_id: str) -> tuple:
    return conn.execute("SELECT * FROM cards WHERE card_id = ?", (card_id,)).fetchone()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=25), fuzz=st.booleans())
def test_scheduling_sequences_keep_invariants(steps, fuzz):
    with tempfile.TemporaryDirectory() as folder:
        conn = open_store(Path(folder) / "p.sqlite3", synchronous="OFF")
        card, sibling = add_cards(conn, 2, per_sibling=2)
        clock = Clock(START)
        session = StudySession(conn, StudyConfig(timezone="UTC", fuzz=fuzz), clock=clock)
        answers = 0
        for rating, minutes, undo in steps:
            clock.advance(minutes=minutes)
            before, before_sibling = card_row(conn, card), card_row(conn, sibling)
            state_before = before[7]
            result = session.answer(card, rating)
            after = card_row(conn, card)
            assert after[7] in ALLOWED[state_before]
            assert result.due >= from_micros(after[9])  # due never before the last review
            assert after[9] >= (before[9] or 0)  # reviews never go back in time
            fsrs_card = Card.from_json(after[12])
            assert 1.0 <= fsrs_card.difficulty <= 10.0 and fsrs_card.stability > 0
            assert result.interval <= timedelta(days=36500)
            if undo:
                assert session.undo() == card
                assert card_row(conn, card) == before
                assert card_row(conn, sibling) == before_sibling
            else:
                answers += 1
            logged = conn.execute("SELECT count(*) FROM review_log").fetchone()[0]
            assert logged == answers == card_row(conn, card)[13]  # reps
        conn.close()


@settings(max_examples=15, deadline=None)
@given(ratings=st.lists(st.sampled_from(list(Rating)), min_size=1, max_size=12))
def test_undoing_everything_returns_to_new(ratings):
    with tempfile.TemporaryDirectory() as folder:
        conn = open_store(Path(folder) / "p.sqlite3", synchronous="OFF")
        (card,) = add_cards(conn, 1)
        clock = Clock(START)
        session = StudySession(conn, StudyConfig(timezone="UTC"), clock=clock)
        pristine = card_row(conn, card)
        for rating in ratings:
            session.answer(card, rating)
            clock.advance(days=3)
        for _ in ratings:
            assert session.undo() == card
        assert card_row(conn, card) == pristine
        assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == 0
        conn.close()
