"""Missed quiz questions come back: a wrong choice in a submitted block records Again on the
card it came from, through the study session's own path, once, in the submit transaction."""

import sqlite3
from datetime import timedelta

import pytest
from fsrs import Rating, State

from quizapp.quiz.builder import BlockSpec, Pool, build_block
from quizapp.quiz.session import BlockSession, load_block
from quizapp.srs.config import save_setting
from quizapp.srs.session import StudySession
from quizapp.store.cards import get_card
from quizapp.store.connection import open_store
from quizapp.store.quiz import returned_misses
from quizapp.store.timeutil import to_micros
from tests.support.quiz_library import START, small_library, sync


def reviews(conn, card_id: str | None = None) -> list[tuple]:
    """(card id, rating, reviewed_at, duration_ms, vignette_seed) per logged answer."""
    rows = conn.execute(
        "SELECT c.card_id, r.rating, r.reviewed_at, r.duration_ms, r.vignette_seed "
        "FROM review_log r JOIN cards c ON c.id = r.card ORDER BY r.id"
    ).fetchall()
    return [row for row in rows if card_id is None or row[0] == card_id]


def open_block(conn, clock, size: int = 6, seed: int = 3) -> BlockSession:
    block_id = build_block(conn, small_library(), BlockSpec(size=size, seed=seed), START)
    session = BlockSession(conn, block_id, clock)
    session.start()
    return session


def answer(session: BlockSession, clock, plan: str) -> None:
    """One letter per position: r right, w wrong, - omitted; 30 s on each."""
    for position, what in enumerate(plan):
        session.go(position)
        clock.advance(30)
        key = session.current.item.key
        if what == "r":
            session.answer(key)
        elif what == "w":
            session.answer("A" if key != "A" else "B")


def test_a_wrong_answer_becomes_a_learning_card_due_in_study(conn, clock):
    save_setting(conn, "timezone", "UTC")
    session = open_block(conn, clock)
    answer(session, clock, "wr-wrr")
    items = session.block.items
    before = {s.item.card_id: get_card(conn, s.item.card_id) for s in items}
    clock.advance(5)
    session.submit()
    at = to_micros(session.block.submitted_at)
    missed = [items[0], items[3]]
    assert sorted(r[0] for r in reviews(conn)) == sorted(s.item.card_id for s in missed)
    for state in missed:
        [(_, rating, reviewed_at, duration, seed)] = reviews(conn, state.item.card_id)
        assert (rating, reviewed_at, duration, seed) == (1, at, 30_000, state.item.seed)
        card = get_card(conn, state.item.card_id)
        assert card.state == State.Learning and card.reps == 1
    for state in (items[1], items[2], items[4], items[5]):  # right or omitted: untouched
        assert get_card(conn, state.item.card_id) == before[state.item.card_id]
    assert returned_misses(conn, session.block.id) == (2, 0)

    clock.advance(60)  # Again's first step is 1 minute: the misses are the next cards
    study = StudySession(conn, clock=clock)
    shown = {study.next_card().card_id}
    study.answer(next(iter(shown)), Rating.Good)
    shown.add(study.next_card().card_id)
    assert shown == {s.item.card_id for s in missed}


def test_a_missed_card_buried_today_comes_back_today(conn, clock):
    """Student trial 4: a sibling's answer had buried the card; the results said it was
    added to the reviews, yet it stayed hidden until tomorrow (and home and statistics
    disagreed by it)."""
    save_setting(conn, "timezone", "UTC")
    session = open_block(conn, clock)
    missed = session.block.items[0].item.card_id
    StudySession(conn, clock=clock).bury(missed, undoable=False)
    assert get_card(conn, missed).buried_day > 0
    answer(session, clock, "wrrrrr")
    session.submit()
    assert get_card(conn, missed).buried_day == 0
    clock.advance(60)
    assert StudySession(conn, clock=clock).next_card().card_id == missed


def test_a_miss_on_a_review_card_is_the_same_lapse_as_again_in_study(tmp_path, clock):
    """Two files, one history: Again from a quiz and Again from study store the same card."""
    stored = []
    for name, via_quiz in (("study", False), ("quiz", True)):
        conn = open_store(tmp_path / f"{name}.sqlite3", synchronous="NORMAL")
        sync(conn, small_library())
        save_setting(conn, "timezone", "UTC")
        save_setting(conn, "fuzz", False)
        clock.now = START
        session = open_block(conn, clock, size=1)
        card_id = session.current.item.card_id
        study = StudySession(conn, clock=clock)
        for _ in range(3):  # learn it, then a review 3 days on: a review card
            study.answer(card_id, Rating.Good)
            clock.advance(3 * 86400)
        assert get_card(conn, card_id).state == State.Review
        if via_quiz:
            answer(session, clock, "w")
            session.submit(START + timedelta(days=9, seconds=30))
        else:
            clock.now = START + timedelta(days=9, seconds=30)
            study.answer(card_id, Rating.Again, duration_ms=30_000)
        card = get_card(conn, card_id)
        stored.append((card.state, card.lapses, card.due, card.stability, card.difficulty))
        conn.close()
    assert stored[0] == stored[1]
    assert stored[1][:2] == (State.Relearning, 1)


def test_submitting_or_reopening_twice_adds_nothing_more(conn, clock):
    session = open_block(conn, clock)
    answer(session, clock, "wwrrrr")
    session.submit()
    first = reviews(conn)
    session.submit()
    BlockSession(conn, session.block.id, clock).submit()  # the block re-opened
    assert reviews(conn) == first and len(first) == 2
    assert returned_misses(conn, session.block.id) == (2, 0)


def test_two_processes_submitting_the_same_open_block_add_the_misses_once(conn, db_path, clock):
    session = open_block(conn, clock)
    answer(session, clock, "wwwrrr")
    other = open_store(db_path, synchronous="NORMAL")
    elsewhere = BlockSession(other, session.block.id, clock)  # opened before either submits
    session.submit()
    elsewhere.submit()
    assert len(reviews(conn)) == 3
    other.close()


def test_a_failed_submit_leaves_the_block_open_and_no_review(conn, clock):
    session = open_block(conn, clock)
    answer(session, clock, "wwrrrr")
    conn.execute(  # the second review cannot be written (as a full disk would refuse it)
        "CREATE TEMP TRIGGER fail BEFORE INSERT ON review_log "
        "WHEN (SELECT count(*) FROM review_log) >= 1 "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        session.submit()
    assert reviews(conn) == [] and not load_block(conn, session.block.id).submitted
    assert not session.block.submitted
    conn.execute("DROP TRIGGER fail")
    session.submit()
    assert len(reviews(conn)) == 2 and load_block(conn, session.block.id).submitted


def test_retired_cards_and_repeated_cards_count_once_or_not_at_all(conn, clock):
    session = open_block(conn, clock, size=3)
    first, second, third = (s.item.card_id for s in session.block.items)
    conn.execute(
        "UPDATE quiz_items SET card_id = ?1, item_json = json_set(item_json, '$.card_id', ?1) "
        "WHERE position = 2",
        (first,),
    )
    session = BlockSession(conn, session.block.id, clock)  # now asks `first` twice
    conn.execute("UPDATE cards SET retired = 1 WHERE card_id = ?", (second,))
    answer(session, clock, "www")
    session.submit()
    assert [r[0] for r in reviews(conn)] == [first]
    assert returned_misses(conn, session.block.id) == (1, 0)


def test_a_suspended_card_records_the_miss_and_stays_suspended(conn, clock):
    session = open_block(conn, clock, size=2)
    card_id = session.block.items[0].item.card_id
    conn.execute("UPDATE cards SET suspended = 1 WHERE card_id = ?", (card_id,))
    answer(session, clock, "ww")
    session.submit()
    assert get_card(conn, card_id).suspended == 1 and len(reviews(conn, card_id)) == 1
    assert returned_misses(conn, session.block.id) == (2, 1)


def test_blocks_submitted_before_the_feature_are_left_alone(conn, clock):
    """A file upgraded from schema 1 has submitted blocks with no review links: nothing is
    added for them later, by reopening or otherwise."""
    session = open_block(conn, clock, size=2)
    answer(session, clock, "ww")
    conn.execute("UPDATE quiz_blocks SET submitted_at = 1")  # as an older quizapp left it
    BlockSession(conn, session.block.id, clock).submit()
    assert reviews(conn) == [] and returned_misses(conn, session.block.id) == (0, 0)


def test_pool_of_incorrect_questions_still_follows_the_quiz_answers(conn, clock):
    session = open_block(conn, clock, size=4)
    answer(session, clock, "wrwr")
    session.submit()
    library = small_library()
    spec = BlockSpec(pool=Pool.INCORRECT, size=10, seed=4)
    block = load_block(conn, build_block(conn, library, spec, START))
    missed = {session.block.items[i].item.card_id for i in (0, 2)}
    assert {s.item.card_id for s in block.items} == missed
