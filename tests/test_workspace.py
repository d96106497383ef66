"""The workspace the app and the command line share, on a real progress file and the
small real deck: how it opens (cached, loaded, refused), what reading commands name topics
by, and the statistics' numbers gathered on a worker's reader."""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from quizapp.paths import Settings
from quizapp.srs.config import save_setting
from quizapp.srs.session import StudySession
from quizapp.store.connection import open_store
from quizapp.store.history import reviews_per_day
from quizapp.workspace import ContextError, Workspace
from quizapp.workspace.decks import summarise_decks
from quizapp.workspace.opening import open_workspace, synced_workspace
from quizapp.workspace.statistics import collect_statistics
from tests.support.clock import NOON, Clock
from tests.support.decks import deck_folder
from tests.support.paths import MINI_DECK


@pytest.fixture
def settings(tmp_path: Path, db_path: Path) -> Settings:
    return Settings(db_path=db_path, decks_dir=deck_folder(tmp_path, MINI_DECK))


def opened(settings: Settings, clock: Clock, *, load_decks: bool) -> Workspace | None:
    conn = open_store(settings.db_path)
    save_setting(conn, "timezone", "UTC")
    return open_workspace(settings, conn, load_decks=load_decks, clock=clock)


def test_a_new_deck_is_loaded_then_taken_from_the_file_at_the_next_start(settings, clock):
    assert opened(settings, clock, load_decks=False) is None  # never synced: load it in a worker
    loaded = opened(settings, clock, load_decks=True)
    assert loaded is not None and not loaded.library.cached
    assert list(loaded.library.decks) == ["mini"]
    loaded.conn.close()
    restarted = opened(settings, clock, load_decks=False)
    assert restarted is not None and list(restarted.library.cached) == ["mini"]
    assert set(restarted.library.cards) == set(loaded.library.cards)
    [summary] = summarise_decks(restarted)  # one deck: no "All decks" row
    assert (summary.deck_id, summary.title, summary.topics) == ("mini", "Mini deck", ("Diagnosis",))
    assert summary.counts.new == len(loaded.library.cards)


def test_a_damaged_file_is_one_message_naming_it(settings):
    conn = open_store(settings.db_path)
    conn.execute("DROP TABLE settings")
    with pytest.raises(ContextError) as raised:
        open_workspace(settings, conn, load_decks=False)
    assert str(settings.db_path) in str(raised.value) and "settings" in str(raised.value)


def test_a_reading_command_names_topics_as_last_synced_without_the_deck_files(settings, clock):
    workspace = opened(settings, clock, load_decks=True)
    assert workspace is not None
    workspace.conn.close()
    shutil.rmtree(settings.decks_dir)  # nothing left to read
    conn = open_store(settings.db_path, create=False)
    synced = synced_workspace(settings, conn)
    assert synced.topic_title("mini", "dx") == "Diagnosis"
    assert synced.topic_label("mini", "dx") == "Diagnosis"
    assert synced.topic_title("gone", "renal") == "renal"  # a deck no longer there: its id


def test_statistics_count_the_answers_of_each_day_on_a_reader(settings, clock):
    workspace = opened(settings, clock, load_decks=True)
    assert workspace is not None
    clock.now = NOON - timedelta(days=1)
    for day in range(2):
        session = StudySession(workspace.conn, clock=workspace.clock)
        for _ in range(day + 1):
            entry = session.next_card()
            assert entry is not None
            session.answer(entry.card_id, 3)
        clock.advance(days=1)
    clock.now = NOON
    data = collect_statistics(workspace)
    today = data.stats.day
    assert data.per_day == {today - 1: 1, today: 2}
    assert reviews_per_day(workspace.conn, today, today) == {today: 2}
    assert set(data.topic_titles.values()) == {"Diagnosis"}
    assert data.quizzes == []
