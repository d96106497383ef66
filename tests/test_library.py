"""The library: decks in a folder -> generated cards -> the progress file, on real files."""

import shutil
from pathlib import Path

import pytest

from quizapp.library import load_library, sync_library
from quizapp.store.connection import open_store
from tests.support.decks import deck_folder
from tests.support.paths import DECKS, SMALL_DECK


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, SMALL_DECK)


def test_a_broken_deck_is_reported_and_the_others_still_load(folder: Path):
    (folder / "broken.yaml").write_text("format: 1\ndeck: {id: broken, title: B}\n")
    library = load_library(folder)
    assert list(library.decks) == ["small"]
    assert library.cards and all(c.deck == "small" for c in library.cards.values())
    assert {(Path(p.loc.path).name, p.loc.line) for p in library.problems} == {("broken.yaml", 2)}
    messages = {p.message for p in library.problems}
    assert messages == {
        "deck is missing required key 'version'",
        "deck is missing required key 'authors'",
    }


def test_two_decks_with_one_id_are_refused(folder: Path):
    shutil.copy(SMALL_DECK, folder / "again.yaml")
    library = load_library(folder)
    assert list(library.decks) == ["small"]
    assert any("deck id 'small' is used twice" in p.message for p in library.problems)


def test_sync_retires_removed_cards_and_keeps_rewording(folder: Path, tmp_path: Path):
    conn = open_store(tmp_path / "progress.sqlite3")
    first = load_library(folder)
    result = sync_library(conn, first)["small"]
    assert result.added == len(first.cards)

    text = (folder / "small.yaml").read_text()
    reworded = text.replace("Do ears glow?", "Do ears really glow?")
    without_hand_card = reworded.replace(
        '  - {id: hand-basic, kind: basic, topic: dx, prompt: "What do the six conditions '
        'share?", answer: "They are made up.", source: s1}\n',
        "",
    )
    assert without_hand_card != reworded
    (folder / "small.yaml").write_text(without_hand_card)
    second = load_library(folder)
    result = sync_library(conn, second)["small"]
    assert (result.added, result.retired) == (0, 1)
    retired = conn.execute("SELECT card_id FROM cards WHERE retired = 1").fetchall()
    assert retired == [("small:card:hand-basic",)]
    total = conn.execute("SELECT count(*) FROM cards").fetchone()[0]
    assert total == len(first.cards)


def test_render_gives_a_vignette_a_fresh_case_with_the_same_id():
    library = load_library(DECKS)
    vignette = next(c for c in library.cards.values() if c.kind == "vignette")
    one, two = library.render(vignette.id, 1), library.render(vignette.id, 2)
    assert one.id == two.id == vignette.id
    assert one.prompt != two.prompt
    assert library.render(vignette.id, 1) == one
    basic = next(c for c in library.cards.values() if c.kind == "basic")
    assert library.render(basic.id, 5) is basic


def test_topic_titles_come_from_the_decks(folder: Path):
    library = load_library(folder)
    deck = library.decks["small"]
    topic_id, topic = next(iter(deck.topics.items()))
    assert library.topic_title("small", topic_id) == topic.title
    assert library.topic_title("small", "no-such-topic") == "no-such-topic"
    assert library.topic_title("no-such-deck", topic_id) == topic_id
    assert library.topic_title("small", "") == "(no topic)"
    assert library.topic_label("small", topic_id) == topic.title  # no other deck: no clash
