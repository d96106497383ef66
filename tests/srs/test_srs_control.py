"""Learner control on a real progress file: suspend/unsuspend, bury/unbury, reset, flag,
postpone and advance, seen through the study queue itself."""

from collections import Counter
from datetime import UTC, timedelta

import pytest
from fsrs import Card, Rating
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.srs.config import save_setting
from quizapp.srs.control import advance, apply_action, postpone
from quizapp.srs.days import study_day
from quizapp.srs.recompute import recompute_memory
from quizapp.srs.session import StudySession
from quizapp.store.cards import get_card
from quizapp.store.timeutil import from_micros
from tests.srs.srs_helpers import START, add_cards
from tests.support.clock import Clock


def queue(conn, clock) -> list[str]:
    """Every card the session would show now, in order (answering Easy to move on)."""
    session = StudySession(conn, clock=clock)
    shown = []
    while (entry := session.next_card()) is not None and len(shown) < 100:
        shown.append(entry.card_id)
        session.suspend(entry.card_id)  # out of the way without changing any schedule
    for card_id in shown:
        session.suspend(card_id, False)
    return shown


def setup(conn, n: int = 4) -> list[str]:
    save_setting(conn, "timezone", "UTC")
    save_setting(conn, "fuzz", False)
    return add_cards(conn, n)


def test_suspend_then_unsuspend_brings_a_card_back(conn, clock):
    ids = setup(conn)
    result = apply_action(conn, "suspend", ids[:2], clock())
    assert (result.changed, result.unchanged) == (2, 0)
    assert queue(conn, clock) == ids[2:]
    again = apply_action(conn, "suspend", ids[:3], clock())
    assert (again.changed, again.unchanged) == (1, 2)  # honest counts: two already were
    apply_action(conn, "unsuspend", ids, clock())
    assert queue(conn, clock) == ids


def test_unsuspending_a_leech_keeps_its_history_and_mark(conn, clock):
    ids = setup(conn, 1)
    save_setting(conn, "leech_threshold", 1)
    session = StudySession(conn, clock=clock)
    session.answer(ids[0], Rating.Good)
    clock.advance(days=1)
    session.answer(ids[0], Rating.Good)
    clock.advance(days=3)
    assert session.answer(ids[0], Rating.Again).suspended  # a leech, suspended
    apply_action(conn, "unsuspend", ids, clock())
    card = get_card(conn, ids[0])
    assert (card.suspended, card.leech, card.lapses, card.reps) == (0, 1, 1, 3)
    clock.advance(minutes=10)
    assert queue(conn, clock) == ids


def test_bury_hides_until_tomorrow_and_unbury_brings_it_back_today(conn, clock):
    ids = setup(conn)
    apply_action(conn, "bury", ids[1:3], clock())
    assert queue(conn, clock) == [ids[0], ids[3]]
    apply_action(conn, "unbury", [ids[1]], clock())
    assert queue(conn, clock) == [ids[0], ids[1], ids[3]]
    clock.advance(days=1)
    assert queue(conn, clock) == ids  # a buried card is back the next study day anyway


def test_flag_and_unflag(conn, clock):
    ids = setup(conn)
    apply_action(conn, "flag", ids[:2], clock())
    assert [get_card(conn, i).flagged for i in ids] == [1, 1, 0, 0]
    assert apply_action(conn, "unflag", ids, clock()).changed == 2


def test_an_unknown_card_id_changes_nothing(conn, clock):
    ids = setup(conn)
    with pytest.raises(KeyError, match="nope"):
        apply_action(conn, "suspend", [ids[0], "nope"], clock())
    assert get_card(conn, ids[0]).suspended == 0
    with pytest.raises(ValueError, match="unknown action"):
        apply_action(conn, "delete", ids, clock())


def test_reset_makes_a_new_card_at_its_place_and_memory_starts_again(conn, clock):
    ids = setup(conn, 3)
    session = StudySession(conn, clock=clock)
    for _ in range(3):
        session.answer(ids[1], Rating.Good)
        clock.advance(days=4)
    log_before = conn.execute("SELECT count(*) FROM review_log").fetchone()[0]
    assert apply_action(conn, "reset", ids, clock()).changed == 1  # the new ones already were
    card = get_card(conn, ids[1])
    assert (card.state, card.fsrs, card.stability, card.last_review) == (0, None, None, None)
    assert card.reps == 3  # counts stay, as with Anki's default
    assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == log_before
    assert queue(conn, clock) == ids  # new again, in its original place
    recompute_memory(conn)  # the old answers are history: the card stays new
    assert get_card(conn, ids[1]).fsrs is None
    StudySession(conn, clock=clock).answer(ids[1], Rating.Good)
    first_answer = get_card(conn, ids[1]).stability
    recompute_memory(conn)  # replays only the answer since the reset
    assert get_card(conn, ids[1]).stability == pytest.approx(first_answer)


def make_backlog(conn, clock, n: int, *, overdue_days: int = 10) -> list[str]:
    """`n` review cards, each answered once a different number of days ago: all overdue."""
    ids = setup(conn, n)
    save_setting(conn, "learning_steps_minutes", [])
    for i, card_id in enumerate(ids):
        clock.now = START - timedelta(days=overdue_days + 10 + i)
        StudySession(conn, clock=clock).answer(card_id, Rating.Good)
    clock.now = START
    return ids


def due_days(conn, ids, clock) -> list[int]:
    """Study days from today to each card's due day (0: due today or overdue)."""
    today = study_day(clock(), 4, UTC)
    return [max(0, study_day(from_micros(get_card(conn, i).due), 4, UTC) - today) for i in ids]


def test_postpone_spreads_a_backlog_evenly_keeping_the_weakest_today(conn, clock):
    ids = make_backlog(conn, clock, 12)
    assert len(queue(conn, clock)) == 12
    moved = postpone(conn, 4, clock())
    assert moved == 9
    offsets = due_days(conn, ids, clock)
    assert sorted(offsets) == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
    # answered longest ago (lowest recall now) stays today; the freshest waits longest
    assert offsets[-3:] == [0, 0, 0] and offsets[:3] == [3, 3, 3]
    assert len(queue(conn, clock)) == 3
    for card_id in ids:  # the fsrs card (the truth) has the same due date as the column
        row = get_card(conn, card_id)
        assert Card.from_json(row.fsrs).due == from_micros(row.due)
        assert row.stability is not None  # memory untouched


def test_advance_brings_the_lowest_recall_cards_of_later_days_into_today(conn, clock):
    ids = make_backlog(conn, clock, 6)
    postpone(conn, 3, clock())
    today_before = set(queue(conn, clock))
    assert advance(conn, 2, clock()) == 2
    now_due = set(queue(conn, clock))
    assert today_before < now_due and len(now_due) == len(today_before) + 2
    assert advance(conn, 100, clock()) == 2  # only what is left on later days
    assert set(queue(conn, clock)) == set(ids)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(n=st.integers(1, 30), days=st.integers(1, 10))
def test_postpone_never_puts_more_on_a_day_than_an_even_share(tmp_path_factory, n, days):
    from quizapp.store.connection import open_store

    conn = open_store(tmp_path_factory.mktemp("p") / "p.sqlite3", synchronous="OFF")
    clock = Clock(START)
    ids = make_backlog(conn, clock, n)
    postpone(conn, days, clock())
    offsets = due_days(conn, ids, clock)
    assert all(0 <= o < days for o in offsets)
    assert max(Counter(offsets).values()) <= -(-n // days)  # at most an even share a day
    conn.close()


def test_fitting_reads_only_the_answers_since_a_reset(conn, clock):
    from quizapp.store.memory import days_and_ratings_by_card

    ids = setup(conn, 2)
    session = StudySession(conn, clock=clock)
    for card_id in ids:
        session.answer(card_id, Rating.Good)
    clock.advance(days=2)
    apply_action(conn, "reset", [ids[0]], clock())
    clock.advance(minutes=1)
    StudySession(conn, clock=clock).answer(ids[0], Rating.Again)
    answers = {card: [r for _, _, r in rows] for card, rows in days_and_ratings_by_card(conn)}
    rowid = get_card(conn, ids[0]).id
    assert answers[rowid] == [1]  # the Good before the reset is history, not fitted
    assert answers[get_card(conn, ids[1]).id] == [3]
