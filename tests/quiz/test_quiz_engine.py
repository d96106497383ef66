"""The quiz engine on a real progress file: pools, saving as it happens, scoring, history."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.library import load_library
from quizapp.quiz.builder import (
    BlockSpec,
    Mode,
    Pool,
    QuizBuildError,
    build_block,
    candidates,
    topics_of,
)
from quizapp.quiz.scoring import history, score_block, unfinished
from quizapp.quiz.session import BlockClosedError, BlockSession, load_block
from quizapp.store.connection import open_store
from quizapp.store.quiz import quiz_topic_stats
from tests.support.clock import Clock
from tests.support.decks import deck_folder
from tests.support.paths import SMALL_DECK
from tests.support.quiz_library import START, questions, sync


def build(conn, library, **spec) -> int:
    spec.setdefault("seed", 7)
    return build_block(conn, library, BlockSpec(**spec), START)


def take(conn, block_id, clock, answers, *, submit=True):
    """Answer positions with labels ('key', 'wrong' or a label), 10 s each; submit."""
    session = BlockSession(conn, block_id, clock)
    session.start()
    for position, what in answers.items():
        session.go(position)
        key = session.current.item.key
        label = key if what == "key" else ("A" if key != "A" else "B") if what == "wrong" else what
        clock.advance(10)
        session.answer(label)
    if submit:
        session.submit()
    return session


def test_build_draws_quiz_items_only_and_renders_vignettes_once(conn, library):
    every = len(questions(library))
    block_id = build(conn, library, pool=Pool.ALL, size=every + 10)
    block = load_block(conn, block_id)
    kinds = {state.item.kind for state in block.items}
    assert kinds == {"mcq", "vignette"}  # never a card of another kind
    # every question, except one that repeats a drawn one's fact, stem or answer (student
    # trials 3 and 4)
    cards = {c.id: c for c in questions(library)}
    drawn = [cards[state.item.card_id] for state in block.items]
    siblings = [c.sibling_key for c in drawn]
    stems = [c.prompt for c in drawn]
    answers = [(c.category, c.answer) for c in drawn]
    assert len(set(siblings)) == len(drawn) == len(set(stems)) == len(set(answers))
    for card in cards.values():
        assert (
            card in drawn
            or card.sibling_key in siblings
            or card.prompt in stems
            or (card.category, card.answer) in answers
        )
    assert len(drawn) <= len({c.sibling_key for c in cards.values()}) < every
    for state in block.items:
        if state.item.kind == "vignette":
            assert state.item.seed is not None
            shown = library.render(state.item.card_id, state.item.seed)
            assert state.item.prompt == shown.prompt  # the case rendered with its seed is stored
    again = load_block(conn, build(conn, library, pool=Pool.ALL, size=every + 10))
    assert [s.item for s in again.items] == [s.item for s in block.items]  # same seed, same block


def test_build_by_deck_topic_and_size(conn, library):
    block = load_block(
        conn, build(conn, library, topics=(("small", "tx"),), size=5, decks=("small",))
    )
    assert len(block.items) == 5
    assert {s.item.topic for s in block.items} == {"tx"}
    small = load_block(
        conn, build(conn, library, topics=(("small", "tx"),), size=200, pool=Pool.ALL)
    )
    # asked for more than the pool holds: the whole pool
    assert {s.item.card_id for s in small.items} == {c.id for c in questions(library, "tx")}
    with pytest.raises(QuizBuildError, match="no questions"):
        build(conn, library, decks=("nope",))
    with pytest.raises(QuizBuildError, match="1 to"):
        build(conn, library, size=0)


def test_pools_unused_incorrect_flagged_all(conn, library, clock):
    every = len(questions(library))
    assert len(candidates(conn, library, BlockSpec(pool=Pool.ALL))) == every
    first = build(conn, library, size=4)
    session = take(conn, first, clock, {0: "key", 1: "wrong"}, submit=False)
    session.go(2)
    session.toggle_flag()
    # before submit: used, but neither incorrect nor (unsubmitted) scored
    unused = {c.id for c in candidates(conn, library, BlockSpec(pool=Pool.UNUSED))}
    used = {s.item.card_id for s in load_block(conn, first).items}
    assert len(unused) == every - 4 and not unused & used
    assert candidates(conn, library, BlockSpec(pool=Pool.INCORRECT)) == []
    session.submit()
    ids = [s.item.card_id for s in session.block.items]
    wrong = {c.id for c in candidates(conn, library, BlockSpec(pool=Pool.INCORRECT))}
    assert wrong == {ids[1], ids[2], ids[3]}  # wrong, and the two omitted
    flagged = {c.id for c in candidates(conn, library, BlockSpec(pool=Pool.FLAGGED))}
    assert flagged == {ids[2]}
    # a later block answering it right takes it out of the incorrect pool
    retry = build(conn, library, pool=Pool.INCORRECT, size=10)
    retaken = load_block(conn, retry)
    assert {s.item.card_id for s in retaken.items} == wrong
    take(conn, retry, clock, {i: "key" for i in range(3)})
    assert candidates(conn, library, BlockSpec(pool=Pool.INCORRECT)) == []
    assert candidates(conn, library, BlockSpec(pool=Pool.FLAGGED)) == []  # unmarked in latest


def test_every_change_is_committed_at_once(conn, db_path, library, clock):
    block_id = build(conn, library, size=5, mode=Mode.TIMED)
    session = BlockSession(conn, block_id, clock)
    session.start()
    clock.advance(12)
    session.answer("C")
    session.toggle_strike("A")
    session.toggle_flag()
    clock.advance(3)
    session.go(3)
    clock.advance(4)
    session.save_time()
    other = open_store(db_path)  # another connection sees it all without any close or commit
    try:
        saved = load_block(other, block_id)
    finally:
        other.close()
    assert saved.position == 3
    assert saved.items[0].chosen == "C"
    assert saved.items[0].struck == frozenset("A")
    assert saved.items[0].flagged
    assert saved.items[0].seconds == pytest.approx(15)
    assert saved.items[3].seconds == pytest.approx(4)
    assert saved.time_limit_s == 5 * 90


def test_strike_and_choose_interact(conn, library, clock):
    session = BlockSession(conn, build(conn, library, size=2, mode=Mode.TIMED), clock)
    assert session.toggle_strike("B")
    assert session.answer("B")  # choosing a struck option restores it
    assert session.current.struck == frozenset()
    assert not session.toggle_strike("B")  # the chosen option cannot be struck
    assert session.answer("D")  # timed: the answer can change until submit


def test_tutor_answer_is_final_and_submitted_block_is_closed(conn, library, clock):
    session = BlockSession(conn, build(conn, library, size=2, mode=Mode.TUTOR), clock)
    assert session.answer("A")
    assert session.locked()
    assert not session.answer("B")
    assert session.current.chosen == "A"
    session.submit()
    with pytest.raises(BlockClosedError):
        session.toggle_flag()
    with pytest.raises(ValueError):
        session.answer("Z")


def test_timer_counts_down_and_survives_reopening(conn, library, clock):
    block_id = build(conn, library, size=2, mode=Mode.TIMED)
    session = BlockSession(conn, block_id, clock)
    session.start()
    clock.advance(100)
    assert session.remaining_seconds() == pytest.approx(80)  # unsaved seconds count too
    session.pause()
    clock.advance(1000)  # paused: the clock does not run
    resumed = BlockSession(conn, block_id, clock)
    assert resumed.remaining_seconds() == pytest.approx(80)
    resumed.start()
    clock.advance(85)
    assert resumed.time_is_up()


def test_score_per_topic_and_time_per_question(conn, library, clock):
    block_id = build(conn, library, size=6, topics=(("small", "dx"), ("small", "tx")))
    session = take(conn, block_id, clock, {0: "key", 1: "key", 2: "wrong", 3: "key"})
    score = score_block(session.block)
    assert (score.correct, score.total, score.answered) == (3, 6, 4)
    assert score.share == pytest.approx(0.5)
    assert score.seconds[:4] == (10, 10, 10, 10) and score.seconds[4:] == (0, 0)
    topics = {t.topic: (t.correct, t.total) for t in score.topics}
    assert sum(n for _, n in topics.values()) == 6 and set(topics) <= {"dx", "tx"}
    expected: dict[str, list[int]] = {}
    for i, state in enumerate(session.block.items):
        tally = expected.setdefault(state.item.topic, [0, 0])
        tally[0] += i in (0, 1, 3)
        tally[1] += 1
    assert topics == {t: tuple(v) for t, v in expected.items()}
    # the stored correct column agrees with scoring (omitted = wrong)
    stored = conn.execute(
        "SELECT correct FROM quiz_items WHERE block_id = ? ORDER BY position", (block_id,)
    ).fetchall()
    assert [row[0] for row in stored] == [1, 1, 0, 1, 0, 0]


def test_two_decks_with_one_topic_id_stay_apart(conn, clock, tmp_path):
    """Topic ids are per deck: `tx` of deck small and of deck other (the same deck under
    another id) are two topics in the builder, in a block's score and in the quiz
    statistics."""
    folder = deck_folder(tmp_path, SMALL_DECK)
    text = SMALL_DECK.read_text(encoding="utf-8")
    (folder / "other.yaml").write_text(text.replace("id: small,", "id: other,"), "utf-8")
    library = load_library(folder)
    assert sorted(library.decks) == ["other", "small"]
    sync(conn, library)
    assert {("small", "tx"), ("other", "tx")} <= set(topics_of(library))
    block_id = build(conn, library, size=50, pool=Pool.ALL, topics=(("other", "tx"),))
    session = take(conn, block_id, clock, {0: "key"})
    assert {(s.item.deck, s.item.topic) for s in session.block.items} == {("other", "tx")}
    both = build(conn, library, size=50, pool=Pool.ALL, topics=(("small", "tx"), ("other", "tx")))
    pool = len(questions(library, "tx"))
    session = take(conn, both, clock, dict.fromkeys(range(pool), "key"))  # the whole pool
    assert len(session.block.items) == pool
    scored = {(t.deck, t.topic) for t in score_block(session.block).topics}
    assert scored == {("small", "tx"), ("other", "tx")}
    stats = {(s.deck, s.topic): s for s in quiz_topic_stats(conn)}
    assert stats[("other", "tx")].answered > stats[("small", "tx")].answered > 0


def test_history_and_unfinished(conn, library, clock):
    done = build(conn, library, size=3)
    take(conn, done, clock, {0: "key", 1: "wrong"})
    open_block = build(conn, library, size=2, mode=Mode.TIMED)
    take(conn, open_block, clock, {0: "key"}, submit=False)
    rows = history(conn)
    assert [r.id for r in rows] == [open_block, done]
    assert (rows[1].total, rows[1].answered, rows[1].correct) == (3, 2, 1)
    assert rows[1].submitted and not rows[0].submitted
    assert rows[1].seconds == pytest.approx(20)
    assert [r.id for r in unfinished(conn)] == [open_block]


def test_quiz_answers_feed_topic_stats(conn, library, clock):
    block_id = build(conn, library, size=6, pool=Pool.ALL)
    session = take(conn, block_id, clock, {0: "key", 1: "wrong", 2: "key"})
    stats = {s.topic: s for s in quiz_topic_stats(conn)}
    assert sum(s.answered for s in stats.values()) == 3  # omissions are not answers
    assert sum(s.correct for s in stats.values()) == 2
    first = session.block.items[0].item.topic
    assert stats[first].accuracy is not None
    assert quiz_topic_stats(conn, deck_id="other") == []


def test_unknown_block_and_retired_cards(conn, library):
    with pytest.raises(KeyError):
        load_block(conn, 999)
    conn.execute("UPDATE cards SET retired = 1 WHERE topic = 'tx'")
    drawn = candidates(conn, library, BlockSpec(pool=Pool.ALL))
    assert drawn and all(c.topic != "tx" for c in drawn)


def test_stored_items_do_not_follow_later_deck_changes(conn, library, clock):
    """The review shows exactly what was answered, even after the deck was reworded."""
    block_id = build(conn, library, pool=Pool.ALL, size=36)
    before = [s.item for s in load_block(conn, block_id).items]
    for card_id, card in list(library.cards.items()):
        library.cards[card_id] = replace(card, prompt="reworded", options=card.options[::-1])
    assert [s.item for s in load_block(conn, block_id).items] == before


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.sampled_from("ABCDE")),
        st.tuples(st.just("strike"), st.sampled_from("ABCDE")),
        st.tuples(st.just("flag"), st.just("")),
        st.tuples(st.just("go"), st.integers(-1, 6)),
        st.tuples(st.just("wait"), st.integers(0, 120)),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS, timed=st.booleans())
def test_what_the_session_holds_is_always_what_is_saved(conn, library, ops, timed):
    """After any sequence of changes, reading the block back gives the session's block."""
    clock = Clock(START)
    mode = Mode.TIMED if timed else Mode.TUTOR
    session = BlockSession(conn, build(conn, library, size=5, mode=mode, pool=Pool.ALL), clock)
    session.start()
    for name, arg in ops:
        if name == "answer":
            session.answer(arg)
        elif name == "strike":
            session.toggle_strike(arg)
        elif name == "flag":
            session.toggle_flag()
        elif name == "go":
            session.go(arg)
        else:
            clock.advance(arg)
        saved = load_block(conn, session.block.id)
        assert replace(saved, items=()) == replace(session.block, items=())
        for mine, stored in zip(session.block.items, saved.items, strict=True):
            assert replace(mine, seconds=0) == replace(stored, seconds=0)
            assert mine.seconds == pytest.approx(stored.seconds)
            assert mine.chosen not in mine.struck
    session.pause()
    total = sum(arg for name, arg in ops if name == "wait")
    assert load_block(conn, session.block.id).seconds == pytest.approx(total)
