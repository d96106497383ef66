"""`quizapp config`: settings stored in the progress file, bad input refused with exit 1."""

import json

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.srs.config import load_config


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), "config", *args])


def test_set_get_list_unset(db_path, conn):
    assert run(db_path, "set", "bury_reviews", "on").exit_code == 0
    assert run(db_path, "set", "learning_steps_minutes", "2, 15").exit_code == 0
    assert load_config(conn).bury_reviews is True
    assert load_config(conn).learning_steps_minutes == (2.0, 15.0)
    assert run(db_path, "get", "bury_reviews").output == "true\n"
    listing = run(db_path).output
    assert "* bury_reviews = true" in listing and "  bury_new = true" in listing
    assert json.loads(run(db_path, "list", "--json").output)["bury_interday_learning"] is False
    assert run(db_path, "unset", "bury_reviews").exit_code == 0
    assert load_config(conn).bury_reviews is False


def test_bad_input_is_one_line_and_changes_nothing(db_path, conn):
    for args, message in [
        (("set", "bury_new", "maybe"), "bury_new needs true or false, not 'maybe'"),
        (("set", "no_such", "1"), "unknown setting 'no_such'"),
        (("get", "no_such"), "unknown setting 'no_such'"),
        (("set", "desired_retention", "1.2"), "desired_retention must be from 0.7 to 0.99"),
        # values a new user tried that used to crash the app later (NaN steps, huge limits)
        (("set", "desired_retention", "0.09"), "desired_retention must be from 0.7 to 0.99"),
        (("set", "desired_retention", "-0.1"), "desired_retention must be from 0.7 to 0.99"),
        (("set", "learning_steps_minutes", "nan"), "learning_steps_minutes must be from"),
        (("set", "new_per_day", "9" * 23), "new_per_day must be from 0 to 999999"),
        (("set", "maximum_interval_days", "0"), "maximum_interval_days must be from 1"),
        (("set", "new_per_day", "many"), "new_per_day needs a whole number"),
        (("set", "parameters", "1 2 3"), "parameters: Expected 21 parameters, got 3."),
    ]:
        result = run(db_path, *args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith(f"quizapp: {message}"), result.stderr
        assert "Traceback" not in result.output + result.stderr
    assert conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_lists_are_read_back_as_config_get_prints_them(db_path, conn):
    assert run(db_path, "set", "learning_steps_minutes", "[1, 10, 60]").exit_code == 0
    assert load_config(conn).learning_steps_minutes == (1.0, 10.0, 60.0)


def test_reading_commands_never_create_a_progress_file(tmp_path):
    """A new user's trial: `stats` and `config list` on a missing path made its folders."""
    missing = tmp_path / "no" / "such" / "progress.sqlite3"
    for args in (["stats"], ["config", "list"], ["config", "get", "new_per_day"]):
        result = CliRunner().invoke(main, ["--db", str(missing), *args])
        assert result.exit_code == 1, args
        assert f"there is no progress file at {missing}" in result.stderr
    assert not (tmp_path / "no").exists()
