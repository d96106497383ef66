"""`quizapp config set/get/unset exam_date --deck ID` on a real progress file."""

import json
from datetime import UTC, date, datetime, timedelta

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.srs.config import study_today
from quizapp.srs.exam import exam_dates
from tests.srs.srs_helpers import add_cards


def today(conn) -> date:
    """The study day the command counts from (it starts at 04:00: between midnight and
    then, the calendar date is one day ahead of it)."""
    return date.fromordinal(study_today(conn, lambda: datetime.now(UTC)))


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), "config", *args])


def test_set_get_list_unset(db_path, conn):
    add_cards(conn, 30)
    exam = today(conn) + timedelta(days=40)
    result = run(db_path, "set", "exam_date", exam.isoformat(), "--deck", "iim")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f'exam_date --deck iim = "{exam.isoformat()}"'
    assert lines[1].startswith("IIM exam in ") and "expected recall 90% (target 90%)" in lines[1]
    assert exam_dates(conn) == {"iim": exam}
    assert run(db_path, "get", "exam_date", "--deck", "iim").output == f'"{exam.isoformat()}"\n'
    assert f'* exam_date --deck iim = "{exam.isoformat()}"' in run(db_path).output
    listed = json.loads(run(db_path, "list", "--json").output)
    assert listed["exam_dates"] == {"iim": exam.isoformat()}
    assert listed["exam_max_new_per_day"] == 100
    assert run(db_path, "unset", "exam_date", "--deck", "iim").exit_code == 0
    assert exam_dates(conn) == {}
    assert run(db_path, "get", "exam_date", "--deck", "iim").output == "null\n"


def test_a_pace_too_high_is_a_warning(db_path, conn):
    add_cards(conn, 600)
    exam = today(conn) + timedelta(days=8)  # 5 days for new cards, 100 a day at most
    result = run(db_path, "set", "exam_date", exam.isoformat(), "--deck", "iim")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        "warning: needs 120 new cards a day, 100 allowed: 100 new cards unseen by the exam"
    )


def test_bad_input_is_one_line_and_changes_nothing(db_path, conn):
    add_cards(conn, 3)
    later = (today(conn) + timedelta(days=9)).isoformat()
    for args, message in [
        (("set", "exam_date", "15/03/2027", "--deck", "iim"), "exam date must be a date as"),
        (("set", "exam_date", "2020-01-01", "--deck", "iim"), "exam date 2020-01-01 is before"),
        (("set", "exam_date", later, "--deck", "nope"), "no deck 'nope'; decks: iim"),
        (("set", "exam_date", later), "exam_date is set per deck: add --deck ID"),
        (
            ("set", "desired_retention", "0.8", "--deck", "iim"),
            "desired_retention cannot be set per deck",
        ),
        (("get", "exam_date"), "exam_date is set per deck"),
        (("set", "exam_date", later, "--deck", "iim", "--reschedule"), "--reschedule applies"),
    ]:
        result = run(db_path, *args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith(f"quizapp: {message}"), result.stderr
        assert "Traceback" not in result.output + result.stderr
    assert conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_no_file_is_created_for_an_exam_date(tmp_path):
    missing = tmp_path / "progress.sqlite3"
    result = CliRunner().invoke(
        main, ["--db", str(missing), "config", "set", "exam_date", "2099-01-01", "--deck", "iim"]
    )
    assert result.exit_code == 1 and "no progress file" in result.stderr
    assert not missing.exists()


def test_db_check_finds_a_damaged_exam_date(db_path, conn):
    add_cards(conn, 1)
    conn.execute("INSERT INTO settings(key, value) VALUES ('exam_dates', '{\"iim\": \"soon\"}')")
    conn.commit()
    result = CliRunner().invoke(main, ["--db", str(db_path), "db", "check"])
    assert result.exit_code == 1
    assert "exam date must be a date as YYYY-MM-DD, not 'soon'" in result.output + result.stderr
