"""The deck cache: an unchanged deck is taken from the progress file at start, not loaded,
generated or synced again; anything that could change its cards makes it load in full.

Real decks in a temporary folder, a real progress file; "a start" is what the app's
loader does: `load_library(folder, conn)` then `sync_library`.
"""

import shutil
import sqlite3
from pathlib import Path

import pytest
from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st

from quizapp.deck.errors import Location
from quizapp.deck.header import DeckHeader
from quizapp.generate.card import Card, Option
from quizapp.generate.evidence import Proof
from quizapp.generate.stored import decode, encode
from quizapp.library import Library, code_files, load_library, sync_library
from quizapp.srs.session import StudySession
from quizapp.store.connection import open_store
from tests.support.decks import IIM_ONLY, deck_folder
from tests.support.old_files import downgrade_to_before_cache
from tests.support.paths import REPO, SMALL_DECK


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, SMALL_DECK)


def start(folder: Path, conn: sqlite3.Connection, version: str = "") -> tuple[Library, dict]:
    library = load_library(folder, conn, version)
    return library, sync_library(conn, library)


def test_an_unchanged_deck_is_neither_generated_nor_synced_nor_written(folder, conn):
    first, synced = start(folder, conn)
    assert first.cached == {} and synced["small"].added == len(first.cards)
    changes = conn.total_changes
    second, synced = start(folder, conn)
    assert list(second.cached) == ["small"] and synced == {}
    assert conn.total_changes == changes  # not one row written
    assert isinstance(second.decks["small"], DeckHeader)
    assert second.decks["small"].title == first.decks["small"].title
    assert second.topic_title("small", "dx") == first.topic_title("small", "dx") != "dx"


def test_cards_from_the_file_equal_freshly_generated_ones(tmp_path, conn):
    fresh, _ = start(IIM_ONLY, conn)
    cached, _ = start(IIM_ONLY, conn)
    assert list(cached.cached) == ["iim"]
    some = sorted(fresh.cards)[::37]
    assert all(cached.card(card_id) == fresh.cards[card_id] for card_id in some)
    assert cached.cards == fresh.cards  # every card, read from the file on first use
    assert cached.card("iim:no-such-card") is None


def test_a_cached_vignette_renders_as_from_the_deck(conn):
    fresh, _ = start(IIM_ONLY, conn)
    cached, _ = start(IIM_ONLY, conn)
    vignette = next(c for c in fresh.cards.values() if c.kind == "vignette")
    assert cached.render(vignette.id, 11) == fresh.render(vignette.id, 11)
    assert cached.render(vignette.id, 11) != cached.card(vignette.id)  # a new case
    assert cached.model("iim") == fresh.decks["iim"]  # loaded on demand


def test_a_deck_edit_is_picked_up_at_the_next_start_and_progress_is_kept(folder, conn):
    first, _ = start(folder, conn)
    session = StudySession(conn, deck_ids=["small"])
    answered = session.next_card()
    assert answered is not None
    session.answer(answered.card_id, Rating.Good)
    path = folder / "small.yaml"
    path.write_text(
        path.read_text().replace("six conditions share?", "six conditions have in common?")
    )

    second, synced = start(folder, conn)
    assert second.cached == {} and synced["small"].updated >= 1
    reworded = second.card("small:card:hand-basic")
    assert reworded is not None and reworded.prompt == "What do the six conditions have in common?"
    third, synced = start(folder, conn)
    assert list(third.cached) == ["small"] and synced == {}
    assert third.card("small:card:hand-basic") == reworded
    reps = conn.execute("SELECT reps FROM cards WHERE card_id = ?", (answered.card_id,))
    assert reps.fetchone()[0] == 1


def test_an_edit_to_an_included_file_is_picked_up(tmp_path, conn):
    decks = tmp_path / "decks"
    shutil.copytree(IIM_ONLY, decks)
    start(decks, conn)
    included = decks / "iim" / "sources.yaml"
    assert included.exists()
    included.write_text(included.read_text() + "\n# an author's comment\n")
    library, synced = start(decks, conn)
    assert library.cached == {} and synced["iim"].added == 0


def test_another_quizapp_version_loads_the_deck_again(folder, conn):
    start(folder, conn, version="1.0")
    library, synced = start(folder, conn, version="1.1")
    assert library.cached == {} and "small" in synced
    library, synced = start(folder, conn, version="1.1")
    assert list(library.cached) == ["small"]


def test_the_code_version_covers_every_generator_module_in_the_subpackages():
    """A changed generator in generate/kinds/ or generate/vignettes/ must regenerate the
    cached decks like one at the top of generate/: its source is part of the key."""
    names = {p.relative_to(REPO / "quizapp").as_posix() for p in code_files()}
    on_disk = {
        p.relative_to(REPO / "quizapp").as_posix()
        for folder in ("deck", "generate")
        for p in (REPO / "quizapp" / folder).rglob("*.py")
    }
    assert names == on_disk
    assert {"generate/kinds/mcq.py", "generate/vignettes/stem.py", "deck/loader.py"} <= names


def test_a_damaged_header_means_a_full_load(folder, conn):
    start(folder, conn)
    conn.execute('UPDATE deck_sources SET header = \'["small", "cut sho\'')
    library, synced = start(folder, conn)
    assert library.cached == {} and "small" in synced
    assert list(start(folder, conn)[0].cached) == ["small"]  # the entry was rewritten


def test_a_damaged_card_falls_back_to_generating_the_deck(folder, conn):
    fresh, _ = start(folder, conn)
    card_id = sorted(fresh.cards)[0]
    conn.execute(
        "UPDATE card_payloads SET payload = '{not json' "
        "WHERE id = (SELECT id FROM cards WHERE card_id = ?)",
        (card_id,),
    )
    cached, _ = start(folder, conn)
    assert list(cached.cached) == ["small"]
    assert cached.card(card_id) == fresh.cards[card_id]
    assert cached.cards == fresh.cards
    library, synced = start(folder, conn)  # the next start loads, and rewrites it
    assert library.cached == {} and "small" in synced
    again, _ = start(folder, conn)
    assert list(again.cached) == ["small"] and again.card(card_id) == fresh.cards[card_id]


def test_a_deck_that_breaks_shows_its_problem_at_every_start(folder, conn):
    start(folder, conn)
    path = folder / "small.yaml"
    path.write_text(path.read_text().replace("version:", "versio:", 1))
    for _ in range(2):
        library, synced = start(folder, conn)
        assert library.decks == {} and synced == {}
        assert any("version" in p.message for p in library.problems)


def test_a_copy_of_a_cached_deck_is_still_refused(folder, conn):
    start(folder, conn)
    shutil.copy(folder / "small.yaml", folder / "again.yaml")
    library, _ = start(folder, conn)
    assert list(library.decks) == ["small"]
    assert any("deck id 'small' is used twice" in p.message for p in library.problems)


def test_a_file_from_before_the_cache_is_upgraded(folder, tmp_path):
    path = tmp_path / "old.sqlite3"
    old = open_store(path)
    studied, _ = start(folder, old)
    # What the file of a quizapp before the cache holds: the same cards, schema 2.
    downgrade_to_before_cache(old)
    old.close()
    conn = open_store(path)
    library, synced = start(folder, conn)  # the cache migration: payloads written now
    assert library.cached == {} and synced["small"].added == 0
    again, _ = start(folder, conn)
    assert list(again.cached) == ["small"] and again.cards == studied.cards


text = st.text(max_size=40)
locations = st.builds(Location, text, st.integers(1, 10**6), st.integers(1, 500))
proofs = st.lists(st.builds(Proof, text, text, locations, text, st.none() | text), max_size=2).map(
    tuple
)
options = st.builds(Option, text, text, st.booleans(), text, st.none() | text, proofs)
cards = st.builds(
    Card,
    id=text,
    deck=text,
    kind=st.sampled_from(("basic", "mcq", "vignette")),
    topic=text,
    prompt=text,
    answer=text,
    sources=st.lists(text, max_size=3).map(tuple),
    tests=st.lists(text, max_size=3).map(tuple),
    loc=locations,
    options=st.lists(options, max_size=3).map(tuple),
    seed=st.none() | st.integers(0, 2**32),
    extra=st.none() | text,
    category=st.none() | text,
    proof=proofs,
)


@given(cards)
def test_a_stored_card_reads_back_equal(card):
    assert decode(encode(card)) == card
