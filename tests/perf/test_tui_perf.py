"""Benchmarks of the study app; print figures, assert nothing about time.

Run with `.venv/bin/pytest tests/perf/test_tui_perf.py -s -p no:randomly`.

1. Start-up: a new `python -m quizapp` process with a temporary progress file, run
   headless with QUIZAPP_EXIT_WHEN_READY=1 so it exits once home shows the decks; times
   measured from before the spawn (Python start, imports, opening the file are in).
   First start (new file), starts with the decks unchanged (home is the first frame),
   and first starts after a deck edit, on the IIM deck and on the 10,000-entity
   synthetic deck; beside them a bare Textual hello-world measured the same way in the
   same run, and how long each takes from ready to ended (exit). Targets: home ready
   with decks unchanged at most 1.5x hello-world (IIM) and 2x (10k deck).
2. Exit on a 200,000-card / 3.2M-review file: home ready (exit asked) -> process ended.
3. Keypress to next card: Pilot presses 3 (Good) on a revealed card of the 50k-card /
   800k-review progress file of the store benchmark; the time until the key has been
   handled (answer committed, next card on the widgets), and until the first frame that
   shows the next card in the layout the screen settles in (not merely the first
   repaint), beside a bare Textual app measured the same way. Targets: 16 ms, 2x.
4. GC pauses (gc.callbacks) while studying 500 cards of that file, with the app's policy
   (`quizapp.gc_policy`: the library and then the started app frozen), without it, and in
   a bare Textual app given the same keys, in the same run; with how many objects the
   collector walks and the RSS after the run, against before it. Target: under 10 ms.
"""

import gc
import os
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

from quizapp.paths import Settings
from quizapp.workspace import Workspace
from tests.perf.synthetic_deck import write_synthetic_deck
from tests.perf.test_store_perf import CARDS, bench_file, cached_file  # noqa: F401 (fixtures)
from tests.support.frames import record_frames, to_laid_out_frame

ROOT = Path(__file__).resolve().parents[2]
RUNS = 7

HELLO = textwrap.dedent(
    """
    import time
    from textual.app import App
    from textual.widgets import Footer, Static

    class Hello(App):
        def compose(self):
            yield Static("Hello, world")
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(self.ready)

        def ready(self):
            self.first_frame = time.time()
            self.exit()

    app = Hello()
    app.run(headless=True)
    print(f"first_frame={app.first_frame:.6f}")
    """
)


def bench_context(path: Path) -> Workspace:
    """The benchmark file with a library whose 50,000 cards match its card ids."""
    from quizapp.deck.errors import Location
    from quizapp.deck.model import Deck, Topic
    from quizapp.generate.card import Card
    from quizapp.library import Library
    from quizapp.srs.session import utc_now
    from quizapp.store.connection import open_store

    loc = Location("bench.yaml")
    topics = {f"topic{i:02d}": Topic(f"topic{i:02d}", f"Topic {i}", loc) for i in range(40)}
    deck = Deck("bench", "Benchmark", "1", ("bench",), "bench.yaml", loc, topics=topics)
    cards = {
        f"bench:{n}": Card(
            id=f"bench:{n}",
            deck="bench",
            kind="basic",
            topic=f"topic{n % 40:02d}",
            prompt=f"Question {n}: which finding is typical of condition {n}?",
            answer=f"Finding {n}",
            sources=(),
            tests=(f"t{n}",),
            loc=Location("bench.yaml", n, 1),
        )
        for n in range(1, CARDS + 1)
    }
    library = Library(decks={"bench": deck}, cards=cards)
    conn = open_store(path)
    settings = Settings(db_path=path, decks_dir=path.parent)
    return Workspace(settings, conn, library, utc_now)


def spawn(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from just before the spawn to each moment the child printed, and to the
    moment its process had ended (`exited`)."""
    started = time.time()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    exited = time.time()
    moments = dict(item.split("=") for item in done.stdout.split() if "=" in item)
    return {"exited": exited - started} | {
        name: float(moment) - started for name, moment in moments.items()
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f} ms"


def start_up_runs(decks: Path, db: Path, runs: int, edits: int) -> dict[str, list]:
    """Hello-world and quizapp starts, interleaved: `runs` with the decks unchanged, then
    `edits` each right after a deck file was edited (a comment appended to its root)."""
    env = {**os.environ, "QUIZAPP_EXIT_WHEN_READY": "1"}
    hello_script = db.parent / "hello.py"
    hello_script.write_text(HELLO)
    quizapp = [sys.executable, "-m", "quizapp", "--decks", str(decks), "--db", str(db)]
    found: dict[str, list] = {"hello": [], "first": [spawn(quizapp, env)], "unchanged": []}
    found["edited"] = []
    for _ in range(runs):
        found["hello"].append(spawn([sys.executable, str(hello_script)], env))
        found["unchanged"].append(spawn(quizapp, env))
    root = sorted(decks.glob("*/deck.yaml"))[0]
    for edit in range(edits):
        root.write_text(root.read_text() + f"\n# edited for the benchmark ({edit})\n")
        found["edited"].append(spawn(quizapp, env))
    return found


def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def step(runs: list[dict[str, float]], start: str, end: str) -> float:
    return statistics.median(r[end] - r[start] for r in runs)


def report_start_up(name: str, found: dict[str, list]) -> None:
    base = median_of(found["hello"], "first_frame")
    unchanged, edited, first = found["unchanged"], found["edited"], found["first"]

    def line(label: str, runs: list, key: str) -> str:
        value = median_of(runs, key)
        return f"  {label:<42}{ms(value)}   {value / base:5.2f}x hello-world\n"

    print(
        f"\nstart-up, {name} (headless, from before the spawn; medians; "
        f"{len(unchanged)} unchanged, {len(edited)} edited, 1 first)\n"
        f"  Textual hello-world, first frame          {ms(base)}\n"
        + line("quizapp, first frame (decks unchanged)", unchanged, "first_frame")
        + line("home ready, decks unchanged", unchanged, "home_ready")
        + line("home ready, first run after a deck edit", edited, "home_ready")
        + line("home ready, first start (new file)", first, "home_ready")
        + "  where home ready goes, decks unchanged (home is the first frame):\n"
        f"    spawn -> imports done, file opened     {ms(median_of(unchanged, 'imported'))}\n"
        f"    decks checked against the cache        {ms(step(unchanged, 'imported', 'generated'))}\n"
        f"    sync (nothing to do)                   {ms(step(unchanged, 'generated', 'synced'))}\n"
        f"    app started, home shows the counts     {ms(step(unchanged, 'synced', 'home_ready'))}\n"
        f"  exit: hello-world first frame -> ended   {ms(step(found['hello'], 'first_frame', 'exited'))}\n"
        f"  exit: quizapp home ready -> ended        {ms(step(unchanged, 'home_ready', 'exited'))}\n"
        "  after a deck edit:\n"
        f"    deck loaded and cards generated        {ms(step(edited, 'imported', 'generated'))}\n"
        f"    cards synced into the progress file    {ms(step(edited, 'generated', 'synced'))}"
    )


def test_start_up_iim_deck(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    shutil.copytree(ROOT / "decks", decks)
    found = start_up_runs(decks, tmp_path / "progress.sqlite3", RUNS, 3)
    report_start_up("IIM deck", found)


def test_start_up_10k_entity_deck(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    write_synthetic_deck(decks / "synthetic", 10_000)
    found = start_up_runs(decks, tmp_path / "progress.sqlite3", 5, 1)
    report_start_up("synthetic 10,000-entity deck", found)


def figures(values: list[float]) -> str:
    values = sorted(values)
    return (
        f"median {values[len(values) // 2] * 1000:5.2f} ms, "
        f"p95 {values[int(len(values) * 0.95)] * 1000:5.2f} ms, max {values[-1] * 1000:6.2f} ms"
    )


class Counter(App[None]):
    """The floor: a key that changes one line of text, in a bare Textual app."""

    BINDINGS = [("3", "next", "Next")]

    def compose(self) -> ComposeResult:
        yield Static("card 0", id="card")
        yield Footer()

    def action_next(self) -> None:
        self.shown = getattr(self, "shown", 0) + 1
        self.query_one("#card", Static).update(f"card {self.shown}")


async def bare_textual_key_to_frame(answers: int) -> list[float]:
    """Key -> first frame with the new text in its final layout, as for quizapp."""
    app = Counter()
    to_frame = []
    async with app.run_test(size=(80, 24)) as pilot:
        frames = record_frames(app, lambda: str(app.query_one("#card", Static).content))
        await pilot.pause()
        for _ in range(answers):
            posted = time.perf_counter()
            await pilot.press("3")
            await pilot.pause()
            to_frame.append(to_laid_out_frame(app, frames, posted, f"card {app.shown}")[0])
    return to_frame


@pytest.mark.asyncio
async def test_keypress_to_next_card(bench_file: Path) -> None:  # noqa: F811
    from quizapp.tui.app import QuizApp
    from quizapp.tui.study.study_screen import StudyScreen
    from quizapp.tui.widgets.card_view import CardView

    answers = 200
    app = QuizApp(bench_context(bench_file))
    handler: list[tuple[float, float]] = []  # (key posted, handler done) per answer
    to_frame: list[float] = []
    frame_counts: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")  # study all decks
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        card_view = screen.query_one(CardView)
        frames = record_frames(app, lambda: str(card_view.content))
        rate = screen.rate
        posted = 0.0

        def timed_rate(rating):
            rate(rating)
            handler.append((posted, time.perf_counter()))

        screen.rate = timed_rate  # type: ignore[method-assign]
        for _ in range(answers):
            await pilot.press("space")
            await pilot.pause()
            before = screen.card.id if screen.card else None
            posted = time.perf_counter()
            await pilot.press("3")
            await pilot.pause()  # what the key queued (counts after the frame) has run
            assert screen.card is not None and screen.card.id != before
            seconds, count = to_laid_out_frame(app, frames, posted, str(card_view.content))
            to_frame.append(seconds)
            frame_counts.append(count)
    timings = [done - key for key, done in handler]
    floor = await bare_textual_key_to_frame(answers)
    ratio = statistics.median(to_frame) / statistics.median(floor)
    print(
        f"\nkeypress (3 = Good) to next card on the 50k-card file, {answers} answers\n"
        f"  key posted -> answer committed, next card on the widgets  {figures(timings)}\n"
        f"  key posted -> frame with the next card, laid out        {figures(to_frame)}\n"
        f"  frames drawn up to it (median)                            "
        f"{statistics.median(frame_counts):.0f}\n"
        f"  bare Textual app, key -> frame with its new text, laid out {figures(floor)}\n"
        f"  median ratio: {ratio:.2f}x the bare Textual app (targets: 16 ms, 2x)"
    )


def gc_pauses() -> tuple[list[tuple[float, float]], Callable[[], None]]:
    """Every collection from now on (gc.callbacks): (wall seconds, CPU seconds of this
    thread; the CPU time leaves out waits for a core on a busy machine), and how to stop."""
    pauses: list[tuple[float, float]] = []
    started = [0.0, 0.0]

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started[:] = time.perf_counter(), time.thread_time()
        else:
            pauses.append((time.perf_counter() - started[0], time.thread_time() - started[1]))

    gc.callbacks.append(callback)
    return pauses, lambda: gc.callbacks.remove(callback)


def rss_mib() -> float:
    """This process's resident memory now (VmRSS)."""
    status = Path("/proc/self/status").read_text()
    return int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1]) / 1024


class StudyRun:
    """What one study run measured: the collections, and memory before and after."""

    def __init__(self, pauses: list[tuple[float, float]], tracked: int, rss: float) -> None:
        self.pauses, self.tracked, self.rss = pauses, tracked, rss

    def describe(self) -> str:
        wall = max(p[0] for p in self.pauses) * 1000
        cpu = max(p[1] for p in self.pauses) * 1000
        return (
            f"{len(self.pauses):5} collections, largest {wall:6.2f} ms ({cpu:5.2f} ms CPU), "
            f"total {sum(p[0] for p in self.pauses) * 1000:6.1f} ms; after: objects the "
            f"collector walks {self.tracked:+6}, RSS {self.rss:+5.1f} MiB"
        )


async def measure_study(app: App, answers: int) -> StudyRun:
    """Press space, 3 `answers` times in `app` (already on its study screen)."""
    gc.collect()
    tracked, rss = len(gc.get_objects()), rss_mib()
    pauses, stop = gc_pauses()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if not isinstance(app, Counter):
            await pilot.press("a")  # study all decks
            await pilot.pause()
            gc.collect()
            tracked, rss = len(gc.get_objects()), rss_mib()
            pauses.clear()
        for _ in range(answers):
            await pilot.press("space", "3")
        stop()
        gc.collect()
        run = StudyRun(pauses, len(gc.get_objects()) - tracked, rss_mib() - rss)
    return run


async def study_run(path: Path, answers: int, policy: bool) -> StudyRun:
    """`answers` cards studied in the app on the 50k-card file, with the app's collector
    policy (as `quizapp` runs it) or without any."""
    from quizapp.gc_policy import freeze_loaded
    from quizapp.tui.app import QuizApp

    gc.unfreeze()
    context = bench_context(path)
    if policy:
        freeze_loaded()  # what the app's loader does once the decks are loaded
    run = await measure_study(QuizApp(context, manage_gc=policy), answers)
    context.conn.close()
    gc.unfreeze()
    return run


@pytest.mark.asyncio
async def test_largest_gc_pause_during_study(cached_file: Path, tmp_path: Path) -> None:  # noqa: F811
    answers = 500
    runs = {}
    runs["bare"] = await measure_study(Counter(), answers)
    for policy in (False, True):
        copy = tmp_path / f"progress-{policy}.sqlite3"
        shutil.copyfile(cached_file, copy)
        runs[policy] = await study_run(copy, answers, policy)
    largest = {name: max(p[0] for p in run.pauses) for name, run in runs.items()}
    print(
        f"\nGC pauses while studying {answers} cards of the 50k-card file "
        "(a library of 50,000 cards in memory; space, 3 per card)\n"
        f"  quizapp, its collector policy  {runs[True].describe()}\n"
        f"  quizapp, no policy (before)    {runs[False].describe()}\n"
        f"  bare Textual app, same keys    {runs['bare'].describe()}\n"
        f"  largest pause: {largest[True] / largest['bare']:.2f}x the bare app's, "
        f"{largest[True] / largest[False]:.2f}x without the policy (target: under 10 ms)"
    )


def test_exit_on_200k_cards(tmp_path: Path) -> None:
    """Exit right after home shows, on a 200,000-card / 3.2M-review file: home's statistics
    worker is still reading then (the case that took 1.6 s)."""
    from tests.perf.test_store_perf import synthetic_file

    db = tmp_path / "progress.sqlite3"
    shutil.copyfile(synthetic_file(200_000, 3_200_000), db)
    decks = tmp_path / "decks"
    shutil.copytree(ROOT / "decks", decks)
    found = start_up_runs(decks, db, 5, 0)
    hello = step(found["hello"], "first_frame", "exited")
    quit_ = step(found["unchanged"], "home_ready", "exited")
    print(
        "\nexit on the 200,000-card / 3,200,000-review file (IIM deck; medians of 5)\n"
        f"  Textual hello-world, first frame -> process ended   {ms(hello)}\n"
        f"  quizapp, home ready (exit asked) -> process ended   {ms(quit_)}"
        f"   {quit_ / hello:.2f}x\n"
        f"  quizapp, home ready                                 "
        f"{ms(median_of(found['unchanged'], 'home_ready'))}"
    )
