"""`quizapp import anki`: a student exports a deck to Anki, studies it there with Anki's own
scheduler over several days, exports the collection, and brings the reviews back."""

import html
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from quizapp.importing.anki import BEFORE_RESET, CRAMMING, EXTRA_CARDS, NOT_ANSWERS
from quizapp.library import load_library, sync_library
from quizapp.srs.config import load_config
from quizapp.srs.days import study_day
from quizapp.srs.recompute import recompute_memory, replay
from quizapp.srs.session import StudySession
from quizapp.store.connection import open_store
from quizapp.store.memory import card_answers
from quizapp.store.timeutil import from_micros
from quizapp.store.timeutil import to_micros as moment_us
from tests.export.anki_helpers import (
    add_foreign_note,
    allow_new_cards,
    answer,
    collection,
    cram,
    export_packages,
    import_package,
    next_day,
    small_deck_and_export,
    top_deck,
)
from tests.export.anki_helpers import study_day as study_in_anki
from tests.export.helpers import run

pytestmark = pytest.mark.anki

FORMATS = ("current.apkg", "current.colpkg", "legacy.apkg", "legacy.colpkg")
EASES = (3, 3, 1, 4, 3, 2, 3)  # Good, Good, Again, Easy, Good, Hard, Good, ...


@dataclass
class Studied:
    """What the student did in Anki, as Anki's own tables record it."""

    decks: Path  # the quizapp deck folder (--decks)
    packages: dict[str, Path]
    later: Path  # the collection exported again after a few more reviews
    revlog: list[tuple[int, int, int, int, int, int]]  # id, cid, ease, type, factor, time
    later_revlog: list[tuple[int, int, int, int, int, int]]
    card_of: dict[int, str]  # Anki card id (ordinal 0) -> quizapp card id
    extra_card: int  # a card added to a quizapp cloze note in Anki (c2)
    reset_card: int
    reset_at: int  # the revlog id of the reset


def _study(col, did: int, days: int) -> None:
    for _ in range(days):
        col.decks.select(did)
        study_in_anki(col, 40, lambda card, n: EASES[n % len(EASES)])
        next_day(col)


def _card_of(col) -> tuple[dict[int, str], list[int]]:
    """quizapp's card id of each Anki card, from the note's Card field (not the GUID)."""
    found, extra = {}, []
    for note_id in col.find_notes("tag:quizapp::*"):
        note = col.get_note(note_id)
        for card in note.cards():
            if card.ord == 0:
                found[card.id] = html.unescape(note["Card"])
            else:
                extra.append(card.id)
    return found, extra


def _revlog(col) -> list[tuple[int, int, int, int, int, int]]:
    return [
        tuple(row)
        for row in col.db.all("SELECT id, cid, ease, type, factor, time FROM revlog ORDER BY id")
    ]


@pytest.fixture(scope="module")
def studied(tmp_path_factory) -> Studied:
    folder = tmp_path_factory.mktemp("studied")
    decks, package = small_deck_and_export(folder)
    with collection(folder / "anki") as col:
        import_package(col, package)
        add_foreign_note(col)
        did = top_deck(col)
        allow_new_cards(col, did, 30)
        _study(col, did, 3)
        reviewed = col.find_cards("is:review tag:quizapp::*")
        col.sched.set_due_date([reviewed[0]], "3")  # a manual entry, no answer
        reset_card = reviewed[1]
        col.sched.schedule_cards_as_new([reset_card])  # reset: what came before is gone
        answer(col, col.get_card(reset_card), 3, seconds=6)  # learnt again from new
        _study(col, did, 1)
        cram(col, "is:review tag:quizapp::*", 3, reschedule=False)
        cram(col, "is:review -is:due tag:quizapp::*", 2, reschedule=True)
        cloze = col.get_note(col.find_notes('"note:quizapp Cloze"')[0])
        cloze["Text"] += " {{c2::added in Anki}}"
        col.update_note(cloze)
        card_of, extra = _card_of(col)
        answer(col, col.get_card(extra[0]), 3, seconds=5)  # a card quizapp has not
        _study(col, did, 2)
        revlog = _revlog(col)
        reset_at = next(r[0] for r in revlog if r[1] == reset_card and r[3] == 4 and r[4] == 0)
        packages = export_packages(col, folder)
        for card_id in col.find_cards("is:review tag:quizapp::*")[:5]:  # later that day
            answer(col, col.get_card(card_id), 3, seconds=7)
        later = folder / "later.colpkg"
        col.export_collection_package(str(later), include_media=False, legacy=False)
        col.reopen()
        later_revlog = _revlog(col)
    return Studied(
        decks, packages, later, revlog, later_revlog, card_of, extra[0], reset_card, reset_at
    )


def _expected(studied: Studied, revlog=None) -> set[tuple[str, int, int, int]]:
    """(quizapp card id, reviewed_at, rating, duration_ms) of every Anki entry that is an
    answer to a quizapp card, by the rules in `quizapp.importing.anki`."""
    found = set()
    for rid, cid, ease, kind, factor, taken in studied.revlog if revlog is None else revlog:
        if cid not in studied.card_of or kind not in (0, 1, 2, 3) or ease == 0:
            continue
        if (kind == 3 and factor == 0) or (cid == studied.reset_card and rid < studied.reset_at):
            continue
        found.add((studied.card_of[cid], rid * 1000, ease, taken))
    return found


def _logged(db: Path) -> list[tuple[str, int, int, int]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT c.card_id, r.reviewed_at, r.rating, r.duration_ms "
            "FROM review_log r JOIN cards c ON c.id = r.card"
        )
        return sorted(rows)
    finally:
        conn.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _import(studied: Studied, db: Path, package: Path, *options: str):
    return run("--db", db, "--decks", studied.decks, "import", "anki", package, *options)


def test_the_scenario_holds_every_kind_of_anki_log_entry(studied):
    kinds = {(kind, factor == 0) for _, _, _, kind, factor, _ in studied.revlog}
    assert {0, 1, 2} <= {kind for kind, _ in kinds}  # learn, review, relearn
    assert (3, True) in kinds and (3, False) in kinds  # cramming; filtered with rescheduling
    assert (4, True) in kinds and (4, False) in kinds  # reset; set due date
    assert any(cid == studied.extra_card for _, cid, *_ in studied.revlog)
    assert any(
        cid == studied.reset_card and rid > studied.reset_at for rid, cid, *_ in studied.revlog
    )
    assert len({row[2] for row in studied.revlog if row[3] != 4}) == 4  # every button
    assert len({row[-1] for row in studied.revlog}) > 5  # times taken vary


@pytest.mark.parametrize("name", FORMATS)
def test_every_answer_arrives_with_its_rating_time_and_duration(studied, tmp_path, name):
    db = tmp_path / "progress.sqlite3"
    result = _import(studied, db, studied.packages[name])
    assert result.exit_code == 0, result.output
    expected = _expected(studied)
    assert _logged(db) == sorted(expected)
    assert f"; {len(expected)} reviews imported;" in result.output
    assert f": {len(studied.card_of)} of {len(studied.card_of) + 1} notes matched;" in result.output
    assert f"; {len({row[0] for row in expected})} cards updated." in result.output
    for reason in (BEFORE_RESET, CRAMMING, EXTRA_CARDS, NOT_ANSWERS):
        assert reason in result.output


def _imported(studied: Studied, folder: Path):
    """A progress file made by importing the current collection package, opened."""
    db = folder / "progress.sqlite3"
    assert _import(studied, db, studied.packages["current.colpkg"]).exit_code == 0
    return open_store(db)


def test_answers_fall_on_the_study_day_of_their_time(studied, tmp_path):
    conn = _imported(studied, tmp_path)
    try:
        config = load_config(conn)
        rows = conn.execute("SELECT reviewed_at, day FROM review_log").fetchall()
    finally:
        conn.close()
    assert len({day for _, day in rows}) >= 6
    for at, day in rows:
        assert day == study_day(from_micros(at), config.day_starts_hour, config.tzinfo())


def _schedules(conn) -> dict[str, tuple]:
    return {
        row[0]: row[1:]
        for row in conn.execute(
            "SELECT card_id, state, due, last_review, stability, difficulty, fsrs, reps, lapses "
            "FROM cards WHERE reps > 0"
        )
    }


def test_memory_states_equal_a_recompute_from_the_whole_log(studied, tmp_path):
    conn = _imported(studied, tmp_path)
    try:
        config = load_config(conn)
        imported = _schedules(conn)
        assert len(imported) == len({row[0] for row in _expected(studied)})
        for card_id, (state, _, last, stability, difficulty, _, reps, _) in imported.items():
            rowid = conn.execute("SELECT id FROM cards WHERE card_id = ?", (card_id,)).fetchone()
            answers = card_answers(conn, rowid[0])
            card = replay(config.scheduler(), rowid[0], answers, config)
            assert (state, stability, difficulty) == (card.state, card.stability, card.difficulty)
            assert (reps, last) == (len(answers), answers[-1][0])
        recompute_memory(conn)
        assert _schedules(conn) == imported
    finally:
        conn.close()


def test_a_second_import_of_the_same_package_changes_nothing(studied, tmp_path):
    db = tmp_path / "progress.sqlite3"
    package = studied.packages["current.colpkg"]
    assert _import(studied, db, package).exit_code == 0
    before = _files(tmp_path)
    again = _import(studied, db, package)
    assert again.exit_code == 0, again.output
    assert "; 0 reviews imported;" in again.output and "; 0 cards updated." in again.output
    assert f"; {len(_expected(studied))} reviews already there;" in again.output
    assert _files(tmp_path) == before


def test_a_later_export_adds_only_the_reviews_since(studied, tmp_path):
    db = tmp_path / "progress.sqlite3"
    assert _import(studied, db, studied.packages["legacy.apkg"]).exit_code == 0
    later = _import(studied, db, studied.later)
    assert later.exit_code == 0, later.output
    new = _expected(studied, studied.later_revlog) - _expected(studied)
    assert new and f"; {len(new)} reviews imported;" in later.output
    assert _logged(db) == sorted(_expected(studied, studied.later_revlog))


def test_answers_given_in_quizapp_stay_and_join_the_replay(studied, tmp_path):
    db = tmp_path / "progress.sqlite3"
    conn = open_store(db)
    expected = _expected(studied)
    moment = from_micros(min(at for _, at, _, _ in expected)) + timedelta(days=1, hours=12)
    studied_in_both = sorted({card_id for card_id, *_ in expected})[:3]
    try:
        sync_library(conn, load_library(studied.decks))
        session = StudySession(conn, clock=lambda: moment)
        for card_id in studied_in_both:
            session.answer(card_id, 3, duration_ms=1234)
        own = conn.execute("SELECT * FROM review_log ORDER BY id").fetchall()
    finally:
        conn.close()
    result = _import(studied, db, studied.packages["current.colpkg"])
    assert result.exit_code == 0, result.output
    conn = open_store(db)
    try:
        kept = conn.execute(f"SELECT * FROM review_log WHERE id <= {len(own)} ORDER BY id")
        assert kept.fetchall() == own
        assert len(_logged(db)) == len(own) + len(expected)
        config = load_config(conn)
        for card_id in studied_in_both:
            rowid, stability = conn.execute(
                "SELECT id, stability FROM cards WHERE card_id = ?", (card_id,)
            ).fetchone()
            answers = card_answers(conn, rowid)
            assert len(answers) > 1 and (moment_us(moment), 3, 1234) in answers
            assert stability == replay(config.scheduler(), rowid, answers, config).stability
    finally:
        conn.close()


def test_the_study_app_carries_on_from_the_imported_state(studied, tmp_path):
    conn = _imported(studied, tmp_path)
    db = tmp_path / "progress.sqlite3"
    assert run("--db", db, "db", "check").exit_code == 0
    stats = run("--db", db, "stats")
    assert stats.exit_code == 0, stats.output
    try:
        entry = StudySession(conn).next_card()
        assert entry is not None
    finally:
        conn.close()


def test_dry_run_says_what_the_import_would_do_and_changes_nothing(studied, tmp_path):
    db = tmp_path / "progress.sqlite3"
    package = studied.packages["current.apkg"]
    dry = _import(studied, db, package, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert not db.exists() and not list(tmp_path.iterdir())
    count = len(_expected(studied))
    assert dry.output.startswith("Dry run, nothing changed.")
    assert f"; {count} reviews would be imported;" in dry.output
    assert "deck small would be added" in dry.output
    assert _import(studied, db, package).exit_code == 0
    before = _files(tmp_path)
    again = _import(studied, db, package, "--dry-run")
    assert "; 0 reviews would be imported;" in again.output
    assert f"; {count} reviews already there;" in again.output
    assert _files(tmp_path) == before


def test_a_package_without_scheduling_says_how_to_export_one(studied, tmp_path):
    db = tmp_path / "progress.sqlite3"
    package = tmp_path / "small.apkg"  # quizapp's own export: notes, no reviews
    assert run("export", "anki", studied.decks, "-o", package).exit_code == 0
    result = _import(studied, db, package)
    assert result.exit_code == 0, result.output
    assert "; 0 reviews imported;" in result.output
    assert "Include scheduling information" in result.output
    assert not db.exists()


def test_help_explains_with_an_example():
    result = run("import", "anki", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "quizapp import anki" in result.output
    assert "--dry-run" in result.output
