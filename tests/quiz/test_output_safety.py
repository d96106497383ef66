"""Issue 17, items 1-2: no command with an output path destroys progress or writes a file
that is not its own. Real progress files, real results files, the real command line."""

import json
import os
import sqlite3
import stat

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.quiz.results_file import ResultItem
from tests.quiz.test_quiz_cli import learner_file, take

ITEM = ResultItem("iim:mcq:001", "iim", "t", "mcq", ("A", "B"), "A", "A", True, 3.0, False)


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def refused(result, *words):
    """Exit 1, one `quizapp:` line naming the problem, nothing on stdout, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("quizapp: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output and result.stdout == ""
    for word in words:
        assert word in result.stderr, result.stderr


def fingerprint(path):
    """Bytes and inode: a refused write leaves both as they were."""
    return path.read_bytes(), path.stat().st_ino


@pytest.fixture
def submitted(conn, db_path, library, clock):
    """A progress file with one submitted block (the fixture connection stays open)."""
    take(conn, library, clock, 1, right=2)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db_path


def answers_in(db_path):
    plain = sqlite3.connect(db_path)
    try:
        return plain.execute("SELECT count(*) FROM quiz_items WHERE chosen IS NOT NULL").fetchone()
    finally:
        plain.close()


# --- item 1: never onto the progress file, a database, a deck or an input ----------------


def test_export_onto_the_progress_file_is_refused_in_every_spelling(submitted, tmp_path):
    before = answers_in(submitted)
    (tmp_path / "sub").mkdir()
    os.link(submitted, tmp_path / "hard.sqlite3")
    (tmp_path / "link.json").symlink_to(submitted)
    spellings = [
        submitted,
        tmp_path / "sub" / ".." / submitted.name,
        tmp_path / "hard.sqlite3",
        tmp_path / "link.json",
    ]
    for target in spellings:
        for extra in ([], ["--force"]):
            result = run(submitted, "results", "export", str(target), *extra)
            refused(result)
            assert "progress file" in result.stderr or "symbolic link" in result.stderr
    assert answers_in(submitted) == before


def test_export_onto_the_progress_journal_is_refused(submitted):
    wal = submitted.with_name(submitted.name + "-wal")
    refused(run(submitted, "results", "export", str(wal), "--force"), "journal")


def test_export_never_overwrites_a_database_or_a_deck_even_with_force(submitted, tmp_path):
    other = tmp_path / "other-app.db"
    foreign = sqlite3.connect(other)
    foreign.execute("CREATE TABLE mine (x)")
    foreign.commit()
    foreign.close()
    deck = tmp_path / "deck.yaml"
    deck.write_text("deck: {id: x}\n")
    for target, word in ((other, "SQLite database"), (deck, "deck")):
        before = fingerprint(target)
        refused(run(submitted, "results", "export", str(target), "--force"), word)
        assert fingerprint(target) == before


def test_an_existing_file_is_replaced_only_with_force(submitted, tmp_path):
    out = tmp_path / "mine.json"
    out.write_text("keep me")
    out.chmod(0o640)
    refused(run(submitted, "results", "export", str(out)), "already exists", "--force")
    assert out.read_text() == "keep me"
    result = run(submitted, "results", "export", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["format"] == "quizapp-results"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # the replaced file keeps its mode
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_to_stdout_with_a_dash(submitted, tmp_path):
    result = run(submitted, "results", "export", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["blocks"]
    assert "standard output" in result.stderr
    assert not (tmp_path / "-").exists()


def test_export_without_a_progress_file_creates_none(tmp_path):
    db_path = tmp_path / "none.sqlite3"
    refused(run(db_path, "results", "export", str(tmp_path / "x.json")), "no progress file")
    assert sorted(tmp_path.iterdir()) == []


def test_report_output_onto_progress_inputs_and_databases_is_refused(submitted, tmp_path):
    results = tmp_path / "a.json"
    results.write_text(learner_file([ITEM], "b1"))
    other = tmp_path / "b.json"
    other.write_text(learner_file([ITEM], "b1"))
    guarded = [
        (submitted, "progress file"),
        (results, "reading"),
        (tmp_path / "." / "b.json", "reading"),
    ]
    for target, word in guarded:
        before = fingerprint(target)
        result = run(submitted, "report", str(results), str(other), "-o", str(target), "--force")
        refused(result, word)
        assert fingerprint(target) == before
    assert answers_in(submitted) == (2,)


def test_report_output_needs_force_to_replace_and_dash_is_stdout(submitted, tmp_path):
    results = tmp_path / "a.json"
    results.write_text(learner_file([ITEM], "b1"))
    out = tmp_path / "report.csv"
    out.write_text("old")
    refused(run(submitted, "report", str(results), "-o", str(out)), "already exists")
    assert out.read_text() == "old"
    forced = run(submitted, "report", str(results), "-o", str(out), "--force", "--format", "csv")
    assert forced.exit_code == 0, forced.output
    assert out.read_text().startswith("block,")
    dash = run(submitted, "report", str(results), "-o", "-", "--format", "json")
    assert dash.exit_code == 0 and json.loads(dash.stdout)["format"] == "quizapp-item-analysis"


# --- item 2: only regular files; links refused, not followed ------------------------------


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "link-to-file", "dangling-link"])
def test_only_regular_files_or_new_paths_are_written(submitted, tmp_path, kind):
    target = tmp_path / "target.json"
    victim = tmp_path / "victim.json"
    victim.write_text("victim")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "device":
        target = type(target)("/dev/null")
    elif kind == "link-to-file":
        target.symlink_to(victim)
    else:
        target.symlink_to(tmp_path / "nowhere.json")
    before = os.lstat(target)
    for command in (
        ("results", "export", str(target), "--force"),
        ("report", str(tmp_path / "r.json"), "-o", str(target), "--force"),
    ):
        (tmp_path / "r.json").write_text(learner_file([ITEM], "b1"))
        result = run(submitted, *command)
        assert result.exit_code != 0 and "Traceback" not in result.output
        after = os.lstat(target)
        assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert victim.read_text() == "victim"
    assert not (tmp_path / "nowhere.json").exists()


def test_backup_refuses_links_and_the_progress_file(submitted, tmp_path):
    link = tmp_path / "backup.sqlite3"
    link.symlink_to(tmp_path / "elsewhere.sqlite3")
    refused(run(submitted, "db", "backup", str(link)), "symbolic link")
    assert not (tmp_path / "elsewhere.sqlite3").exists()
    refused(run(submitted, "db", "backup", str(submitted)), "progress file")


def test_import_leaves_a_fifo_in_the_class_folder_alone(submitted, tmp_path):
    results = tmp_path / "a.json"
    results.write_text(learner_file([ITEM], "b1"))
    folder = tmp_path / "class"
    first = run(submitted, "results", "import", str(results), "--into", str(folder))
    assert first.exit_code == 0, first.output
    (imported,) = folder.iterdir()
    imported.unlink()
    os.mkfifo(imported)
    refused(run(submitted, "results", "import", str(results), "--into", str(folder)))
    assert stat.S_ISFIFO(os.lstat(imported).st_mode)
