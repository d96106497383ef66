"""Peak memory of the app at home ready, beside a bare Textual app measured the same way in
the same run (issue 18.6). Each run is a fresh process that exits once its first screen is
ready and prints its VmHWM (peak resident memory; ru_maxrss would carry the parent's peak
across exec). Prints figures; asserts nothing about size. Run with `make perf`.

- the 10,000-entity deck (18,585 cards): the first start (deck loaded, generated, synced)
  and a start with the deck unchanged (cards from the progress file);
- 50,000 cards in memory on the 50,000-card / 800,000-review progress file (the study
  benchmark's library, `bench_context`).
"""

import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.perf.synthetic_deck import write_synthetic_deck
from tests.perf.test_store_perf import flushed_copy, synthetic_file
from tests.perf.test_tui_perf import HELLO

ROOT = Path(__file__).resolve().parents[2]
RUNS = 3
PEAK = "print('peak_kib=' + open('/proc/self/status').read().split('VmHWM:')[1].split()[0])"
QUIZAPP = (
    "import runpy, sys\n"
    "sys.argv = ['quizapp', '--decks', sys.argv[1], '--db', sys.argv[2]]\n"
    "try: runpy.run_module('quizapp', run_name='__main__')\n"
    "except SystemExit: pass\n" + PEAK
)
BENCH_APP = (
    "import sys\n"
    "from pathlib import Path\n"
    "from quizapp.gc_policy import freeze_loaded\n"
    "from quizapp.tui.app import QuizApp\n"
    "from tests.perf.test_tui_perf import bench_context\n"
    "context = bench_context(Path(sys.argv[1]))\n"
    "freeze_loaded()\n"
    "QuizApp(context, exit_when_ready=True).run(headless=True)\n" + PEAK
)


def peak_mib(script: str, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUIZAPP_EXIT_WHEN_READY": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True, text=True, env=env, check=True, cwd=ROOT,
    )  # fmt: skip
    line = next(w for w in done.stdout.split() if w.startswith("peak_kib="))
    return int(line.split("=")[1]) / 1024


def _span(values: list[float]) -> str:
    return f"{min(values):.0f}-{max(values):.0f} MiB (median {statistics.median(values):.0f})"


def test_peak_memory_beside_a_bare_textual_app(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    root = write_synthetic_deck(decks / "synthetic", 10_000)
    deck_bytes = sum(f.stat().st_size for f in root.parent.glob("*.yaml"))
    db = tmp_path / "progress.sqlite3"
    first = peak_mib(QUIZAPP, str(decks), str(db))
    big = flushed_copy(synthetic_file(50_000, 800_000), tmp_path / "big.sqlite3")
    hello, unchanged, fifty = [], [], []
    for _ in range(RUNS):  # interleaved, so each ratio compares runs under the same load
        hello.append(peak_mib(HELLO + "\n" + PEAK))
        unchanged.append(peak_mib(QUIZAPP, str(decks), str(db)))
        fifty.append(peak_mib(BENCH_APP, str(big)))
    base = statistics.median(hello)

    def line(label: str, values: list[float]) -> str:
        return f"  {label:<44}{_span(values)}, {statistics.median(values) / base:.2f}x\n"

    print(
        f"\npeak memory at home ready (VmHWM), {RUNS} interleaved runs\n"
        f"  Textual hello-world                         {_span(hello)}\n"
        + line("10k deck, decks unchanged", unchanged)
        + line("10k deck, first start (load, generate)", [first])
        + line("50,000 cards in memory, 800k reviews", fifty)
        + f"  the 10k deck's YAML: {deck_bytes / 2**20:.1f} MiB"
    )
