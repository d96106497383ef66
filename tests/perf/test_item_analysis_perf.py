"""Benchmark: item analysis of a class of 500 learners x 200 items (one block, 100,000 answers).

Prints the median of several runs; it asserts only that the results are sane, not a time,
so a slow machine does not fail the suite. Run with `make perf`.
"""

import math
import random

from quizapp.quiz.item_analysis import Response, analyse
from quizapp.quiz.report_format import render_csv, render_json, render_table
from tests.perf.timing import median_seconds

LEARNERS = 500
ITEMS = 200
RUNS = 7
OPTIONS = ("A", "B", "C", "D", "E")


def _class_responses(seed: int = 7) -> list[Response]:
    """Answers under a 2PL model, with some omissions, so every code path is exercised."""
    rng = random.Random(seed)
    thetas = [rng.gauss(0, 1) for _ in range(LEARNERS)]
    params = [(rng.uniform(0, 2.5), rng.uniform(-2, 2)) for _ in range(ITEMS)]
    responses = []
    for j, theta in enumerate(thetas):
        for i, (a, b) in enumerate(params):
            if rng.random() < 0.02:
                chosen = None
            elif rng.random() < 1 / (1 + math.exp(-a * (theta - b))):
                chosen = "A"
            else:
                chosen = rng.choice(OPTIONS[1:])
            responses.append(
                Response(
                    f"learner{j:03d}", "exam", f"item{i:03d}", chosen, "A", "topic", 30.0, OPTIONS
                )
            )
    return responses


def test_item_analysis_500_learners_x_200_items():
    responses = _class_responses()
    analysis = analyse(responses)
    assert analysis.blocks[0].n_learners == LEARNERS and analysis.blocks[0].n_items == ITEMS

    figures = {
        "analyse": median_seconds(lambda: analyse(responses), RUNS),
        "render_table": median_seconds(lambda: render_table(analysis), RUNS),
        "render_csv": median_seconds(lambda: render_csv(analysis), RUNS),
        "render_json": median_seconds(lambda: render_json(analysis), RUNS),
    }
    print(f"\nitem analysis, {LEARNERS} learners x {ITEMS} items, median of {RUNS} runs:")
    for name, seconds in figures.items():
        print(f"  {name:<13} {seconds * 1000:8.1f} ms")
