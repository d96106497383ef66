"""Paths a newcomer gets wrong: a progress file that is not there, a decks folder that is
not there. Each is one located line on stderr, exit 1, and nothing created."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizapp.cli import main


def files_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


SMALL = Path(__file__).parent / "generate" / "data" / "small.yaml"

# Every command that only reads the progress file, or does not need it at all, with the
# exit status it has when the file is not there: 1 with the one line below for those that
# read it, the command's own status for the others.
NEEDS_THE_FILE = [
    ["stats"],
    ["stats", "--json"],
    ["quiz", "history"],
    ["config"],
    ["config", "list", "--json"],
    ["config", "get", "new_per_day"],
    ["config", "get", "exam_date", "--deck", "small"],
    ["forecast", "--days", "7"],
    ["optimize", "--dry-run"],
    ["db", "check"],
    ["db", "backup", "OUT/backup.sqlite3"],
    ["results", "export", "OUT/results.json"],
]
WITHOUT_THE_FILE = [
    (["validate", SMALL], 0),
    (["lint", SMALL], 0),
    (["cards", SMALL, "--kind", "basic"], 0),
    (["cards"], 0),  # the decks folder (--decks)
    (["explain", SMALL], 0),
    (["export", "csv", SMALL, "-o", "OUT/cards.csv"], 0),
    (["export", "anki", SMALL, "-o", "OUT/cards.apkg"], 0),
    (["export", "lms", SMALL, "--format", "gift", "-o", "OUT/quiz.gift"], 0),
    (["report", "OUT"], 1),  # no results files there
]


def _run_without_a_progress_file(tmp_path: Path, args: list) -> tuple[Result, Path]:
    """Run with --db in an empty folder and the decks folder holding SMALL; OUT is a
    folder of its own for what a command is asked to write."""
    db_folder, decks, out = tmp_path / "db", tmp_path / "decks", tmp_path / "out"
    for folder in (db_folder, decks, out):
        folder.mkdir()
    shutil.copy(SMALL, decks)
    args = [str(a).replace("OUT", str(out)) for a in args]
    db = db_folder / "progress.sqlite3"
    result = CliRunner().invoke(main, ["--db", str(db), "--decks", str(decks), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert list(db_folder.iterdir()) == [], "a reading command created the progress file"
    return result, db


@pytest.mark.parametrize("args", NEEDS_THE_FILE, ids=" ".join)
def test_a_reading_command_never_creates_the_progress_file(tmp_path, args) -> None:
    result, db = _run_without_a_progress_file(tmp_path, args)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"quizapp: there is no progress file at {db}.\n"
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(("args", "status"), WITHOUT_THE_FILE)
def test_a_command_without_the_progress_file_neither_needs_nor_creates_it(
    tmp_path, args, status
) -> None:
    result, _ = _run_without_a_progress_file(tmp_path, args)
    assert result.exit_code == status, result.output
    wrote = [a for a in map(str, args) if a.startswith("OUT/")]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [Path(w).name for w in wrote]


@pytest.mark.parametrize(
    "setting",
    [["desired_retention", "2"], ["bury_reviews", "maybe"], ["theme", "no-such"], ["nope", "1"]],
)
def test_a_bad_setting_is_refused_before_the_progress_file_is_created(tmp_path, setting) -> None:
    result, _ = _run_without_a_progress_file(tmp_path, ["config", "set", *setting])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("quizapp: ") and result.stderr.count("\n") == 1


def test_an_import_dry_run_never_creates_the_progress_file(tmp_path) -> None:
    package = tmp_path / "small.apkg"
    assert (
        CliRunner().invoke(main, ["export", "anki", str(SMALL), "-o", str(package)]).exit_code == 0
    )
    result, _ = _run_without_a_progress_file(tmp_path, ["import", "anki", package, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Dry run, nothing changed. {package}: ")


def run_quizapp(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The real program; the app (no command) exits once home shows, as in the benchmark."""
    return subprocess.run(
        [sys.executable, "-m", "quizapp", "--db", str(tmp_path / "progress.sqlite3"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QUIZAPP_EXIT_WHEN_READY": "1", **env},
    )


@pytest.mark.parametrize("command", [[], ["stats"]])
def test_a_decks_folder_that_does_not_exist_is_an_error(tmp_path, command) -> None:
    missing = tmp_path / "my-decks"
    done = run_quizapp(tmp_path, "--decks", str(missing), *command)
    assert done.returncode == 1
    assert done.stderr == (
        f"quizapp: {missing}: no such folder (the decks folder given by --decks).\n"
    )
    assert files_under(tmp_path) == []  # no progress file either


def test_a_decks_path_that_is_a_file_or_comes_from_the_environment(tmp_path) -> None:
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text("id: x\n")
    done = run_quizapp(tmp_path, "stats", QUIZAPP_DECKS=str(deck_file))
    assert done.returncode == 1
    assert done.stderr == (
        f"quizapp: {deck_file}: not a folder (the decks folder given by QUIZAPP_DECKS).\n"
    )
    assert files_under(tmp_path) == [deck_file]
