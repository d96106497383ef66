"""Per-deck daily limits and the card kinds to study, on a real file with the real queue."""

import sqlite3
from collections import Counter

import pytest
from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st

from quizapp.kinds import KINDS
from quizapp.srs.config import (
    RANGES,
    StudyConfig,
    load_config,
    parse_setting,
    reset_deck_setting,
    save_deck_setting,
    save_setting,
    with_settings,
)
from quizapp.srs.session import Queue, StudySession
from quizapp.srs.setting_help import setting_text, settings_info
from quizapp.store.queue import StudyScope
from quizapp.store.settings import read_settings
from quizapp.store.sync import CardRecord, DeckInfo, sync_deck
from tests.srs.srs_helpers import START, add_cards


def study_all(session: StudySession, rating: Rating = Rating.Easy) -> list[str]:
    """Answer every card the session serves today; the decks of the cards served."""
    decks = []
    while (entry := session.next_card()) is not None:
        decks.append(entry.deck_id)
        session.answer(entry.card_id, rating)
    return decks


def test_a_decks_own_new_limit_overrides_the_global_one_when_studied_alone(conn, clock):
    add_cards(conn, 10, deck="a")
    add_cards(conn, 10, deck="b")
    save_setting(conn, "timezone", "UTC")
    save_setting(conn, "new_per_day", 4)
    save_deck_setting(conn, "new_per_day", "a", 7)
    config = load_config(conn)
    assert StudySession(conn, config, ["a"], clock=clock).counts().new == 7
    assert StudySession(conn, config, ["b"], clock=clock).counts().new == 4
    assert study_all(StudySession(conn, config, ["a"], clock=clock)) == ["a"] * 7


def test_studied_together_the_global_limit_caps_and_each_deck_gives_at_most_its_own(conn, clock):
    add_cards(conn, 10, deck="a")  # deck a's cards come first in the new queue
    add_cards(conn, 10, deck="b")
    save_setting(conn, "timezone", "UTC")
    save_setting(conn, "new_per_day", 6)
    save_deck_setting(conn, "new_per_day", "a", 2)
    config = load_config(conn)
    session = StudySession(conn, config, ["a", "b"], clock=clock)
    assert session.counts().new == 6
    assert Counter(study_all(session)) == {"a": 2, "b": 4}
    # A restart counts today's answers from the log: nothing more today, from either.
    again = StudySession(conn, load_config(conn), ["a", "b"], clock=clock)
    assert again.counts().new == 0 and again.next_card() is None
    assert StudySession(conn, config, ["a"], clock=clock).counts().new == 0
    clock.advance(days=1)
    assert StudySession(conn, config, ["a", "b"], clock=clock).counts().new == 6


def test_a_deck_limit_above_the_global_one_does_not_raise_the_total(conn, clock):
    add_cards(conn, 10, deck="a")
    add_cards(conn, 10, deck="b")
    config = StudyConfig(timezone="UTC", new_per_day=3, per_deck=(("a", "new_per_day", 9),))
    assert StudySession(conn, config, None, clock=clock).counts().new == 3
    assert StudySession(conn, config, ["a"], clock=clock).counts().new == 9


def test_a_decks_own_review_limit(conn, clock):
    cards_a = add_cards(conn, 5, deck="a")
    cards_b = add_cards(conn, 5, deck="b")
    config = StudyConfig(timezone="UTC")
    session = StudySession(conn, config, clock=clock)
    for card in cards_a + cards_b:
        session.answer(card, Rating.Easy)
    clock.advance(days=90)  # every card due
    capped = StudyConfig(timezone="UTC", new_per_day=0, per_deck=(("a", "reviews_per_day", 2),))
    together = StudySession(conn, capped, ["a", "b"], clock=clock)
    assert together.counts().review == 7
    served = Counter(study_all(together, Rating.Good))
    assert served == {"a": 2, "b": 5}


def test_reset_goes_back_to_the_global_value(conn, clock):
    add_cards(conn, 30, deck="a")
    save_setting(conn, "timezone", "UTC")
    save_deck_setting(conn, "new_per_day", "a", 3)
    assert read_settings(conn)["new_per_day@a"] == 3
    config = reset_deck_setting(conn, "new_per_day", "a")
    assert "new_per_day@a" not in read_settings(conn)
    assert StudySession(conn, config, ["a"], clock=clock).counts().new == 20


def test_only_daily_limits_are_per_deck(conn):
    with pytest.raises(ValueError, match="cannot be set per deck"):
        save_deck_setting(conn, "desired_retention", "a", 0.8)
    with pytest.raises(ValueError, match="from 0 to 999999"):
        save_deck_setting(conn, "new_per_day", "a", -1)
    assert read_settings(conn) == {}


def mixed_cards(conn: sqlite3.Connection) -> None:
    kinds = ["basic", "vignette", "mcq", "vignette", "cloze", "vignette"]
    records = [
        CardRecord(f"k:{i}", "k", kind, "t", f"h{i}", f"e{i}") for i, kind in enumerate(kinds)
    ]
    sync_deck(conn, DeckInfo("k", "K", "1"), records, START)


def test_study_kinds_shows_only_those_kinds(conn, clock):
    mixed_cards(conn)
    config = StudyConfig(timezone="UTC", study_kinds=("vignette",))
    session = StudySession(conn, config, clock=clock)
    assert session.counts().new == 3
    kinds = []
    while (entry := session.next_card()) is not None:
        kinds.append(entry.kind)
        session.answer(entry.card_id, Rating.Easy)
    assert kinds == ["vignette"] * 3


def test_custom_study_picks_its_own_kinds(conn, clock):
    mixed_cards(conn)
    config = StudyConfig(timezone="UTC", study_kinds=("vignette",))
    session = StudySession(conn, config, clock=clock, scope=StudyScope(kinds=("mcq",)))
    entry = session.next_card()
    assert entry is not None and entry.kind == "mcq" and entry.queue is Queue.NEW


def test_study_kinds_are_checked():
    with pytest.raises(ValueError, match="unknown kind 'vignettes'"):
        with_settings(StudyConfig(), {"study_kinds": ["vignettes"]})
    assert parse_setting("study_kinds", "vignette, mcq") == ["vignette", "mcq"]
    assert parse_setting("study_kinds", "all") == []


def _values(name: str):
    """Valid values of one setting, as JSON holds them."""
    if name in {"learning_steps_minutes", "relearning_steps_minutes"}:
        step = st.floats(0.1, 525_600, allow_nan=False)
        return st.lists(step, min_size=0, max_size=4)
    if name == "study_kinds":
        return st.lists(st.sampled_from(KINDS), unique=True, max_size=3)
    default = getattr(StudyConfig(), name)
    if isinstance(default, bool):
        return st.booleans()
    low, high = RANGES[name]
    if isinstance(default, int):
        return st.integers(int(low), int(high))
    return st.floats(low, high)


EDITABLE = [i.name for i in settings_info() if i.name not in {"timezone", "theme", "parameters"}]


@given(st.sampled_from(EDITABLE).flatmap(lambda n: st.tuples(st.just(n), _values(n))))
def test_what_the_screen_shows_reads_back_as_the_same_value(pair):
    """The settings screen's editable text of a value parses back to that value exactly."""
    name, value = pair
    with_settings(StudyConfig(), {name: value})  # a valid value
    assert parse_setting(name, setting_text(name, value)) == value


def test_every_setting_has_words():
    for info in settings_info():
        assert info.label and info.help and info.allowed
