"""The counts triggers keep (`topic_cards`, `topic_days`) equal a full recount of the cards
and the log after any sequence of what a learner and the app do to a file: answers, undo,
card actions, imported answers, re-syncs that move or retire cards, postpone and advance,
recomputed memory states."""

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.srs.config import StudyConfig
from quizapp.srs.control import ACTIONS, advance, apply_action, postpone
from quizapp.srs.history import Answer, add_answers
from quizapp.srs.recompute import change_memory_settings
from quizapp.srs.session import StudySession
from quizapp.store.cards import get_card
from quizapp.store.connection import open_store
from quizapp.store.schema import CARD_GROUPS
from quizapp.store.sync import CardRecord, DeckInfo, sync_deck
from quizapp.store.timeutil import to_micros
from quizapp.store.transaction import transaction
from tests.srs.srs_helpers import START
from tests.support.clock import Clock

MATURE_DAYS = 21
CARDS = 8


def card_group(state, due, last_review, suspended, retired):
    """Anki's partition of the cards, written independently of the SQL in the schema."""
    if retired:
        return "retired"
    if suspended:
        return "suspended"
    if state == 0:
        return "new"
    if state in (1, 3):
        return "learning"
    if last_review is None:
        return None
    mature = due - last_review >= MATURE_DAYS * 86_400_000_000
    return "mature" if mature else "young"


def recount_cards(conn):
    counts = {}
    rows = conn.execute(
        "SELECT deck_id, topic, state, due, last_review, suspended, retired FROM cards"
    )
    for deck, topic, *scheduling in rows:
        key = (deck, topic, card_group(*scheduling))
        counts[key] = counts.get(key, 0) + 1
    return counts


def kept_cards(conn):
    groups = (*CARD_GROUPS, None)
    rows = conn.execute("SELECT deck_id, topic, card_group, cards FROM topic_cards")
    return {(deck, topic, groups[group]): n for deck, topic, group, n in rows}


def recount_days(conn):
    rows = conn.execute(
        "SELECT r.day, c.deck_id, c.topic, r.rating, r.state_before FROM review_log r "
        "JOIN cards c ON c.id = r.card"
    )
    counts = {}
    for day, deck, topic, rating, before in rows:
        row = counts.setdefault((day, deck, topic), [0, 0, 0, 0, 0])
        recalled, review = rating > 1, before == 2
        for i, counted in enumerate((True, recalled, before == 0, review, review and recalled)):
            row[i] += counted
    return {key: tuple(value) for key, value in counts.items()}


def kept_days(conn):
    return {row[:3]: row[3:] for row in conn.execute("SELECT * FROM topic_days")}


def records(topics: list[str], live: list[bool]) -> list[CardRecord]:
    return [
        CardRecord(f"c{i}", "iim" if i % 2 else "ctd", "basic", topics[i], f"h{i}", f"s{i // 2}")
        for i in range(CARDS)
        if live[i]
    ]


def sync(conn, topics, live):
    """Both decks synced with the cards `live` names (the others retired)."""
    everything = records(topics, live)
    for deck in ("iim", "ctd"):
        mine = [r for r in everything if r.deck_id == deck]
        sync_deck(conn, DeckInfo(deck, deck.upper(), "1"), mine, START)


STEPS = st.one_of(
    st.tuples(st.just("answer"), st.integers(1, 4)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("action"), st.sampled_from(ACTIONS), st.integers(0, CARDS - 1)),
    st.tuples(st.just("import"), st.integers(0, CARDS - 1), st.integers(1, 4), st.integers(1, 60)),
    st.tuples(
        st.just("sync"),
        st.lists(st.sampled_from(["t1", "t2", "t3"]), min_size=CARDS, max_size=CARDS),
        st.lists(st.booleans(), min_size=CARDS, max_size=CARDS),
    ),
    st.tuples(st.just("wait"), st.sampled_from([10, 600, 1440, 1440 * 30])),
    st.tuples(st.just("postpone"), st.integers(1, 30)),
    st.tuples(st.just("advance"), st.integers(1, 5)),
    st.tuples(st.just("recompute"), st.sampled_from([0.85, 0.9, 0.95])),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(STEPS, max_size=40))
def test_kept_counts_equal_a_recount(steps) -> None:
    with tempfile.TemporaryDirectory() as folder:
        conn = open_store(Path(folder) / "progress.sqlite3", synchronous="OFF")
        clock = Clock(START)
        config = StudyConfig(timezone="UTC", new_per_day=100)
        sync(conn, ["t1"] * CARDS, [True] * CARDS)
        session = StudySession(conn, config, clock=clock)
        for step in steps:
            run(conn, session, clock, config, step)
            assert kept_cards(conn) == recount_cards(conn), step
            assert kept_days(conn) == recount_days(conn), step
        conn.close()


def run(conn, session, clock, config, step) -> None:
    match step:
        case ("answer", rating):
            entry = session.next_card()
            if entry is not None:
                session.answer(entry.card_id, rating, duration_ms=3000)
        case ("undo",):
            session.undo()
        case ("action", action, index):
            apply_action(conn, action, [f"c{index}"], clock.now, config)
        case ("import", index, rating, days_ago):
            row = get_card(conn, f"c{index}")
            at = to_micros(clock.now - timedelta(days=days_ago))
            with transaction(conn):
                add_answers(conn, config, {row.id: [Answer(at, rating, 5000, {"test": 1})]})
        case ("sync", topics, live):
            sync(conn, topics, live)
        case ("wait", minutes):
            clock.advance(minutes=minutes)
        case ("postpone", days):
            postpone(conn, days, clock.now, config=config)
        case ("advance", count):
            advance(conn, count, clock.now, config=config)
        case ("recompute", retention):  # new memory states and due times for every card
            change_memory_settings(conn, {"desired_retention": retention}, reschedule=True)
