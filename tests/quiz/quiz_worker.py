"""A process taking a quiz block, for the crash test.

Usage: python quiz_worker.py PATH BLOCK_ID SEED
Resumes the block, prints "ready", waits for a line on stdin, then makes random changes
forever: before each it prints "will <op>", after its commit "ack". Ops: "go N",
"answer L", "flag", "strike L".
"""

import random
import sys
from datetime import UTC, datetime
from pathlib import Path

from quizapp.quiz.session import BlockSession
from quizapp.store.connection import open_store


def main(path: str, block_id: int, seed: int) -> None:
    rng = random.Random(seed)
    conn = open_store(Path(path), synchronous="NORMAL")
    session = BlockSession(conn, block_id, lambda: datetime.now(UTC))
    session.start()
    print("ready", flush=True)
    sys.stdin.readline()
    size = len(session.block.items)
    while True:
        kind = rng.choice(("go", "answer", "answer", "flag", "strike"))
        if kind == "go":
            op = f"go {rng.randrange(size)}"
        elif kind == "strike":
            free = [x for x in session.current.item.labels if x != session.current.chosen]
            op = f"strike {rng.choice(free)}"
        elif kind == "answer":
            op = f"answer {rng.choice(session.current.item.labels)}"
        else:
            op = "flag"
        print(f"will {op}", flush=True)
        name, *arg = op.split()
        if name == "go":
            session.go(int(arg[0]))
        elif name == "answer":
            session.answer(arg[0])
        elif name == "strike":
            session.toggle_strike(arg[0])
        else:
            session.toggle_flag()
        print("ack", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
