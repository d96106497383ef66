"""Issue 17, item 7: no input makes quizapp wait or read without end.

A pipe that never ends (a named pipe whose writer stays open and silent) and /dev/zero are
offered as a deck, a results file and a progress file, through the real command in a child
process: each is refused at once with a message, never read, never a hang."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

COMMANDS = {
    "deck": lambda path: ["validate", path],
    "results file": lambda path: ["report", path],
    "progress file": lambda path: ["--db", path, "stats"],
}


def run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,  # a hang fails the test instead of stalling the suite
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.parametrize("source", ["silent pipe", "/dev/zero"])
@pytest.mark.parametrize("what", sorted(COMMANDS))
def test_a_pipe_or_endless_device_is_refused_at_once(tmp_path, what, source):
    writer = None
    path = source
    if source == "silent pipe":
        path = str(tmp_path / "input")
        os.mkfifo(path)
        writer = os.open(path, os.O_RDWR)  # a writer that is there and never writes
    try:
        result = run(COMMANDS[what](path))
    finally:
        if writer is not None:
            os.close(writer)
    assert result.returncode == 1, result
    assert "not a regular file" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
