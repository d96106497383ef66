"""`quizapp validate` through click's runner and as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from tests.support.paths import MINI_DECK

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )


def test_valid_deck_exits_zero():
    result = CliRunner().invoke(main, ["validate", str(MINI_DECK)])
    assert result.exit_code == 0
    assert "1 deck: 0 errors" in result.output


def test_bundled_decks_are_valid():
    result = CliRunner().invoke(main, ["validate", str(REPO / "decks")])
    assert result.exit_code == 0, result.output
    assert ": error:" not in result.output


def test_invalid_deck_exits_one_with_located_lines(write):
    path = write(
        "bad.yaml", "format: 1\ndeck: {id: x, title: X, version: 1, authors: [a], color: red}\n"
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:51: error: unknown key 'color' in deck" in result.output


def test_json_format_lists_problem_objects(write):
    path = write(
        "bad.yaml", "format: 1\ndeck: {id: x, title: X, version: 1, authors: [a], color: red}\n"
    )
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert problems == [
        {
            "path": str(path),
            "line": 2,
            "col": 51,
            "severity": "error",
            "message": "unknown key 'color' in deck",
        }
    ]


def test_missing_path_is_bad_input_with_its_path():
    result = CliRunner().invoke(main, ["validate", "/no/such/deck.yaml"])
    assert result.exit_code == 1
    assert result.output == "quizapp: no such deck file or folder: '/no/such/deck.yaml'.\n"


def test_subprocess_reports_bad_input_without_traceback(write):
    path = write("evil.yaml", b"format: 1\ndeck: !!python/object/apply:os.system [true]\n\x00")
    proc = run("validate", str(path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{path}:3:1: error: file contains a NUL byte" in proc.stderr


def test_subprocess_version_and_help():
    version = run("--version")
    assert version.returncode == 0 and "quizapp" in version.stdout
    help_text = run("--help")
    assert help_text.returncode == 0
    for word in ("validate", "--db", "--decks", "QUIZAPP_DB"):
        assert word in help_text.stdout
