"""The session reuses what it read (the card shown, the day's answer counts) only while
nothing changed: any write, through another connection or this one, makes it read again."""

import tempfile
from pathlib import Path

from fsrs import Rating, State
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.srs.config import StudyConfig
from quizapp.srs.session import StudySession
from quizapp.store.cards import get_card, set_card_flag
from quizapp.store.connection import open_store
from quizapp.store.transaction import transaction
from tests.srs.srs_helpers import START, add_cards
from tests.support.clock import Clock

CONFIG = StudyConfig(timezone="UTC", new_per_day=4)


def test_an_answer_from_another_process_is_seen_by_the_next_answer(conn, db_path, clock):
    add_cards(conn, 3)
    mine = StudySession(conn, CONFIG, clock=clock)
    shown = mine.next_card()
    other_conn = open_store(db_path)
    try:
        StudySession(other_conn, CONFIG, clock=clock).answer(shown.card_id, Rating.Good)
    finally:
        other_conn.close()
    result = mine.answer(shown.card_id, Rating.Good)
    row = get_card(conn, shown.card_id)
    assert row.reps == 2  # both answers counted, not the shown row's reps + 1
    states = conn.execute(
        "SELECT state_before FROM review_log r JOIN cards c ON c.id = r.card "
        "WHERE c.card_id = ? ORDER BY r.id",
        (shown.card_id,),
    ).fetchall()
    assert states == [(0,), (int(State.Learning),)]
    assert result.state == State(row.state)


def test_a_flag_set_on_the_same_connection_survives_the_answer(conn, clock):
    add_cards(conn, 2)
    session = StudySession(conn, CONFIG, clock=clock)
    shown = session.next_card()
    with transaction(conn):
        set_card_flag(conn, shown.card_id, "flagged", 1)  # e.g. browse, not the session
    session.answer(shown.card_id, Rating.Good)
    assert get_card(conn, shown.card_id).flagged == 1


def test_daily_limits_count_answers_given_elsewhere_meanwhile(conn, db_path, clock):
    cards = add_cards(conn, 8)
    mine = StudySession(conn, CONFIG, clock=clock)
    mine.answer(mine.next_card().card_id, Rating.Easy)
    assert mine.counts().new == 3
    other_conn = open_store(db_path)
    try:
        other = StudySession(other_conn, CONFIG, clock=clock)
        for card_id in cards[4:7]:
            other.answer(card_id, Rating.Easy)
    finally:
        other_conn.close()
    assert mine.counts().new == 0
    assert mine.next_card() is None


action = st.one_of(
    st.tuples(st.just("answer"), st.sampled_from(list(Rating))),
    st.tuples(st.just("other answers"), st.sampled_from(list(Rating))),
    st.tuples(st.just("flag"), st.booleans()),
    st.tuples(st.just("bury"), st.none()),
    st.tuples(st.just("suspend"), st.booleans()),
    st.tuples(st.just("undo"), st.none()),
    st.tuples(st.just("wait"), st.integers(1, 60 * 30)),
)


# Two decks, one with its own limits: the session keeps each deck's answers of the day.
PER_DECK = (("b", "new_per_day", 2), ("b", "reviews_per_day", 2))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    actions=st.lists(action, min_size=1, max_size=30),
    per_deck=st.sampled_from([(), PER_DECK]),
    deck_ids=st.sampled_from([None, ("iim", "b"), ("b",)]),
)
def test_the_session_always_agrees_with_a_fresh_one(actions, per_deck, deck_ids):
    """After any mix of this session's and another process's writes, the long-lived session
    offers the same card and counts as one just created, and answers from the stored row."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.sqlite3"
        conn = open_store(path, synchronous="OFF")
        other_conn = open_store(path, synchronous="OFF")
        add_cards(conn, 6, per_sibling=2)
        add_cards(conn, 4, deck="b", per_sibling=2)
        clock = Clock(START)
        config = StudyConfig(timezone="UTC", new_per_day=3, reviews_per_day=5, per_deck=per_deck)

        def fresh() -> StudySession:
            return StudySession(conn, config, deck_ids=deck_ids, clock=clock)

        session = StudySession(conn, config, deck_ids=deck_ids, clock=clock)
        other = StudySession(other_conn, config, clock=clock)
        for kind, value in actions:
            entry = session.next_card()
            assert entry == fresh().next_card()
            assert session.counts() == fresh().counts()
            if kind == "wait":
                clock.advance(seconds=value)
            elif kind == "undo":
                session.undo()
            elif entry is None:
                continue
            elif kind == "answer":
                reps = get_card(conn, entry.card_id).reps
                session.answer(entry.card_id, value)
                assert get_card(conn, entry.card_id).reps == reps + 1
            elif kind == "other answers":
                other.answer(entry.card_id, value)
            elif kind == "flag":
                session.flag(entry.card_id, value)
            elif kind == "suspend":
                session.suspend(entry.card_id, value)
            else:
                session.bury(entry.card_id)
        conn.close()
        other_conn.close()


def test_a_deck_limit_reads_the_days_answers_once_then_counts_its_own(conn, clock):
    """With a deck's own limit, each card and count would otherwise ask the file for the
    day's answers per deck; the session reads them once and adds its own answers."""
    add_cards(conn, 6)
    add_cards(conn, 6, deck="b")
    config = StudyConfig(timezone="UTC", new_per_day=8, per_deck=(("b", "new_per_day", 3),))
    session = StudySession(conn, config, clock=clock)
    reads = []
    conn.set_trace_callback(
        lambda sql: reads.append(sql) if "topic_days" in sql or "FROM review_log" in sql else None
    )
    try:
        for _ in range(6):
            entry = session.next_card()
            session.answer(entry.card_id, Rating.Good)
            session.counts()
    finally:
        conn.set_trace_callback(None)
    assert len([sql for sql in reads if sql.lstrip().startswith("SELECT")]) == 1
    fresh = StudySession(conn, config, clock=clock)
    assert session.counts() == fresh.counts()
    answered_b = conn.execute(
        "SELECT count(*) FROM review_log r JOIN cards c ON c.id = r.card WHERE c.deck_id = 'b'"
    ).fetchone()[0]
    assert answered_b <= 3
