"""A deck can be named as in the decks folder (the bundled ones by default), so the
README's and --help's examples work from any folder. The trial-3 student's
`export anki decks/iim` failed outside the repository, and `export anki iim` was refused."""

import csv
import io
import shutil
from pathlib import Path

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
    assert unknown.exit_code != 0 and "Traceback" not in unknown.output
    assert "'iim' is neither a path nor a deck in" in unknown.output and "myo" in unknown.output
    assert not Path("out.csv").exists()
