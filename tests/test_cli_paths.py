"""Paths a newcomer gets wrong: a progress file that is not there, a decks folder that is
not there. Each is one located line on stderr, exit 1, and nothing created."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import main

READING_COMMANDS = [["stats"], ["quiz", "history"], ["quiz", "history", "--json"]]


def files_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


@pytest.mark.parametrize("args", [*READING_COMMANDS, ["results", "export", "OUT"]])
def test_reading_commands_on_a_missing_progress_file_create_nothing(tmp_path, args) -> None:
    missing = tmp_path / "no" / "such" / "progress.sqlite3"
    args = [str(tmp_path / "out.json") if a == "OUT" else a for a in args]
    result = CliRunner().invoke(main, ["--db", str(missing), *args])
    assert result.exit_code == 1, result.output
    assert result.stderr == f"quizapp: there is no progress file at {missing}.\n"
    assert files_under(tmp_path) == []


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
