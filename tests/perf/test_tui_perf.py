"""Benchmarks of the study app; print figures, assert nothing about time.

Run with `.venv/bin/pytest tests/perf/test_tui_perf.py -s -p no:randomly`.

1. Start-up: a new `python -m quizapp` process on the IIM deck with a temporary progress
   file, run headless with QUIZAPP_EXIT_WHEN_READY=1 so it exits once home shows the
   decks. Two moments, both measured from before the process is spawned (so Python start,
   imports, opening the file are in): the first frame (the app is on screen and takes
   keys; the decks are loading in a worker) and home ready (decks loaded, cards
   generated and synced, counts shown). Beside it, a bare Textual hello-world measured the
   same way in the same run. Target: first frame within 1.5x of hello-world.
2. Keypress to next card: Pilot presses 3 (Good) on a revealed card of the 50k-card /
   800k-review progress file of the store benchmark; the time until the key has been
   handled, the answer committed and the next card shown. Target: under 16 ms.
"""

import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

from quizapp.paths import Settings
from quizapp.tui.context import AppContext
from tests.perf.test_store_perf import CARDS, bench_file, cached_file  # noqa: F401 (fixtures)

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


def bench_context(path: Path) -> AppContext:
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
    return AppContext(settings, conn, library, utc_now)


def spawn(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from just before the spawn to each moment the child printed."""
    started = time.time()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    moments = dict(item.split("=") for item in done.stdout.split() if "=" in item)
    return {name: float(moment) - started for name, moment in moments.items()}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f} ms"


def test_start_up_beside_hello_world(tmp_path: Path) -> None:
    env = {**os.environ, "QUIZAPP_EXIT_WHEN_READY": "1"}
    hello_script = tmp_path / "hello.py"
    hello_script.write_text(HELLO)
    quizapp = [sys.executable, "-m", "quizapp", "--decks", str(ROOT / "decks")]
    hello, fresh, again = [], [], []
    for run in range(RUNS):
        hello.append(spawn([sys.executable, str(hello_script)], env)["first_frame"])
        db = tmp_path / f"fresh-{run}.sqlite3"
        fresh.append(spawn([*quizapp, "--db", str(db)], env))
        again.append(spawn([*quizapp, "--db", str(db)], env))

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    def step(runs: list[dict[str, float]], start: str, end: str) -> float:
        return statistics.median(r[end] - r[start] for r in runs)

    base = statistics.median(hello)
    print(
        f"\nstart-up, median of {RUNS} runs (IIM deck, headless, from before the spawn)\n"
        f"  Textual hello-world, first frame      {ms(base)}\n"
        f"  quizapp, first frame (new file)       {ms(median(fresh, 'first_frame'))}"
        f"   {median(fresh, 'first_frame') / base:.2f}x hello-world\n"
        f"  quizapp, first frame (existing file)  {ms(median(again, 'first_frame'))}"
        f"   {median(again, 'first_frame') / base:.2f}x hello-world\n"
        f"  quizapp, home ready (new file)        {ms(median(fresh, 'home_ready'))}"
        f"   {median(fresh, 'home_ready') / base:.2f}x   (decks loaded, generated, synced)\n"
        f"  quizapp, home ready (existing file)   {ms(median(again, 'home_ready'))}"
        f"   {median(again, 'home_ready') / base:.2f}x\n"
        "  where home ready goes (existing file, medians of each step):\n"
        f"    first frame -> loader imported        {ms(step(again, 'first_frame', 'imported'))}\n"
        f"    decks loaded and cards generated      {ms(step(again, 'imported', 'generated'))}\n"
        f"    cards synced into the progress file   {ms(step(again, 'generated', 'synced'))}\n"
        f"    synced -> home shows the counts       {ms(step(again, 'synced', 'home_ready'))}"
    )


def record_frames(app: App) -> list[float]:
    """When each frame is handed to the (headless) driver, rendering done."""
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable):
        frames.append(time.perf_counter())
        return display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    return frames


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
        self.handled = time.perf_counter()


async def bare_textual_key_to_frame(answers: int) -> list[float]:
    app = Counter()
    to_frame = []
    async with app.run_test(size=(80, 24)) as pilot:
        frames = record_frames(app)
        await pilot.pause()
        for _ in range(answers):
            posted = time.perf_counter()
            await pilot.press("3")
            to_frame.append(min(f for f in frames if f >= app.handled) - posted)
    return to_frame


@pytest.mark.asyncio
async def test_keypress_to_next_card(bench_file: Path) -> None:  # noqa: F811
    from quizapp.tui.app import QuizApp
    from quizapp.tui.study_screen import StudyScreen

    answers = 200
    app = QuizApp(bench_context(bench_file))
    handler: list[tuple[float, float]] = []  # (key posted, handler done) per answer
    to_frame: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        frames = record_frames(app)
        await pilot.pause()
        await pilot.press("a")  # study all decks
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        rate = screen.rate
        posted = 0.0

        def timed_rate(rating):
            rate(rating)
            handler.append((posted, time.perf_counter()))

        screen.rate = timed_rate  # type: ignore[method-assign]
        for _ in range(answers):
            await pilot.press("space")
            before = screen.card.id if screen.card else None
            posted = time.perf_counter()
            await pilot.press("3")
            assert screen.card is not None and screen.card.id != before
            done = handler[-1][1]
            to_frame.append(min(f for f in frames if f >= done) - posted)
    timings = [done - key for key, done in handler]
    floor = await bare_textual_key_to_frame(answers)
    print(
        f"\nkeypress (3 = Good) to next card on the 50k-card file, {answers} answers\n"
        f"  key posted -> answer committed, next card on the widgets  {figures(timings)}\n"
        f"  key posted -> next frame rendered with it                {figures(to_frame)}\n"
        f"  bare Textual app, key -> frame with a new line of text   {figures(floor)}"
    )
