"""A block taken by a real process that is killed with SIGKILL resumes with every saved change."""

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.quiz.builder import BlockSpec, Mode, Pool, build_block
from quizapp.quiz.session import BlockSession, load_block
from quizapp.store.connection import open_store
from tests.support.quiz_library import START

WORKER = Path(__file__).with_name("quiz_worker.py")


@dataclass
class Model:
    """What the block must hold: the worker's acknowledged changes replayed."""

    position: int
    chosen: dict[int, str | None]
    flagged: dict[int, bool]
    struck: dict[int, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, block) -> "Model":
        return cls(
            block.position,
            {i: s.chosen for i, s in enumerate(block.items)},
            {i: s.flagged for i, s in enumerate(block.items)},
            {i: s.struck for i, s in enumerate(block.items)},
        )

    def apply(self, op: str) -> "Model":
        new = Model(self.position, dict(self.chosen), dict(self.flagged), dict(self.struck))
        name, *arg = op.split()
        p = new.position
        if name == "go":
            new.position = int(arg[0])
        elif name == "answer":
            new.chosen[p] = arg[0]
            new.struck[p] = new.struck[p] - {arg[0]}
        elif name == "strike":
            new.struck[p] = new.struck[p] ^ {arg[0]}
        else:
            new.flagged[p] = not new.flagged[p]
        return new


def run_worker(db_path: Path, block_id: int, seed: int, lines_before_kill: int) -> list[str]:
    process = subprocess.Popen(
        [sys.executable, str(WORKER), str(db_path), str(block_id), str(seed)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    process.stdin.write("go\n")
    process.stdin.flush()
    lines = [process.stdout.readline().strip() for _ in range(lines_before_kill)]
    time.sleep(random.random() * 0.003)
    os.kill(process.pid, signal.SIGKILL)
    # read through the same buffered file: communicate() would skip what readline buffered
    rest = process.stdout.read()
    process.stderr.read()
    process.stdin.close()
    process.wait()
    assert process.returncode == -signal.SIGKILL
    return lines + rest.splitlines()


def test_sigkill_mid_block_resumes_with_every_saved_change(db_path, conn, library):
    block_id = build_block(
        conn, library, BlockSpec(pool=Pool.ALL, size=20, mode=Mode.TIMED, seed=11), START
    )
    conn.close()
    rng = random.Random(2)
    seconds_before = 0.0
    acked_total = 0
    for run in range(6):
        check = open_store(db_path)
        model = Model.of(load_block(check, block_id))
        check.close()
        lines = run_worker(db_path, block_id, seed=run, lines_before_kill=rng.randint(10, 120))
        pending = None
        for line in lines:
            if line.startswith("will "):
                pending = line[5:]
            elif line == "ack":
                model, pending = model.apply(pending), None
                acked_total += 1
        check = open_store(db_path)
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        resumed = BlockSession(check, block_id, lambda: START)
        found = Model.of(resumed.block)
        # every acknowledged change is there; at most the change being made also is
        assert found in (model, model.apply(pending) if pending else model), (run, pending)
        assert resumed.current is resumed.block.items[found.position]
        assert resumed.block.seconds >= seconds_before  # time already saved is never lost
        seconds_before = resumed.block.seconds
        check.close()
    assert acked_total > 50
