"""Issue 17, item 3: text from results files and file names reaches a terminal as text.

Every line the command line prints passes through `quizapp.terminal`: control characters
come out as `\\u001b`-style text (still valid inside JSON strings), never as the bytes a
terminal would execute. One test runs the real program on a real pseudo-terminal, where
click itself no longer strips anything."""

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.quiz.results_file import ResultItem
from quizapp.terminal import picture, visible
from tests.quiz.test_quiz_cli import learner_file

ROOT = Path(__file__).resolve().parents[2]
CLEAR = "\x1b[2J\x1b[H"
TITLE = "\x1b]0;pwned\x07"
LINK = "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\"
RAW = ("\x1b", "\x07", "\x9b", "\r\x00")


def hostile_results(tmp_path: Path) -> Path:
    item = ResultItem(
        f"iim:mcq:{CLEAR}1", "iim", f"topic{TITLE}\x9b31m{LINK}", "mcq",
        ("A", "B"), "A", "B", False, 3.0, False,
    )  # fmt: skip
    path = tmp_path / "student.json"
    path.write_text(learner_file([item], "b1"), encoding="utf-8")
    return path


def no_raw_controls(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(char)


def test_visible_and_picture():
    assert visible(f"a{CLEAR}b\tc\r\nd\re\x9b\udc80") == (
        "a\\u001b[2J\\u001b[Hb\tc\r\nd\\u000de\\u009b\\udc80"
    )
    assert picture("a\x1b[2Jb\x7f\x9b") == "a\u241b[2Jb\u2421\ufffd"


def test_report_table_csv_and_json_show_escapes_as_text(tmp_path):
    path = hostile_results(tmp_path)
    for fmt in ("table", "csv", "json"):
        result = CliRunner().invoke(main, ["report", str(path), "--format", fmt])
        assert result.exit_code == 0, result.output
        no_raw_controls(result.output)
        assert "\\u001b]0;pwned\\u0007" in result.stdout or fmt == "table"
    data = json.loads(CliRunner().invoke(main, ["report", str(path), "--format", "json"]).stdout)
    topics = {item["topic"] for block in data["blocks"] for item in block["items"]}
    assert f"topic{TITLE}\x9b31m{LINK}" in topics  # JSON keeps the exact value


def test_echoed_file_names_show_escapes_as_text(tmp_path):
    name = tmp_path / f"deck{TITLE}.yaml"
    name.write_text("format: 1\n")
    for args in (
        ["validate", str(name)],
        ["report", str(name)],
        ["cards", str(tmp_path / f"x{CLEAR}")],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code != 0
        no_raw_controls(result.output)
        assert "\\u001b" in result.output or "\\x1b" in result.output, result.output  # click's repr


def run_on_a_terminal(*args: str) -> bytes:
    """The real program with stdout and stderr on a pseudo-terminal; all it wrote."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [sys.executable, "-m", "quizapp", *args], stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the program closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks)


def test_on_a_real_terminal_nothing_is_executed(tmp_path):
    path = hostile_results(tmp_path)
    for fmt in ("table", "csv"):
        output = run_on_a_terminal("report", str(path), "--format", fmt)
        assert b"\x1b" not in output and b"\xc2\x9b" not in output and b"\x07" not in output
        assert b"\\u001b[2J" in output or fmt == "table"
    shown = run_on_a_terminal("validate", str(tmp_path / f"none{CLEAR}.yaml"))
    assert b"\x1b" not in shown and b"[2J" in shown


def test_progress_bars_still_draw_on_a_terminal(tmp_path):
    """quizapp's own control sequences (a progress bar) pass; only data is made visible."""
    output = run_on_a_terminal(
        "export", "csv", str(ROOT / "decks" / "iim"), "-o", str(tmp_path / "cards.csv")
    )
    assert b"\r\x1b[?25l" in output and b"100%" in output
    assert b"\\u000d" not in output and b"\\u001b" not in output
