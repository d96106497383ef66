"""Custom study on a real progress file: today's queue within a topic, kind or the flagged
cards (answers scheduled as usual), and cram, which never touches the schedule."""

from datetime import timedelta

from fsrs import Rating

from quizapp.srs.config import save_setting
from quizapp.srs.control import apply_action
from quizapp.srs.cram import AGAIN_GAP, CramSession
from quizapp.srs.session import StudySession
from quizapp.store.queue import StudyScope
from quizapp.store.sync import CardRecord, DeckInfo, sync_deck
from tests.srs.srs_helpers import START, add_cards


def drain(session, rating=Rating.Good, limit: int = 200) -> list[str]:
    shown = []
    while (entry := session.next_card()) is not None and len(shown) < limit:
        shown.append(entry.card_id)
        session.answer(entry.card_id, rating)
    return shown


def snapshot(conn) -> tuple:
    """Everything the schedule is made of: every card row and the size of the log."""
    cards = conn.execute("SELECT * FROM cards ORDER BY id").fetchall()
    return cards, conn.execute("SELECT count(*) FROM review_log").fetchone()[0]


def add_vignettes(conn, n: int) -> list[str]:
    records = [CardRecord(f"v:{i}", "v", "vignette", "topic1", f"h{i}", f"v{i}") for i in range(n)]
    sync_deck(conn, DeckInfo("v", "V", "1"), records, START)
    return [r.card_id for r in records]


def test_a_topic_scope_shows_only_that_topic_and_schedules_as_usual(conn, clock):
    ids = add_cards(conn, 9)  # topics topic0, topic1, topic2 in turn
    save_setting(conn, "timezone", "UTC")
    scope = StudyScope(topics=(("iim", "topic1"),))
    session = StudySession(conn, clock=clock, scope=scope)
    first = session.next_card()
    assert first.topic == "topic1" and session.counts().new == 3
    session.answer(first.card_id, Rating.Easy)
    clock.advance(minutes=30)
    assert set(drain(session)) == {ids[4], ids[7]}
    topics = conn.execute(
        "SELECT DISTINCT c.topic FROM review_log r JOIN cards c ON c.id = r.card"
    ).fetchall()
    assert topics == [("topic1",)]  # real answers, in that topic only


def test_kind_and_flagged_scopes(conn, clock):
    ids = add_cards(conn, 4)
    vignettes = add_vignettes(conn, 2)
    by_kind = StudySession(conn, clock=clock, scope=StudyScope(kinds=("vignette",)))
    assert by_kind.next_card().card_id == vignettes[0] and by_kind.counts().new == 2
    apply_action(conn, "flag", [ids[2], vignettes[1]], clock())
    flagged = StudySession(conn, clock=clock, scope=StudyScope(flagged=True))
    assert flagged.counts().new == 2 and flagged.next_card().card_id == ids[2]


def test_daily_limits_count_every_answer_of_the_deck(conn, clock):
    ids = add_cards(conn, 9)
    save_setting(conn, "new_per_day", 2)
    StudySession(conn, clock=clock).answer(ids[1], Rating.Easy)  # topic1
    StudySession(conn, clock=clock).answer(ids[0], Rating.Easy)  # topic0
    scoped = StudySession(conn, clock=clock, scope=StudyScope(topics=(("iim", "topic1"),)))
    assert scoped.next_card() is None and scoped.counts().new == 0


def test_cram_shows_cards_not_due_and_writes_nothing(conn, clock):
    ids = add_cards(conn, 4)
    study = StudySession(conn, clock=clock)
    study.answer(ids[0], Rating.Easy)  # a review card due days from now
    clock.advance(minutes=1)
    assert study.next_card().card_id == ids[1]  # ids[0] is not due today
    before = snapshot(conn)
    cram = CramSession(conn, clock=clock)
    assert cram.counts().review == 1 and cram.counts().new == 3
    assert cram.intervals(ids[0])[Rating.Good] == "done"
    shown = drain(cram)
    assert shown == ids  # the studied card first (soonest due), then new in order
    assert snapshot(conn) == before


def test_cram_again_comes_back_after_a_few_cards_and_undo_puts_it_back(conn, clock):
    ids = add_cards(conn, 6)
    cram = CramSession(conn, clock=clock, scope=StudyScope(topics=(("iim", "topic0"),)))
    first = cram.next_card().card_id
    cram.answer(first, Rating.Again)
    assert cram.queue.index(first) == min(AGAIN_GAP, len(cram.queue) - 1)
    assert cram.undo() == first and cram.queue[0] == first
    cram.answer(first, Rating.Again)
    shown = drain(cram)
    assert shown == [ids[3], first]
    assert cram.undo() == first and cram.next_card().card_id == first
    assert conn.execute("SELECT count(*) FROM review_log").fetchone() == (0,)


def test_cram_skips_cards_buried_or_suspended_meanwhile(conn, clock):
    ids = add_cards(conn, 3)
    save_setting(conn, "timezone", "UTC")
    cram = CramSession(conn, clock=clock)
    cram.bury(ids[0])
    cram.suspend(ids[1])
    assert cram.next_card().card_id == ids[2]
    assert cram.counts().new == 1  # the other two left this session's queue
    assert cram.answer(ids[2], Rating.Good).interval == timedelta(0)
    assert cram.next_card() is None


def test_cram_undo_takes_back_a_bury_before_the_answer_before_it(conn, clock):
    ids = add_cards(conn, 4)
    save_setting(conn, "timezone", "UTC")
    cram = CramSession(conn, clock=clock)
    first = cram.next_card().card_id
    cram.answer(first, Rating.Good)
    second = cram.next_card().card_id
    cram.bury(second)
    assert cram.next_card().card_id not in (first, second)
    assert cram.next_undo == "bury" and cram.undo() == second
    assert conn.execute("SELECT buried_day FROM cards WHERE card_id = ?", (second,)).fetchone() == (
        0,
    )
    assert cram.next_card().card_id == second  # back in the session, ready to answer
    cram.answer(second, Rating.Good)
    assert cram.undo() == second and cram.undo() == first and cram.undo() is None
    assert sorted(cram.queue) == sorted(ids)
