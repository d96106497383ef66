"""Opening the progress file: checks first, then pragmas, then migrations.

Every failure becomes a `StoreError` with the path and the reason. A file we do not
understand (not SQLite, damaged, from a newer quizapp, another program's database) is never
written to: the checks that can refuse it run before the first write (switching to WAL is
a write).

Which SQLite files are quizapp's: those whose header carries `APPLICATION_ID` (offset 68,
set by `PRAGMA application_id`), read from the file's first 100 bytes before SQLite opens
it. Files made before quizapp stamped its files have application_id 0; they are recognised
by their tables (the schema of migration 1) through an *immutable* read-only connection,
which takes no lock, replays no journal and creates no `-wal`/`-shm`, and are stamped the
first time they are opened for writing. An SQLite file with no tables at all is taken as a
new progress file (a first start that stopped before its first migration). Anything else
(another application_id, other tables) is another program's database and is refused
untouched: not migrated, not switched to WAL, not backed up.
"""

import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

from quizapp.errors import IN_USE, in_use
from quizapp.reading import NotRegularFile, read_start
from quizapp.store.errors import StoreError
from quizapp.store.schema import MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
APPLICATION_ID = 0x515A4150  # "QZAP"
QUIZAPP_TABLES = frozenset(  # the tables of migration 1, which every progress file has
    {"decks", "cards", "review_log", "settings", "quiz_blocks", "quiz_items"}
)
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 40 * 1024


def open_store(
    path: Path,
    *,
    create: bool = True,
    synchronous: str = "FULL",
    migrations: list[list[str]] | None = None,
) -> sqlite3.Connection:
    """Open (and if needed create and upgrade) the progress file at `path`.

    The connection is in autocommit mode (`isolation_level=None`): callers open their
    own `BEGIN IMMEDIATE` transactions, so a write never waits behind a read lock it
    cannot upgrade. `synchronous=FULL` makes a commit survive a power cut, not only a
    crash of the process; `NORMAL` is faster and still safe against a killed process.
    """
    migrations = MIGRATIONS if migrations is None else migrations
    path = Path(path)
    stamped = _check_before_open(path, create=create)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the progress file {path}: {exc}") from exc
    try:
        version = _read_user_version(conn, path)
        if version > len(migrations):
            raise StoreError(
                f"{path} was written by a newer version of quizapp (schema {version}; "
                f"this version knows up to {len(migrations)}). Upgrade quizapp to use it; "
                "the file was left untouched."
            )
        _set_pragmas(conn, path, synchronous)
        if version < len(migrations):
            if version > 0:
                backup_before_migration(conn, path, version)
            _migrate(conn, path, version, migrations)
        if not stamped:
            _stamp(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_before_open(path: Path, *, create: bool) -> bool:
    """Refuse, with a reason, what sqlite would refuse later with a vaguer message; whether
    the file is already stamped as quizapp's (False for a new file)."""
    _refuse_link(path)
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a progress file.")
    folder = path.parent if str(path.parent) else Path(".")
    if not path.exists():
        _refuse_orphan_journal(path)
        if not create:
            raise StoreError(f"there is no progress file at {path}.")
        if not folder.is_dir():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder {folder}: {exc.strerror}.") from exc
        if not _writable(folder):
            raise StoreError(f"cannot create {path}: the folder {folder} is read-only.")
        return False
    stamped = identify(path)  # refuses what is not ours before anything else
    if not _writable(path):
        raise StoreError(f"{path} is read-only; quizapp needs to write your progress to it.")
    if not _writable(folder):
        raise StoreError(
            f"the folder {folder} is read-only; quizapp needs to create its journal "
            f"({path.name}-wal) beside {path.name}."
        )
    return stamped


def identify(path: Path) -> bool:
    """Whether an existing file is quizapp's and stamped as such (True), or quizapp's to
    stamp (False: made before stamping, or empty); StoreError for anything else.

    Nothing here writes: the header is read as bytes, the schema through an immutable
    connection (see the module docstring)."""
    try:
        header = read_start(path, HEADER_SIZE)
    except NotRegularFile:  # a FIFO, a device: no progress file, and not read at all
        raise StoreError(
            f"{path} is not a regular file, so not a progress file; left untouched."
        ) from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}.") from exc
    if not header:
        return False  # an empty file: SQLite makes a new database of it
    if not header.startswith(SQLITE_HEADER):
        raise StoreError(
            f"{path} is not a quizapp progress file (not an SQLite database); "
            "it was left untouched."
        )
    if len(header) < HEADER_SIZE:
        raise StoreError(
            f"{path} is damaged or not a progress file (its header is cut short); "
            "it was left untouched. Restore a backup, or move it aside to start afresh."
        )
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return True
    if application_id != 0:
        raise _foreign(path, f"application_id {application_id:#010x}")
    tables = _tables(path)
    if tables >= QUIZAPP_TABLES or not tables:
        return False
    raise _foreign(path, "tables: " + ", ".join(sorted(tables)[:6]))


def _foreign(path: Path, what: str) -> StoreError:
    return StoreError(
        f"{path} is another program's SQLite database ({what}), not a quizapp progress file; "
        "it was left untouched. Give quizapp another path with --db or QUIZAPP_DB."
    )


def _tables(path: Path) -> set[str]:
    """The table names, read without a lock, a journal replay or a -wal/-shm being made.

    An immutable connection sees only the main file; when a non-empty -wal beside it may
    hold the tables instead, a read-only connection looks through it."""
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    tables = _read_tables(f"{uri}?immutable=1", path)
    if not tables and wal.exists() and wal.stat().st_size > 0:
        tables = _read_tables(f"{uri}?mode=ro", path)
    return tables


def _read_tables(uri: str, path: Path) -> set[str]:
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the progress file {path}: {exc}") from exc
    try:
        rows = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc
    finally:
        conn.close()
    return {name for (name,) in rows}


def _stamp(conn: sqlite3.Connection, path: Path) -> None:
    """Mark the file as quizapp's, once its tables are there (new or pre-stamp files)."""
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot use the progress file {path}: {exc}.") from exc


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes the file: for `db check`, which must work on any
    quizapp file (older, newer, damaged) without migrating, stamping or switching it."""
    return _open_reading(Path(path), "mode=ro")


def open_snapshot(path: Path) -> sqlite3.Connection:
    """A connection that leaves no trace: for commands that only look (`import --dry-run`,
    and an import reading which cards the file has before it knows it will write).

    Unlike `open_read_only`, it creates no `-wal`/`-shm` beside a file that has none: the
    file is opened *immutable* (no lock, no journal) unless a non-empty `-wal` holds recent
    answers, which only a read-only connection can see (see the module docstring)."""
    path = Path(path)
    wal = path.with_name(path.name + "-wal")
    recent = wal.is_file() and wal.stat().st_size > 0
    return _open_reading(path, "mode=ro" if recent else "immutable=1")


def _open_reading(path: Path, mode: str) -> sqlite3.Connection:
    _refuse_link(path)
    if not path.exists():
        _refuse_orphan_journal(path)
        raise StoreError(f"there is no progress file at {path}.")
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a progress file.")
    identify(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the progress file {path}: {exc}.") from exc
    return conn


def open_reader(path: Path) -> sqlite3.Connection:
    """A second, read-only connection on a progress file already opened with `open_store`:
    for a worker that aggregates while the study connection writes (WAL lets both run).
    It gets the same page cache size as the main connection: statistics run several
    queries over the same index pages, which SQLite's small default cache would re-read."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except BaseException:
        conn.close()
        raise
    return conn


def _refuse_link(path: Path) -> None:
    """A symbolic link is refused, not followed, as for every path quizapp writes: a link
    left in a shared folder could point quizapp at another program's file, and SQLite
    would keep the journal beside the link's name, apart from the file it belongs to."""
    if path.is_symlink():
        raise StoreError(
            f"{path} is a symbolic link (to {os.readlink(path)}); quizapp opens a progress "
            "file by its own path, never through a link, and left both untouched. Give the "
            "file itself with --db or QUIZAPP_DB."
        )


def _refuse_orphan_journal(path: Path) -> None:
    """A `-wal` without its database is where the latest answers live after a crash (or after
    the progress file was moved alone). Creating a new file beside it would make SQLite
    discard or misapply it, so we stop and say how to recover; we never delete it."""
    wal = path.with_name(path.name + "-wal")
    try:
        size = wal.stat().st_size
    except OSError:
        return
    if size == 0:
        return  # an empty journal holds nothing
    raise StoreError(
        f"{path} is missing, but its journal {wal.name} ({size} bytes) is still there: "
        "it may hold your latest answers. quizapp left it untouched and did not create a new "
        f"progress file. To recover, put the progress file that belongs with it back at "
        f"{path} (if you moved or renamed it) and run quizapp again; SQLite then applies the "
        "journal. Do not pair it with a different file or an older backup. To start afresh "
        f"or restore a backup instead, first move {wal.name} (and {path.name}-shm) to "
        "another folder."
    )


def _writable(path: Path) -> bool:
    """Writable by us and not marked read-only (root ignores the mode bits; we do not)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _read_user_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema number; reading the schema also proves the file is a readable database."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    """A file SQLite cannot read: locked by another program, or damaged (not the same
    advice: moving a locked file aside to start afresh would lose its progress)."""
    if in_use(exc):
        return StoreError(f"{path}: {exc}: {IN_USE}; the file was left untouched.")
    return StoreError(
        f"{path} is damaged or not a progress file ({exc}); it was left untouched. "
        "Restore a backup, or move it aside to start afresh."
    )


def _set_pragmas(conn: sqlite3.Connection, path: Path, synchronous: str) -> None:
    """WAL (readers never block the writer), foreign keys, and a wait instead of 'locked'."""
    if synchronous.upper() not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
        raise ValueError(f"unknown synchronous mode {synchronous!r}")
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"cannot switch {path} to WAL mode (got {mode}).")
        conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # hot pages stay in memory
        conn.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot use the progress file {path}: {exc}.") from exc


def _migrate(
    conn: sqlite3.Connection, path: Path, version: int, migrations: list[list[str]]
) -> None:
    """Apply the missing migrations, each in one transaction with its user_version."""
    for number in range(version + 1, len(migrations) + 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                conn.execute("COMMIT")  # another process migrated while we waited
                continue
            for statement in migrations[number - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"cannot upgrade {path} to schema {number}: {exc}.") from exc


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file aside before changing its schema, so an upgrade can be undone by hand."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.v{version}-{stamp}-{os.getpid()}.bak")
    backup_to(conn, target)
    return target


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's online backup API (safe while others write)."""
    target = Path(target)
    if target.exists():
        raise StoreError(f"{target} already exists; choose another path for the backup.")
    try:
        dest = sqlite3.connect(target)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot create the backup {target}: {exc}.") from exc
    try:
        with dest:
            conn.backup(dest)
    except sqlite3.Error as exc:
        dest.close()
        target.unlink(missing_ok=True)
        raise StoreError(f"cannot write the backup {target}: {exc}.") from exc
    dest.close()


def check_file(conn: sqlite3.Connection) -> list[str]:
    """Problems found by `integrity_check` and `foreign_key_check`; empty means healthy."""
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} row")
    except sqlite3.DatabaseError as exc:
        return [f"the file is {'locked' if in_use(exc) else 'damaged'}: {exc}"]
    return problems
