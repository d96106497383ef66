"""`quizapp schedule`: card actions and backlog moves from the command line, on a real file."""

from datetime import UTC, datetime, timedelta

from click.testing import CliRunner
from fsrs import Rating

from quizapp.cli import main
from quizapp.srs.config import save_setting
from quizapp.srs.session import StudySession
from quizapp.store.cards import get_card
from tests.srs.srs_helpers import START, add_cards
from tests.support.clock import Clock


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), "schedule", *args])


def test_suspend_unsuspend_by_id_with_honest_counts(db_path, conn):
    ids = add_cards(conn, 4)
    result = run(db_path, "suspend", ids[0])
    assert (result.exit_code, result.output) == (0, "1 card suspended\n")
    result = run(db_path, "suspend", *ids[:3])
    assert result.output == "2 cards suspended; 1 already suspended\n"
    assert [get_card(conn, i).suspended for i in ids] == [1, 1, 1, 0]
    assert (
        run(db_path, "unsuspend", *ids).output == "3 cards unsuspended; 1 already not suspended\n"
    )


def test_filters_choose_cards(db_path, conn):
    ids = add_cards(conn, 6)  # topics topic0, topic1, topic2, topic0, ...
    assert run(db_path, "flag", "--topic", "topic1").output == "2 cards flagged\n"
    assert run(db_path, "bury", "--flagged").output == "2 cards buried until tomorrow\n"
    assert [bool(get_card(conn, i).buried_day) for i in ids] == [i % 3 == 1 for i in range(6)]
    assert run(db_path, "unflag", "--deck", "iim", "--kind", "basic").exit_code == 0
    assert not any(get_card(conn, i).flagged for i in ids)


def test_reset_from_the_command_line(db_path, conn):
    ids = add_cards(conn, 2)
    clock = Clock(START)
    StudySession(conn, clock=clock).answer(ids[0], Rating.Good)
    result = run(db_path, "reset", *ids)
    assert result.output == "1 card reset to new; 1 already new\n"
    assert get_card(conn, ids[0]).state == 0


def test_bad_input_is_one_line_exit_status_and_nothing_changed(db_path, conn, tmp_path):
    ids = add_cards(conn, 2)
    result = run(db_path, "suspend", ids[0], "iim:nope")
    assert result.exit_code == 1
    assert result.stderr == f"quizapp: no card 'iim:nope' in {db_path}; nothing was changed\n"
    assert get_card(conn, ids[0]).suspended == 0
    result = run(db_path, "suspend", "--topic", "nowhere")
    assert result.exit_code == 1 and "no card in" in result.stderr
    assert run(db_path, "suspend").exit_code == 2  # nothing chosen: a usage error
    assert run(db_path, "suspend", ids[0], "--flagged").exit_code == 2
    assert run(db_path, "postpone", "0").exit_code == 2
    missing = tmp_path / "missing" / "progress.sqlite3"
    result = run(missing, "unsuspend", ids[0])
    assert result.exit_code == 1 and "there is no progress file" in result.stderr
    assert not missing.parent.exists()  # never a file created where none was asked for
    for args in (("suspend", "x"), ("postpone", "3"), ("advance", "3")):
        assert "Traceback" not in run(db_path, *args).output


def test_postpone_and_advance_report_what_moved(db_path, conn):
    ids = add_cards(conn, 6)
    save_setting(conn, "learning_steps_minutes", [])
    now = datetime.now(UTC)
    for i, card_id in enumerate(ids):
        StudySession(conn, clock=Clock(now - timedelta(days=30 + i))).answer(card_id, Rating.Good)
    result = run(db_path, "postpone", "3")
    assert (result.exit_code, result.output) == (0, "4 reviews moved to later days (over 3 days)\n")
    assert run(db_path, "advance", "1").output == "1 review brought into today\n"
    assert (
        run(db_path, "advance", "10", "--deck", "other").output == "0 reviews brought into today\n"
    )
