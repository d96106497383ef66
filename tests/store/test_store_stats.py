"""Statistics in SQL, checked against a small file whose answers we wrote by hand."""

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.store.connection import open_store
from quizapp.store.stats import DAY_US, collect_stats
from quizapp.store.sync import CardRecord, DeckInfo, sync_deck
from quizapp.store.timeutil import to_micros
from tests.support.old_files import downgrade_to_before_aggregates, downgrade_to_before_cache

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
TODAY = NOW.date().toordinal()
START = to_micros(datetime(2026, 11, 25, 4, tzinfo=UTC))
END = START + DAY_US


@pytest.fixture
def filled(conn):
    """Cards a-e in two topics and decks; answers on days 0, -1, -2 and -5."""
    cards = [
        CardRecord("a", "iim", "basic", "antibodies", "h", "a"),
        CardRecord("b", "iim", "basic", "antibodies", "h", "b"),
        CardRecord("c", "iim", "basic", "biopsy", "h", "c"),
        CardRecord("d", "iim", "basic", "biopsy", "h", "d"),
    ]
    sync_deck(conn, DeckInfo("iim", "IIM", "1"), cards, NOW)
    sync_deck(
        conn, DeckInfo("ctd", "CTD", "1"), [CardRecord("e", "ctd", "x", "sle", "h", "e")], NOW
    )

    def schedule(card, state, due_days, interval_days):
        due = START + int(due_days * DAY_US)
        conn.execute(
            "UPDATE cards SET state = ?, due = ?, last_review = ? WHERE card_id = ?",
            (state, due, due - int(interval_days * DAY_US), card),
        )

    schedule("a", 2, 0.5, 30)  # mature, due today
    schedule("b", 2, 3.2, 5)  # young, due in 3 days
    schedule("c", 1, 0.01, 0.01)  # learning, due today
    schedule("e", 2, -2, 40)  # mature, overdue (other deck)
    answers = [  # card, day offset, rating, state before, duration
        ("a", 0, 3, 2, 4000),
        ("a", 0, 1, 2, 6000),
        ("b", 0, 3, 0, 1000),
        ("b", -1, 4, 2, 1000),
        ("c", -2, 3, 0, 1000),
        ("e", -5, 1, 2, 1000),
        ("e", -20, 3, 2, 1000),
    ]
    for card, offset, rating, state_before, duration in answers:
        conn.execute(
            "INSERT INTO review_log(card, reviewed_at, day, rating, duration_ms, state_before, "
            "state_after, card_before, card_after, undo) SELECT id, ?, ?, ?, ?, ?, 2, '{}', "
            "'{}', '{}' FROM cards WHERE card_id = ?",
            (START + offset * DAY_US, TODAY + offset, rating, duration, state_before, card),
        )
    return conn


def stats(conn, deck=None, day=TODAY):
    return collect_stats(conn, day=day, day_start_us=START, day_end_us=END, deck_id=deck)


def test_whole_file(filled):
    result = stats(filled)
    assert result.due_today == 3  # a, c, and overdue e
    assert result.due_forecast[0] == 3 and result.due_forecast[3] == 1
    assert sum(result.due_forecast) == 4
    assert (result.reviewed_today, result.seconds_today) == (3, 11.0)
    assert result.streak_days == 3  # today, yesterday, the day before; not day -5
    assert result.retention == {"1d": 0.5, "7d": pytest.approx(2 / 4), "30d": pytest.approx(3 / 5)}
    assert (result.new, result.learning, result.young, result.mature) == (1, 1, 1, 2)
    topics = {t.topic: t for t in result.topics}
    assert topics["antibodies"].answers == 4 and topics["antibodies"].accuracy == 0.75
    assert topics["antibodies"].mastery == 0.5  # a is mature, b is young
    assert topics["biopsy"].accuracy == 1.0 and topics["biopsy"].mastery == 0.0


def test_one_deck(filled):
    result = stats(filled, deck="ctd")
    assert (result.due_today, result.reviewed_today, result.mature, result.new) == (1, 0, 1, 0)
    assert result.retention["1d"] is None and result.retention["7d"] == 0.0
    assert [t.topic for t in result.topics] == ["sle"]


def test_streak_counts_up_to_yesterday_before_todays_first_answer(filled):
    filled.execute("DELETE FROM review_log WHERE day = ?", (TODAY,))
    assert stats(filled).streak_days == 2
    filled.execute("DELETE FROM review_log WHERE day = ?", (TODAY - 1,))
    assert stats(filled).streak_days == 0


def test_retired_cards_leave_counts_but_keep_history(filled):
    sync_deck(filled, DeckInfo("ctd", "CTD", "2"), [], NOW)
    result = stats(filled)
    assert result.retired == 1 and result.mature == 1
    assert result.retention["30d"] == pytest.approx(3 / 5)  # e's answers still count


def test_quiz_tables_take_a_block_and_cascade(conn, filled):
    conn.execute(
        "INSERT INTO quiz_blocks(id, title, mode, time_limit_s, created_at) "
        "VALUES (1, 'myositis antibodies', 'timed', 1800, 0)"
    )
    conn.execute(
        "INSERT INTO quiz_items(block_id, position, card_id, item_json, chosen, struck, "
        "flagged, seconds, correct) VALUES (1, 0, 'a', ?, 'B', ?, 1, 42.5, 0)",
        ('{"seed": 7}', '["C"]'),
    )
    conn.execute("DELETE FROM quiz_blocks WHERE id = 1")
    assert conn.execute("SELECT count(*) FROM quiz_items").fetchone() == (0,)
    with pytest.raises(Exception, match="CHECK"):
        conn.execute("INSERT INTO quiz_blocks(mode, created_at) VALUES ('exam', 0)")


CARD_STATES = st.tuples(
    st.sampled_from([0, 1, 2, 3]),  # state
    st.integers(1, 60),  # interval in days (young below 21, mature from 21)
    st.booleans(),  # suspended
    st.booleans(),  # retired
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(CARD_STATES, min_size=1, max_size=12))
def test_card_counts_partition_the_cards(conn, cards) -> None:
    """new + learning + young + mature + suspended + retired = every card, once each
    (a suspended new card was counted as new and as suspended)."""
    conn.execute("DELETE FROM cards")
    conn.execute("DELETE FROM decks")
    records = [CardRecord(f"c{i}", "iim", "basic", "t", "h", f"c{i}") for i in range(len(cards))]
    sync_deck(conn, DeckInfo("iim", "IIM", "1"), records, NOW)
    for i, (state, interval, suspended, retired) in enumerate(cards):
        conn.execute(
            "UPDATE cards SET state = ?, due = ?, last_review = ?, suspended = ?, retired = ? "
            "WHERE card_id = ?",
            (state, START + interval * DAY_US, START, suspended, retired, f"c{i}"),
        )
    result = stats(conn)
    parts = (result.new, result.learning, result.young, result.mature)
    assert sum(parts) + result.suspended + result.retired == len(cards)
    assert result.suspended == sum(s and not r for _, _, s, r in cards)
    assert result.new == sum(st_ == 0 and not s and not r for st_, _, s, r in cards)


TOPIC_DAYS_FROM_LOG = (
    "SELECT r.day, c.deck_id, c.topic, count(*), sum(r.rating > 1), sum(r.state_before = 0), "
    "sum(r.state_before = 2), sum(r.state_before = 2 AND r.rating > 1) FROM review_log r "
    "JOIN cards c ON c.id = r.card GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
)


def topic_days(conn):
    return conn.execute("SELECT * FROM topic_days ORDER BY 1, 2, 3").fetchall()


def test_topic_days_follow_every_answer_and_undo(filled):
    assert topic_days(filled) == filled.execute(TOPIC_DAYS_FROM_LOG).fetchall()
    for review_id in (1, 3, 6):  # undo: the answer is deleted from the log
        filled.execute("DELETE FROM review_log WHERE id = ?", (review_id,))
        assert topic_days(filled) == filled.execute(TOPIC_DAYS_FROM_LOG).fetchall()
    filled.execute("DELETE FROM review_log")
    assert topic_days(filled) == []


def test_topic_days_are_filled_when_an_older_file_is_upgraded(filled, tmp_path):
    expected = filled.execute(TOPIC_DAYS_FROM_LOG).fetchall()
    path = tmp_path / "old.sqlite3"
    filled.execute(f"VACUUM INTO '{path}'")
    old = open_store(path)
    downgrade_to_before_cache(old)
    old.close()
    upgraded = open_store(path)
    assert topic_days(upgraded) == expected
    assert stats(upgraded) == stats(filled)


TOPIC_CARDS = "SELECT * FROM topic_cards ORDER BY 1, 2, 3"


def test_a_schema_3_file_upgrades_with_every_review_and_exact_counts(filled, tmp_path):
    """Migration 4 builds the card counts and the wider topic_days from the file's own
    rows; every review stays, byte for byte, and the statistics are those of a new file."""
    filled.execute("UPDATE cards SET suspended = 1 WHERE card_id = 'd'")
    log = filled.execute("SELECT * FROM review_log ORDER BY id").fetchall()
    cards = filled.execute(TOPIC_CARDS).fetchall()
    path = tmp_path / "old.sqlite3"
    filled.execute(f"VACUUM INTO '{path}'")
    old = open_store(path)
    downgrade_to_before_aggregates(old)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 3
    old.close()
    upgraded = open_store(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == 4
    assert upgraded.execute("SELECT * FROM review_log ORDER BY id").fetchall() == log
    assert len(log) == 7
    assert upgraded.execute(TOPIC_CARDS).fetchall() == cards
    assert topic_days(upgraded) == filled.execute(TOPIC_DAYS_FROM_LOG).fetchall()
    assert stats(upgraded) == stats(filled)
    assert list(tmp_path.glob("old.sqlite3.v3-*.bak")), "a backup is kept before the upgrade"
