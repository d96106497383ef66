"""Benchmark: `quizapp report` over a class folder of 500 results files x 200 items each.

The report path adds reading and strictly validating every file (100,000 answers) and the
pooled per-item analysis on top of the item statistics measured in
test_item_analysis_perf.py. Prints the figures; asserts only that the report is sane.
"""

import json
from datetime import UTC, datetime

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.quiz.class_report import analyse_class
from quizapp.quiz.results_file import (
    ResultBlock,
    ResultItem,
    ResultsFile,
    read_results,
    results_to_json,
)
from tests.perf.test_item_analysis_perf import ITEMS, LEARNERS, _class_responses
from tests.perf.timing import median_seconds

STARTED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
RUNS = 3


def _write_class(folder) -> list:
    by_learner: dict[str, list[ResultItem]] = {}
    for r in _class_responses():
        item = ResultItem(
            r.item_id, "deck", r.topic, "mcq", r.options, r.key, r.chosen, r.correct, 30.0, False
        )
        by_learner.setdefault(r.learner, []).append(item)
    paths = []
    for learner, items in by_learner.items():
        block = ResultBlock("exam", "timed", STARTED, STARTED, tuple(items))
        path = folder / f"{learner}.json"
        path.write_text(results_to_json(ResultsFile((block,), None, STARTED)))
        paths.append(path)
    return paths


def test_report_cli_over_500_results_files(tmp_path):
    paths = _write_class(tmp_path)
    files = [read_results(p) for p in paths]
    result = CliRunner().invoke(main, ["report", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    pooled, shared = json.loads(result.stdout)["blocks"]
    assert len(pooled["items"]) == ITEMS and shared["n_learners"] == LEARNERS

    figures = {
        "read+validate": median_seconds(lambda: [read_results(p) for p in paths], RUNS),
        "analyse_class": median_seconds(lambda: analyse_class(files), RUNS),
        "cli table": median_seconds(
            lambda: CliRunner().invoke(main, ["report", str(tmp_path)]), RUNS
        ),
        "cli csv": median_seconds(
            lambda: CliRunner().invoke(main, ["report", str(tmp_path), "--format", "csv"]), RUNS
        ),
    }
    print(f"\nquizapp report, {LEARNERS} files x {ITEMS} items, median of {RUNS} runs:")
    for name, seconds in figures.items():
        print(f"  {name:<14} {seconds * 1000:8.1f} ms")
