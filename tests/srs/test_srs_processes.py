"""Real processes on a real file: SIGKILL mid-study, and two studying at once."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from quizapp.store.connection import open_store
from tests.srs.srs_helpers import add_cards

WORKER = Path(__file__).with_name("study_worker.py")
ROOT = Path(__file__).resolve().parents[2]


def start(db_path: Path, count: int, seed: int, pause: float = 0.0) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, str(WORKER), str(db_path), str(count), str(seed), str(pause)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout's quizapp, not an install's
    )
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    return process


def acks(lines: list[str]) -> dict[int, str]:
    """review id -> card id, from the worker's acknowledgement lines."""
    pairs = (line.split() for line in lines if line.startswith("ack "))
    return {int(review_id): card_id for _, review_id, card_id in pairs}


def logged(db_path: Path) -> dict[int, str]:
    plain = sqlite3.connect(db_path)
    try:
        assert plain.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = plain.execute(
            "SELECT r.id, c.card_id FROM review_log r JOIN cards c ON c.id = r.card"
        ).fetchall()
    finally:
        plain.close()
    return dict(rows)


def test_sigkill_loses_no_acknowledged_answer(db_path):
    conn = open_store(db_path)
    add_cards(conn, 400)
    conn.close()
    rng = random.Random(5)
    acknowledged: dict[int, str] = {}
    runs = 12
    for run in range(runs):
        process = start(db_path, 10_000, seed=run)
        process.stdin.write("go\n")
        process.stdin.flush()
        lines = []
        for _ in range(rng.randint(0, 40)):
            lines.append(process.stdout.readline())
        time.sleep(rng.random() * 0.004)
        os.kill(process.pid, signal.SIGKILL)
        rest, _ = process.communicate()
        assert process.returncode == -signal.SIGKILL
        acknowledged |= acks(lines + rest.splitlines())
        in_file = logged(db_path)
        missing = {k: v for k, v in acknowledged.items() if in_file.get(k) != v}
        assert not missing, f"run {run}: acknowledged answers lost: {missing}"
        # at most the answer being given when killed is in the file without its ack
        assert len(in_file) - len(acknowledged) <= run + 1
    assert acknowledged


def test_two_processes_answer_on_one_file(db_path):
    conn = open_store(db_path)
    add_cards(conn, 300)
    conn.close()
    workers = [start(db_path, 150, seed, pause=0.002) for seed in (1, 2)]
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outputs = [worker.communicate(timeout=60) for worker in workers]
    for worker, (_, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0 and err == "", err
    answered = [acks(out.splitlines()) for out, _ in outputs]
    assert [len(a) for a in answered] == [150, 150]
    assert logged(db_path) == answered[0] | answered[1]
    # they really ran at the same time: their answers interleave in the log
    assert max(answered[0]) > min(answered[1]) and max(answered[1]) > min(answered[0])
