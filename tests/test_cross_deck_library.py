"""Cross-deck cards in the learner's library: real decks that refer to each other
(tests/generate/data/xdeck) in a temporary decks folder, a real progress file; "a start" is
what the app's loader does (`load_library` then `sync_library`).

A deck is cached together with the decks it refers to, so a change in the other deck
reaches its cards; a deck whose reference does not hold is reported where it is written,
keeps its other cards, and is loaded again at every start until the reference holds."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from quizapp.library import Library, cached_library, load_library, sync_library
from tests.generate.test_cross_deck import NOT_LOADED, XDECK

CROSS = "nmj:basic:omicron:has_finding"  # Omicron syndrome's findings: one of the muscle deck's
ONLY_CROSS = "nmj:reverse:myo:calf-pain:has_finding"  # a card only the two decks together make


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    decks = tmp_path / "decks"
    decks.mkdir()
    for name in ("myo", "nmj"):
        (decks / name).mkdir()
        shutil.copy(XDECK / f"{name}.yaml", decks / name / "deck.yaml")
    return decks


def start(folder: Path, conn: sqlite3.Connection) -> Library:
    library = load_library(folder, conn)
    sync_library(conn, library)
    return library


def live(conn: sqlite3.Connection, card_id: str) -> bool:
    row = conn.execute("SELECT retired FROM cards WHERE card_id = ?", (card_id,)).fetchone()
    return row is not None and row[0] == 0


def test_a_new_title_in_the_other_deck_reaches_the_card_after_a_restart(folder, conn):
    assert start(folder, conn).card(CROSS).answer == "Includes: Areflexia; Proximal weakness"
    again = start(folder, conn)
    assert sorted(again.cached) == ["myo", "nmj"]  # both unchanged: nothing loaded
    assert again.card(CROSS).answer == "Includes: Areflexia; Proximal weakness"
    myo = folder / "myo" / "deck.yaml"
    myo.write_text(myo.read_text().replace("name: Proximal weakness", "name: Hip-girdle weakness"))
    assert cached_library(folder, conn) is None  # the referring deck must be loaded too
    edited = start(folder, conn)
    assert edited.cached == {}
    assert edited.card(CROSS).answer == "Includes: Areflexia; Hip-girdle weakness"
    after = start(folder, conn)
    assert sorted(after.cached) == ["myo", "nmj"]
    assert after.card(CROSS).answer == "Includes: Areflexia; Hip-girdle weakness"
    assert after.cards[CROSS] == edited.cards[CROSS]


def test_a_cached_decks_model_knows_the_other_decks_entity(folder, conn):
    fresh = start(folder, conn)
    cached = start(folder, conn)
    model = cached.model("nmj")
    assert model is not None and model == fresh.decks["nmj"]
    assert model.entities["myo:proximal-weakness"].name == "Proximal weakness"


def test_a_removed_deck_leaves_the_others_cards_and_a_located_warning(folder, conn):
    start(folder, conn)
    assert live(conn, CROSS) and live(conn, ONLY_CROSS)
    shutil.move(folder / "myo", folder.parent / "myo-away")
    for _ in range(2):  # reported at every start, not only the first after the change
        library = start(folder, conn)
        assert "nmj" not in library.cached
        where = f"{folder / 'nmj' / 'deck.yaml'}:30:44"
        assert [(str(p.loc), p.severity, p.message) for p in library.problems] == [
            (where, "warning", f"'myo:proximal-weakness' {NOT_LOADED}"),
            (where.replace(":30:", ":32:"), "warning", f"'myo:violet-rash' {NOT_LOADED}"),
            (where.replace(":30:44", ":41:44"), "warning", f"'myo:calf-pain' {NOT_LOADED}"),
        ]
        assert library.card(CROSS).answer == "Includes: Areflexia"  # the card without it
        assert library.card(ONLY_CROSS) is None
        assert not live(conn, ONLY_CROSS)  # retired
        assert live(conn, "nmj:basic:pi:has_finding")
    shutil.move(folder.parent / "myo-away", folder / "myo")
    back = start(folder, conn)
    assert back.problems == []
    assert live(conn, ONLY_CROSS)  # the same card again
    assert back.card(CROSS).answer == "Includes: Areflexia; Proximal weakness"
    assert sorted(start(folder, conn).cached) == ["myo", "nmj"]


def test_a_broken_reference_keeps_the_deck_and_is_reported_with_its_place(folder, conn):
    nmj = folder / "nmj" / "deck.yaml"
    nmj.write_text(nmj.read_text().replace("myo:violet-rash", "myo:violet-rush"))
    library = start(folder, conn)
    (problem,) = library.problems
    assert str(problem) == (
        f"{nmj}:32:44: error: deck 'myo' has no entity 'violet-rush'; did you mean 'violet-rash'?"
    )
    assert library.card(CROSS).answer == "Includes: Areflexia; Proximal weakness"
    assert start(folder, conn).problems == [problem]  # not hidden by the cache next time


JOINED = "myo:reverse:proximal-weakness:has_finding"  # the muscle deck's list, with nmj's facts


def test_an_edit_to_the_referring_decks_fact_reaches_the_list_it_joins(folder, conn):
    """Clinician round 10: the muscle deck's card on its proximal weakness answers with the
    junction deck's Omicron syndrome too, so the muscle deck is cached with the junction
    deck's files: an edit to that fact reaches the card after a restart."""
    assert start(folder, conn).card(JOINED).answer == (
        "Includes: Kappa myositis; Lambda myopathy; Omicron syndrome"
    )
    assert sorted(start(folder, conn).cached) == ["myo", "nmj"]
    nmj = folder / "nmj" / "deck.yaml"
    nmj.write_text(
        nmj.read_text().replace(
            "to: myo:proximal-weakness, frequency: common",
            "to: myo:proximal-weakness, frequency: rare",
        )
    )
    edited = start(folder, conn)
    assert "myo" not in edited.cached
    assert edited.card(JOINED).answer == (
        "Includes: Kappa myositis; Lambda myopathy; "
        "Omicron syndrome (proximal weakness is found in few patients with it)"
    )
    after = start(folder, conn)
    assert sorted(after.cached) == ["myo", "nmj"]
    assert after.card(JOINED) == edited.card(JOINED)


def test_a_deck_that_comes_to_refer_to_a_cached_deck_joins_its_list(folder, conn):
    """The muscle deck cached alone knew of no deck referring to it; the junction deck added
    later makes it load again, so its list gains Omicron syndrome at once (and drops it when
    that deck goes). Here the muscle deck refers to no other deck, so it is cached alone."""
    myo = folder / "myo" / "deck.yaml"
    lines = myo.read_text().splitlines(keepends=True)
    myo.write_text("".join(line for line in lines if "nmj:" not in line))
    away = folder.parent / "nmj-away"
    shutil.move(folder / "nmj", away)
    assert start(folder, conn).card(JOINED).answer == "Includes: Kappa myositis; Lambda myopathy"
    assert start(folder, conn).cached == {"myo": myo}
    shutil.move(away, folder / "nmj")
    joined = start(folder, conn)
    assert joined.cached == {}
    assert joined.card(JOINED).answer.endswith("; Omicron syndrome")
    shutil.move(folder / "nmj", away)
    assert start(folder, conn).card(JOINED).answer == "Includes: Kappa myositis; Lambda myopathy"


def test_an_edit_to_merrf_in_the_metabolic_deck_reaches_the_myositis_decks_fibre_card(
    tmp_path, conn
):
    """The acceptance check of clinician round 10 on the bundled decks: the ragged-red card
    is the myositis deck's, with the metabolic deck's MERRF; editing that fact in the
    metabolic deck and restarting shows the edit on the myositis deck's card."""
    decks = tmp_path / "decks"
    shutil.copytree(Path(__file__).resolve().parent.parent / "decks", decks)
    rrf = "iim:reverse:ragged-red-fibres:biopsy_shows"
    assert "MERRF" in start(decks, conn).card(rrf).answer
    assert "One of the four canonical features." in start(decks, conn).card(rrf).extra
    facts = decks / "metabolic" / "diagnostics.yaml"
    facts.write_text(facts.read_text().replace("One of the four canonical", "One of four classic"))
    edited = start(decks, conn)
    assert "iim" not in edited.cached
    assert "One of four classic features." in edited.card(rrf).extra
    again = start(decks, conn)
    assert sorted(again.cached) == ["iim", "metabolic"]
    assert "One of four classic features." in again.card(rrf).extra
