"""One error path (issue 15): through the real program (`python -m quizapp`), the bad input
a user meets is one located line on stderr and exit 1, never a traceback, and the file
involved is left as it was: a corrupt or locked progress file, a missing decks folder, a
deck with bad YAML, an output path that cannot be written."""

import errno
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.errors import InvalidValue, QuizappError, error_line
from quizapp.store.errors import StoreError
from tests.support.paths import SMALL_DECK as SMALL


def quizapp(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess:
    """The real program, with its progress file in tmp_path unless --db is given; the
    app (no command) exits once home shows, as in the start-up benchmark."""
    db = [] if "--db" in args else ["--db", str(tmp_path / "progress.sqlite3")]
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *db, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "QUIZAPP_EXIT_WHEN_READY": "1"},
    )


def one_line(done: subprocess.CompletedProcess, *mentions: str | Path) -> str:
    """The single error line of a failed run; it names each of `mentions`."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("quizapp: "), done.stderr
    for mention in mentions:
        assert str(mention) in lines[0], (mention, lines[0])
    return lines[0]


# --- the progress file ----------------------------------------------------------------


def corrupt_files(tmp_path: Path) -> list[Path]:
    """Random bytes, and random bytes behind a real SQLite header (so SQLite must read on)."""
    noise = random.Random(15).randbytes(16384)
    plain = tmp_path / "noise.sqlite3"
    plain.write_bytes(noise)
    headed = tmp_path / "headed.sqlite3"
    headed.write_bytes(b"SQLite format 3\x00" + noise[16:])
    return [plain, headed]


@pytest.mark.parametrize(
    "command",
    [[], ["stats"], ["quiz", "history"], ["config", "list"], ["config", "set", "new_per_day", "5"]],
)
def test_a_corrupt_progress_file_is_one_line_and_left_as_it_was(tmp_path, command):
    for db in corrupt_files(tmp_path):
        before = db.read_bytes()
        done = quizapp(tmp_path, "--db", db, *command)
        one_line(done, db)
        assert db.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["headed.sqlite3", "noise.sqlite3"]


def test_a_locked_progress_file_says_another_program_holds_it_not_that_it_is_damaged(tmp_path):
    db = tmp_path / "progress.sqlite3"
    assert quizapp(tmp_path, "config", "set", "new_per_day", "5").returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")  # held until the end: no reader gets in either
        line = one_line(quizapp(tmp_path, "stats"), db, "database is locked")
    finally:
        holder.close()
    assert "another program" in line
    assert "damaged" not in line and "move it aside" not in line  # that would lose progress
    assert quizapp(tmp_path, "config", "get", "new_per_day").stdout == "5\n"


# --- decks ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["cards"], ["explain"], ["stats"]])
def test_a_missing_decks_folder_is_one_located_line(tmp_path, command):
    missing = tmp_path / "my-decks"
    one_line(quizapp(tmp_path, "--decks", missing, *command), f"{missing}: no such folder")
    assert list(tmp_path.iterdir()) == []


BAD_YAML = "format: 1\ndeck: {id: bad, title: Bad\n  version: 1\n"


@pytest.mark.parametrize(
    "command",
    [["validate"], ["lint"], ["cards"], ["explain"], ["export", "csv", "-o", "out.csv"]],
)
def test_bad_yaml_is_located_at_its_line_and_column(tmp_path, command):
    deck = tmp_path / "bad.yaml"
    deck.write_text(BAD_YAML, encoding="utf-8")
    done = quizapp(tmp_path, *command[:2], deck, *command[2:])
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    printed = (done.stdout + done.stderr).splitlines()  # lint lists its findings on stdout
    located = [line.strip() for line in printed if line.strip().startswith(f"{deck}:")]
    assert located, done.stderr
    assert all(line.split(":")[1].isdigit() and line.split(":")[2].isdigit() for line in located)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]  # no output, no progress


# --- output paths -----------------------------------------------------------------------


@pytest.mark.parametrize("where", ["a-file/out", "no/such/folder/out"])
@pytest.mark.parametrize(
    "command",
    [
        ["export", "csv", SMALL, "-o", "OUT.csv"],
        ["export", "anki", SMALL, "-o", "OUT.apkg"],
        ["report", "RESULTS", "-o", "OUT.csv"],
        ["db", "backup", "OUT.sqlite3"],
    ],
)
def test_an_output_path_that_cannot_be_written_is_one_located_line(tmp_path, where, command):
    (tmp_path / "a-file").write_text("not a folder\n")
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "learner.json").write_text("{}")  # the output is checked first
    if command[0] == "db":
        assert quizapp(tmp_path, "config", "set", "new_per_day", "5").returncode == 0
    before = sorted(tmp_path.rglob("*"))
    target = f"{where}.{str(command[-1]).split('.')[1]}"
    args = [target if a == command[-1] else a for a in command]
    args = [tmp_path / "results" if a == "RESULTS" else a for a in args]
    one_line(quizapp(tmp_path, *args), target)
    assert sorted(tmp_path.rglob("*")) == before


# --- the one formatter ------------------------------------------------------------------


def test_a_quizapp_error_is_one_line_located_as_far_as_known():
    assert str(QuizappError("no deck here")) == "no deck here"
    assert str(QuizappError("no deck here", path="decks/x")) == "decks/x: no deck here"
    assert str(QuizappError("bad key", path="a.yaml", line=3)) == "a.yaml:3: bad key"
    assert str(QuizappError("bad key", path=Path("a.yaml"), line=3, col=7)) == "a.yaml:3:7: bad key"
    assert isinstance(InvalidValue("x"), ValueError) and isinstance(StoreError("x"), QuizappError)


def test_error_line_reports_what_quizapp_expects_and_leaves_bugs_alone():
    db = Path("p.sqlite3")
    assert error_line(StoreError("p.sqlite3 is a folder"), db) == "p.sqlite3 is a folder"
    damaged = error_line(sqlite3.DatabaseError("database disk image is malformed"), db)
    assert (
        damaged
        == "p.sqlite3: database disk image is malformed. Run `quizapp db check` for details."
    )
    missing = OSError(errno.ENOENT, "No such file or directory", "in.json")
    assert error_line(missing, db) == "in.json: No such file or directory"
    assert error_line(BrokenPipeError(errno.EPIPE, "Broken pipe"), db) is None  # click's
    assert error_line(KeyError("card"), db) is None  # a bug keeps its traceback
