"""Issue 17, item 8: a class report counts each learner once.

Every export of one progress file carries the same random `learner_id`; importing a newer
export replaces the older one (moved to `superseded/`, never deleted), an older one is
refused, and `report` given both counts the newest only. Real progress files, the real CLI."""

import json
import shutil

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.quiz.class_report import POOLED
from quizapp.quiz.results_file import read_results
from quizapp.store.connection import open_store
from quizapp.store.settings import read_settings
from tests.quiz.test_quiz_cli import take


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def pooled_learners(db_path, *paths) -> tuple[int, str]:
    result = run(db_path, "report", *map(str, paths), "--format", "json")
    assert result.exit_code == 0, result.output
    [pooled] = [b for b in json.loads(result.stdout)["blocks"] if b["block"] == POOLED]
    return pooled["n_learners"], result.stderr


def export(db_path, path, *extra):
    result = run(db_path, "results", "export", str(path), *extra)
    assert result.exit_code == 0, result.output
    return read_results(path)


def test_a_re_export_replaces_the_earlier_import(conn, db_path, library, clock, tmp_path):
    take(conn, library, clock, 1, right=2)
    first = export(db_path, tmp_path / "monday.json")
    take(conn, library, clock, 2, right=1)
    second = export(db_path, tmp_path / "friday.json")
    assert first.learner_id == second.learner_id and first.learner_id.startswith("l-")
    assert read_settings(conn)["learner_id"] == first.learner_id
    assert second.exported_at >= first.exported_at
    if second.exported_at == first.exported_at:  # exports within one second: make it later
        data = json.loads((tmp_path / "friday.json").read_text())
        data["exported_at"] = "2099-01-01T00:00:00Z"
        (tmp_path / "friday.json").write_text(json.dumps(data))

    folder = tmp_path / "class"
    assert (
        run(
            db_path, "results", "import", str(tmp_path / "monday.json"), "--into", str(folder)
        ).exit_code
        == 0
    )
    again = run(db_path, "results", "import", str(tmp_path / "friday.json"), "--into", str(folder))
    assert again.exit_code == 0, again.output
    assert "Replaced this learner's earlier export monday-" in again.stdout
    (current,) = folder.glob("*.json")
    assert current.name.startswith("friday-")
    (kept,) = (folder / "superseded").glob("*.json")  # kept, not deleted
    assert kept.name.startswith("monday-")
    assert pooled_learners(db_path, folder)[0] == 1

    older = run(db_path, "results", "import", str(tmp_path / "monday.json"), "--into", str(folder))
    assert older.exit_code == 1 and "nothing was added" in older.stderr
    assert [p.name for p in folder.glob("*.json")] == [current.name]


def test_report_given_both_exports_counts_the_learner_once(conn, db_path, library, clock, tmp_path):
    take(conn, library, clock, 1, right=2)
    export(db_path, tmp_path / "a.json")
    data = json.loads((tmp_path / "a.json").read_text())
    data["exported_at"] = "2099-01-01T00:00:00Z"
    (tmp_path / "b.json").write_text(json.dumps(data))
    learners, notes = pooled_learners(db_path, tmp_path / "a.json", tmp_path / "b.json")
    assert learners == 1
    assert "a.json: an older export of a learner given again" in notes


def test_two_progress_files_are_two_learners(conn, db_path, library, clock, tmp_path):
    take(conn, library, clock, 1, right=2)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    other_db = tmp_path / "other.sqlite3"
    shutil.copy(db_path, other_db)
    other = open_store(other_db)
    other.execute("DELETE FROM settings WHERE key = 'learner_id'")
    other.close()
    export(db_path, tmp_path / "a.json")
    export(other_db, tmp_path / "b.json")
    assert (
        read_results(tmp_path / "a.json").learner_id != read_results(tmp_path / "b.json").learner_id
    )
    assert pooled_learners(db_path, tmp_path / "a.json", tmp_path / "b.json")[0] == 2


def test_version_1_files_are_still_read(conn, db_path, library, clock, tmp_path):
    take(conn, library, clock, 1, right=2)
    export(db_path, tmp_path / "new.json")
    data = json.loads((tmp_path / "new.json").read_text())
    data["version"] = 1
    del data["learner_id"]
    for name in ("x.json", "y.json"):
        (tmp_path / name).write_text(json.dumps(data))
    assert read_results(tmp_path / "x.json").learner_id is None
    assert pooled_learners(db_path, tmp_path / "x.json", tmp_path / "y.json")[0] == 2  # unknown
    data["learner_id"] = "l-1"
    (tmp_path / "z.json").write_text(json.dumps(data))
    bad = run(db_path, "report", str(tmp_path / "z.json"))
    assert bad.exit_code == 1 and "learner_id: unknown field" in bad.stderr
