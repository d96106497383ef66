"""`quizapp import anki` on what is not a package of quizapp's notes: one message, exit 1,
the progress file untouched (byte for byte) and never created; and which Anki log
entries count as answers."""

import sqlite3
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.importing.anki import answers_from
from quizapp.importing.package import PackageError, RevlogEntry, open_package
from quizapp.library import load_library, sync_library
from quizapp.srs.session import StudySession
from quizapp.store.connection import open_store
from tests.export.anki_helpers import (
    add_foreign_note,
    answer,
    collection,
    export_packages,
    small_deck_and_export,
)
from tests.export.helpers import run

pytestmark = pytest.mark.anki


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """A deck folder, quizapp's export of it, and a real Anki collection with one note of
    its own (studied once), exported in the current and the legacy formats."""
    folder = tmp_path_factory.mktemp("made")
    decks, ours = small_deck_and_export(folder)
    with collection(folder / "anki") as col:
        note = add_foreign_note(col)
        answer(col, note.cards()[0], 3, seconds=3)
        packages = export_packages(col, folder)
    return {"decks": decks, "ours": ours, **packages}


def _rezip(source: Path, target: Path, change) -> Path:
    """A copy of a package whose members `change(name, data)` rewrites."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info.filename)))
    return target


def _sqlite_file(path: Path, table: str) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE {table} (id INTEGER)")
    conn.commit()
    conn.close()
    return path.read_bytes()


def _bad_crc(made, tmp: Path) -> Path:
    """The collection's bytes changed inside the zip, its checksum left as it was."""
    data = bytearray(made["ours"].read_bytes())
    with zipfile.ZipFile(made["ours"]) as archive:
        info = archive.getinfo("collection.anki2")
    assert info.compress_type == zipfile.ZIP_STORED
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5000
    data[start : start + 16] = b"\xff" * 16
    (tmp / "crc.apkg").write_bytes(bytes(data))
    return tmp / "crc.apkg"


CASES = {
    "foreign package (current)": (
        lambda made, tmp: made["current.apkg"],
        "none of its 1 note came from `quizapp export anki`",
    ),
    "foreign collection (legacy)": (
        lambda made, tmp: made["legacy.colpkg"],
        "none of its 1 note came from `quizapp export anki`",
    ),
    "text file": (
        lambda made, tmp: _write(tmp / "notes.apkg", b"Anki notes, typed by hand\n"),
        "is not an Anki package (not a zip file)",
    ),
    "bare Anki collection": (
        lambda made, tmp: _write(tmp / "collection.anki2", _sqlite_file(tmp / "x.db", "notes")),
        "is not an Anki package (not a zip file)",
    ),
    "zip of something else": (
        lambda made, tmp: _zip(tmp / "other.zip", {"readme.txt": b"hello"}),
        "is a zip file but not an Anki package",
    ),
    "truncated package": (
        lambda made, tmp: _write(tmp / "cut.apkg", made["ours"].read_bytes()[:20_000]),
        "is a damaged Anki package",
    ),
    "changed bytes (checksum)": (_bad_crc, "is a damaged Anki package"),
    "damaged zstd collection": (
        lambda made, tmp: _rezip(
            made["current.colpkg"],
            tmp / "zstd.colpkg",
            lambda name, data: (
                data[:40] + b"\x00" * 64 + data[104:] if name.endswith("anki21b") else data
            ),
        ),
        "is a damaged Anki package",
    ),
    "collection that is not SQLite": (
        lambda made, tmp: _zip(tmp / "junk.apkg", {"collection.anki2": b"\x07" * 4096}),
        "is a damaged Anki package",
    ),
    "SQLite that is no Anki collection": (
        lambda made, tmp: _zip(
            tmp / "db.apkg", {"collection.anki21": _sqlite_file(tmp / "y.db", "things")}
        ),
        "is not an Anki collection (no cards, notes, revlog table)",
    ),
    "missing file": (lambda made, tmp: tmp / "nowhere.apkg", "no such file"),
    "folder": (lambda made, tmp: tmp, "is a folder, not an Anki package"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _progress_file(folder: Path, decks: Path) -> Path:
    """A progress file with the deck synced and one answer."""
    db = folder / "progress.sqlite3"
    conn = open_store(db)
    try:
        sync_library(conn, load_library(decks))
        session = StudySession(conn)
        session.answer(session.next_card().card_id, 3)
    finally:
        conn.close()
    return db


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_bad_package_is_one_message_and_no_file_is_created(made, tmp_path, case, dry_run):
    make, message = CASES[case]
    package = make(made, tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    db = data / "progress.sqlite3"
    options = ["--dry-run"] if dry_run else []
    result = run("--db", db, "--decks", made["decks"], "import", "anki", package, *options)
    assert result.exit_code == 1, result.output
    assert message in result.output and str(package) in result.output
    assert "Traceback" not in result.output
    assert not list(data.iterdir())


@pytest.mark.parametrize("case", CASES)
def test_a_bad_package_leaves_the_progress_file_byte_identical(made, tmp_path, case):
    make, message = CASES[case]
    package = make(made, tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    db = _progress_file(data, made["decks"])
    before = _files(data)
    result = run("--db", db, "--decks", made["decks"], "import", "anki", package)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert _files(data) == before


@pytest.mark.parametrize("name", ["ours", "legacy.colpkg", "current.colpkg"])
def test_a_collection_larger_than_the_bound_is_refused_before_it_fills_the_disk(made, name):
    too_large = pytest.raises(PackageError, match="larger than 10,000 bytes once unpacked")
    with too_large, open_package(made[name], max_bytes=10_000):
        pass
    with open_package(made[name]) as conn:
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] >= 1


# --- which log entries are answers ---------------------------------------------------------

KINDS = st.sampled_from([0, 1, 2, 3, 4, 5])
ENTRY = st.tuples(KINDS, st.integers(0, 4), st.sampled_from([0, 2500]), st.integers(0, 60_000))


def _entries(specs) -> list[RevlogEntry]:
    return [
        RevlogEntry(id=1_700_000_000_000 + i * 60_000, card=1, ease=e, kind=k, factor=f, time_ms=t)
        for i, (k, e, f, t) in enumerate(specs)
    ]


@given(st.lists(ENTRY, max_size=30))
def test_every_entry_is_an_answer_or_skipped_with_a_reason(specs):
    entries = _entries(specs)
    skipped = Counter()
    answers = answers_from(entries, skipped)
    assert len(answers) + sum(skipped.values()) == len(entries)
    by_time = {e.id * 1000: e for e in entries}
    for found in answers:
        entry = by_time[found.at]
        assert entry.kind in (0, 1, 2, 3) and 1 <= entry.ease <= 4
        assert not (entry.kind == 3 and entry.factor == 0)  # cramming
        assert (found.rating, found.duration_ms) == (entry.ease, entry.time_ms)
    assert [a.at for a in answers] == sorted(a.at for a in answers)


@given(st.lists(ENTRY, max_size=30), st.integers(1, 4))
def test_a_later_review_adds_one_answer_and_changes_none_before(specs, ease):
    entries = _entries(specs)
    before = answers_from(entries, Counter())
    later = _entries([*specs, (1, ease, 2500, 5000)])
    assert answers_from(later, Counter()) == [*before, *answers_from(later[-1:], Counter())]


@given(st.lists(ENTRY, max_size=30))
def test_nothing_before_a_reset_counts(specs):
    entries = _entries([*specs, (4, 0, 0, 0)])  # reset to new
    assert answers_from(entries, Counter()) == []
    relearnt = _entries([*specs, (4, 0, 0, 0), (0, 3, 0, 4000), (0, 3, 0, 3000)])
    assert [a.at // 1000 for a in answers_from(relearnt, Counter())] == [
        e.id for e in relearnt[-2:]
    ]


def test_answers_start_at_the_last_run_of_learning_from_new():
    entries = _entries(
        [(0, 3, 0, 1), (1, 3, 2500, 1), (1, 1, 2500, 1), (2, 3, 2500, 1), (0, 1, 0, 1)]
        + [(3, 3, 0, 1), (0, 3, 0, 1), (1, 4, 2500, 1)]
    )
    skipped = Counter()
    answers = answers_from(entries, skipped)
    assert [a.rating for a in answers] == [1, 3, 4]  # learnt again without a logged reset
    assert sum(skipped.values()) == 5
