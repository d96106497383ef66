"""Reading an Anki package (.apkg or .colpkg) without Anki: notes, cards and review log.

A package is a zip holding the collection, an SQLite file, under one of three names:
`collection.anki21b` (Anki 2.1.50 and later: zstd-compressed, schema 18),
`collection.anki21` (Anki 2.1 with "support older Anki versions") or `collection.anki2`
(Anki 2.0, genanki). A package with a newer file also carries a stub `collection.anki2`
whose one note says "please update Anki", so the newest name present is the collection.
The three tables read here (notes, cards, revlog) have the same columns in all of them.

The collection is copied out of the zip into a temporary folder, decompressed on the way
and at most `MAX_BYTES` (a zip can claim any size, so the bytes are counted), then opened
read-only; the folder is removed afterwards. The package itself is only read.
"""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import zstandard

from quizapp.errors import QuizappError

MAX_BYTES = 2 << 30  # 2 GiB: far above a large student's collection (a few hundred MB)
CHUNK = 1 << 20
ZSTD = "collection.anki21b"
COLLECTIONS = (ZSTD, "collection.anki21", "collection.anki2")  # newest first
TABLES = frozenset({"notes", "cards", "revlog"})


class PackageError(QuizappError):
    """A file that is not a readable Anki package; the message says which and why."""


@dataclass(frozen=True)
class RevlogEntry:
    """One row of Anki's review log (`revlog`)."""

    id: int  # when, in milliseconds since the epoch (Anki's revlog id)
    card: int  # Anki card id
    ease: int  # button: 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for a manual entry
    kind: int  # 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled
    factor: int  # ease factor (permille; 0 for a reset, and for cramming without rescheduling)
    time_ms: int  # time spent answering


@contextmanager
def open_package(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the package's collection, gone when the block ends."""
    with tempfile.TemporaryDirectory(prefix="quizapp-anki-") as folder:
        target = Path(folder) / "collection.sqlite3"
        _extract(path, target, max_bytes)
        try:
            conn = sqlite3.connect(f"{target.as_uri()}?mode=ro&immutable=1", uri=True)
        except sqlite3.Error as exc:
            raise PackageError(f"{path}: cannot open the collection inside ({exc})") from None
        try:
            _check_tables(conn, path)
            yield conn
        finally:
            conn.close()


def _extract(path: Path, target: Path, max_bytes: int) -> None:
    """Copy the collection out of the zip, decompressing `anki21b`; PackageError if the
    file is no Anki package, is damaged, or holds more than `max_bytes`."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            name = next((n for n in COLLECTIONS if n in names), None)
            if name is None:
                raise PackageError(
                    f"{path} is a zip file but not an Anki package (it has no "
                    f"{', '.join(COLLECTIONS)}); export from Anki with File > Export"
                )
            if archive.getinfo(name).file_size > max_bytes and name != ZSTD:
                raise _too_large(path, max_bytes)
            with archive.open(name) as member, target.open("wb") as out:
                if name == ZSTD:
                    with zstandard.ZstdDecompressor().stream_reader(member) as unpacked:
                        _copy(unpacked, out, path, max_bytes)
                else:
                    _copy(member, out, path, max_bytes)
    except PackageError:
        raise
    except FileNotFoundError:
        raise PackageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PackageError(f"{path} is a folder, not an Anki package") from None
    except zipfile.BadZipFile as exc:
        if _looks_like_zip(path):
            raise PackageError(f"{path} is a damaged Anki package ({exc})") from None
        raise PackageError(
            f"{path} is not an Anki package (not a zip file); export from Anki with "
            "File > Export as a .colpkg or an .apkg"
        ) from None
    except (zlib.error, zstandard.ZstdError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise PackageError(f"{path} is a damaged Anki package ({exc})") from None
    except OSError as exc:
        raise PackageError(f"{path}: cannot read it ({exc.strerror or exc})") from None


def _copy(source: IO[bytes], out: IO[bytes], path: Path, max_bytes: int) -> None:
    written = 0
    while chunk := source.read(CHUNK):
        written += len(chunk)
        if written > max_bytes:
            raise _too_large(path, max_bytes)
        out.write(chunk)


def _too_large(path: Path, max_bytes: int) -> PackageError:
    return PackageError(
        f"{path}: the collection inside is larger than {_size(max_bytes)} once unpacked; "
        "quizapp reads packages up to that size (export only your quizapp decks as an .apkg)"
    )


def _size(count: int) -> str:
    return f"{count / (1 << 30):g} GiB" if count >= 1 << 30 else f"{count:,} bytes"


def _looks_like_zip(path: Path) -> bool:
    """Whether the file starts like a zip (so a failure to read it means damage)."""
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _check_tables(conn: sqlite3.Connection, path: Path) -> None:
    try:
        rows = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
    except sqlite3.DatabaseError as exc:
        raise PackageError(f"{path} is a damaged Anki package ({exc})") from None
    missing = TABLES - {name for (name,) in rows}
    if missing:
        raise PackageError(
            f"{path}: the collection inside is not an Anki collection "
            f"(no {', '.join(sorted(missing))} table)"
        )


def note_guids(conn: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """(note id, GUID) of every note."""
    yield from conn.execute("SELECT id, guid FROM notes")


def note_cards(conn: sqlite3.Connection) -> Iterator[tuple[int, int, int]]:
    """(card id, note id, template ordinal) of every card."""
    yield from conn.execute("SELECT id, nid, ord FROM cards")


def revlog(conn: sqlite3.Connection) -> Iterator[RevlogEntry]:
    """The whole review log, card by card, each card's entries in time order."""
    rows = conn.execute("SELECT id, cid, ease, type, factor, time FROM revlog ORDER BY cid, id")
    for row in rows:
        yield RevlogEntry(*row)
