"""A deck can be named as in the decks folder (the bundled ones by default), so the
README's and --help's examples work from any folder. The trial-3 student's
`export anki decks/iim` failed outside the repository, and `export anki iim` was refused."""

import csv
import io
import shutil
from pathlib import Path

import pytest

from tests.export.helpers import IIM, run


def test_a_bundled_deck_by_name_from_another_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no decks/ here
    by_name = run("export", "csv", "iim", "-o", "-")
    assert by_name.exit_code == 0, by_name.output
    by_path = run("export", "csv", str(IIM), "-o", "-")
    rows = list(csv.reader(io.StringIO(by_name.stdout)))
    assert len(rows) > 500 and by_name.stdout == by_path.stdout


def test_a_deck_named_in_the_decks_folder_given(tmp_path, monkeypatch) -> None:
    decks = tmp_path / "mine"
    shutil.copytree(IIM, decks / "myo")
    monkeypatch.chdir(tmp_path)
    result = run("--decks", str(decks), "export", "csv", "myo", "-o", "-")
    assert result.exit_code == 0, result.output
    unknown = run("--decks", str(decks), "export", "csv", "iim", "-o", "out.csv")
    assert unknown.exit_code == 1, unknown.output  # bad input, not click's usage error (2)
    assert unknown.stderr == (
        f"quizapp: 'iim' is neither a path nor a deck in {decks} (the decks there: myo).\n"
    )
    assert not Path("out.csv").exists()


@pytest.mark.parametrize(
    "words",
    [
        ["export", "anki", "nosuch", "-o", "out.apkg"],
        ["validate", "nosuch"],
        ["lint", "nosuch"],
        ["cards", "nosuch"],
    ],
    ids=["export", "validate", "lint", "cards"],
)
def test_an_unknown_deck_name_lists_the_decks_and_exits_1(tmp_path, monkeypatch, words) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*words)
    assert result.exit_code == 1, result.output
    assert "'nosuch' is neither a path nor a deck in" in result.stderr
    assert "(the decks there: iim, metabolic)" in result.stderr
    assert "Usage:" not in result.output and list(tmp_path.iterdir()) == []


def test_deck_upgrade_takes_paths_only(tmp_path, monkeypatch) -> None:
    """A bundled deck's name must not reach `deck upgrade`, which rewrites the file."""
    monkeypatch.chdir(tmp_path)
    result = run("deck", "upgrade", "iim")
    assert (
        result.exit_code == 1 and result.stderr == "quizapp: no such deck file or folder: 'iim'.\n"
    )
