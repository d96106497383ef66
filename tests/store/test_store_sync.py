"""Deck sync: insert, update, retire, unretire; progress and history survive."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from quizapp.store.sync import CardRecord, DeckInfo, spread_by_kind, sync_deck

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
DECK = DeckInfo("iim", "Idiopathic inflammatory myopathies", "1")


def records(n: int, deck: str = "iim") -> list[CardRecord]:
    return [
        CardRecord(f"{deck}:basic:{i}", deck, "basic", f"topic{i % 3}", f"h{i}", f"ent{i // 2}")
        for i in range(n)
    ]


def row(conn, card_id: str) -> tuple:
    return conn.execute(
        "SELECT content_hash, retired, state, due, fsrs FROM cards WHERE card_id = ?", (card_id,)
    ).fetchone()


def test_first_sync_adds_everything(conn):
    result = sync_deck(conn, DECK, records(5), NOW)
    assert (result.added, result.updated, result.retired, result.unretired) == (5, 0, 0, 0)
    assert conn.execute("SELECT title, version FROM decks").fetchone() == (DECK.title, "1")


def test_resync_of_the_same_cards_changes_nothing(conn):
    sync_deck(conn, DECK, records(5), NOW)
    result = sync_deck(conn, DECK, records(5), NOW)
    assert (result.added, result.updated, result.retired, result.unretired) == (0, 0, 0, 0)


def test_changed_content_keeps_scheduling_and_removed_cards_are_retired(conn):
    sync_deck(conn, DECK, records(5), NOW)
    conn.execute("UPDATE cards SET state = 2, due = 123, fsrs = '{}' WHERE card_id = 'iim:basic:0'")
    conn.execute(
        "INSERT INTO review_log(card, reviewed_at, day, rating, state_before, state_after, "
        "card_before, card_after, undo) SELECT id, 1, 1, 3, 0, 1, '{}', '{}', '{}' FROM cards "
        "WHERE card_id = 'iim:basic:4'"
    )
    changed = [replace(records(5)[0], content_hash="reworded"), *records(5)[1:4]]
    result = sync_deck(conn, replace(DECK, version="2"), changed, NOW)
    assert (result.added, result.updated, result.retired, result.unretired) == (0, 1, 1, 0)
    assert row(conn, "iim:basic:0") == ("reworded", 0, 2, 123, "{}")
    assert row(conn, "iim:basic:4")[1] == 1
    assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == 1


def test_a_card_that_returns_is_unretired(conn):
    sync_deck(conn, DECK, records(3), NOW)
    sync_deck(conn, DECK, records(2), NOW)
    result = sync_deck(conn, DECK, records(3), NOW)
    assert (result.added, result.updated, result.retired, result.unretired) == (0, 0, 0, 1)
    assert row(conn, "iim:basic:2")[1] == 0


def test_a_card_moved_to_another_deck_keeps_its_row(conn):
    sync_deck(conn, DECK, records(2), NOW)
    other = DeckInfo("ctd", "Connective tissue", "1")
    moved = [replace(records(2)[1], deck_id="ctd")]
    result = sync_deck(conn, other, moved, NOW)
    assert (result.added, result.updated) == (0, 1)
    assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 2


def test_duplicate_ids_are_refused_before_anything_is_written(conn):
    with pytest.raises(ValueError, match="duplicate"):
        sync_deck(conn, DECK, [*records(2), records(2)[0]], NOW)
    assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 0


kinds_lists = st.lists(st.sampled_from("abcdefg"), max_size=300)


@given(kinds_lists)
@example(list("a" * 40 + "b" * 12 + "c" * 3))  # the shape of a deck: many facts, few cases
def test_new_cards_spread_each_kind_evenly_and_keep_its_order(kinds: list[str]) -> None:
    kinds = sorted(kinds)  # as generated: one kind after another
    rows = list(enumerate(kinds))
    spread = spread_by_kind(rows, key=lambda row: row[1])
    assert sorted(spread) == rows
    for kind in set(kinds):
        assert [r for r in spread if r[1] == kind] == [r for r in rows if r[1] == kind]
    # every prefix holds each kind in about its share
    total, groups = len(kinds), {kind: kinds.count(kind) for kind in set(kinds)}
    seen: dict[str, int] = dict.fromkeys(groups, 0)
    for n, (_, kind) in enumerate(spread, start=1):
        seen[kind] += 1
        for other, count in groups.items():
            assert abs(seen[other] - n * count / total) <= 1 + len(groups) / 2


def test_a_new_learner_meets_a_case_vignette_among_the_first_new_cards(tmp_path) -> None:
    """Generation lists vignettes last; the queue must not (student trial 3: 20 new cards a
    day and no case in sight)."""
    from tests.support.app import build_context
    from tests.support.decks import IIM_ONLY

    conn = build_context(tmp_path, IIM_ONLY).conn
    kinds = [k for (k,) in conn.execute("SELECT kind FROM cards WHERE state = 0 ORDER BY due")]
    assert "vignette" in kinds[:20] and "mcq" in kinds[:20]
    assert kinds.index("vignette") < len(kinds) // 10
