"""`quizapp quiz history`, `results export|import` and `report` through the real command line."""

import csv
import io
import json
import random
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.quiz.builder import BlockSpec, Pool, build_block
from quizapp.quiz.class_report import POOLED, analyse_class
from quizapp.quiz.export import block_uid
from quizapp.quiz.item_analysis import analyse
from quizapp.quiz.results_file import ResultBlock, ResultItem, ResultsFile, results_to_json
from quizapp.quiz.session import BlockSession
from tests.quiz.test_item_analysis import simulate_class, spearman
from tests.support.quiz_library import START

STARTED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SUBMITTED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def take(conn, library, clock, seed, right, submit=True):
    block_id = build_block(conn, library, BlockSpec(pool=Pool.ALL, size=3, seed=seed), START)
    session = BlockSession(conn, block_id, clock)
    session.start()
    for position in range(right):
        session.go(position)
        clock.advance(30)
        session.answer(session.current.item.key)
    if submit:
        session.submit()
    return block_id


# --- history, export, import ---------------------------------------------------------------


def test_history_text_and_json(conn, db_path, library, clock):
    assert "No quiz blocks yet" in run(db_path, "quiz", "history").stdout
    done = take(conn, library, clock, 1, right=2)
    still_open = take(conn, library, clock, 2, right=1, submit=False)
    result = run(db_path, "quiz", "history")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"#{still_open}") and "open" in lines[0]
    assert lines[1].startswith(f"#{done}") and "67%" in lines[1] and "2/3 correct" in lines[1]
    data = json.loads(run(db_path, "quiz", "history", "--json").stdout)
    assert [row["id"] for row in data] == [still_open, done]
    assert data[1]["score"] == pytest.approx(2 / 3, abs=1e-4) and data[0]["score"] is None
    assert data[1]["seconds"] == 60.0 and data[1]["submitted_at"].endswith("Z")


def test_export_then_import_through_the_cli(conn, db_path, library, clock, tmp_path):
    assert run(db_path, "results", "export", str(tmp_path / "x.json")).exit_code == 1
    take(conn, library, clock, 1, right=2)
    out = tmp_path / "mine.json"
    result = run(db_path, "results", "export", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["learner"] is None
    named = tmp_path / "named.json"
    run(db_path, "results", "export", str(named), "--name", "Ada Lovelace")
    assert json.loads(named.read_text())["learner"] == "Ada Lovelace"
    result = run(db_path, "results", "import", str(out))
    assert result.exit_code == 0, result.output
    folder = db_path.parent / "class-results"
    assert len(list(folder.glob("*.json"))) == 1
    again = run(db_path, "results", "import", str(out))
    assert again.exit_code == 1 and "already imported" in again.stderr
    report = run(db_path, "report", str(folder))
    assert report.exit_code == 0 and POOLED in report.stdout


def test_bad_input_is_one_line_and_exit_1(db_path, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "quizapp-results", "version": 1, "learner": null}')
    cases = [
        ("results", "import", str(bad)),
        ("results", "import", str(tmp_path / "missing.json")),
        ("report", str(bad)),
        ("report", str(tmp_path)),  # a folder holding no results file? it holds bad.json
        ("report", str(tmp_path / "empty")),
        ("results", "export", str(tmp_path / "no" / "such" / "dir.json")),
    ]
    (tmp_path / "empty").mkdir()
    for args in cases:
        result = run(db_path, *args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith("quizapp: ") and "Traceback" not in result.output
        assert result.stdout == ""
    assert "missing field 'exported_at'" in run(db_path, "report", str(bad)).stderr


# --- report over a class -------------------------------------------------------------------


def learner_file(items: list[ResultItem], block_id: str, name: str | None = None) -> str:
    block = ResultBlock(block_id, "timed", STARTED, SUBMITTED, tuple(items))
    return results_to_json(ResultsFile((block,), learner=name, exported_at=SUBMITTED))


def simulated_class_files(tmp_path, seed=1, per_learner=None):
    """The 2PL class of test_item_analysis as one results file per learner. With
    `per_learner`, each learner gets their own random block of that many items."""
    responses, params, expected_p = simulate_class(seed)
    by_learner: dict[str, list[ResultItem]] = {}
    for r in responses:
        by_learner.setdefault(r.learner, []).append(
            ResultItem(
                r.item_id,
                "sim",
                f"topic{r.item_id[-1]}",
                "mcq",
                r.options,
                r.key,
                r.chosen,
                r.correct,
                12.5,
                False,
            )  # fmt: skip
        )
    rng = random.Random(seed)
    paths = []
    for learner, items in sorted(by_learner.items()):
        if per_learner:
            items = rng.sample(items, per_learner)
        block_id = block_uid([i.item_id for i in items]) if per_learner else "sim"
        path = tmp_path / f"{learner}.json"
        path.write_text(learner_file(items, block_id, name=f"Student {learner}"))
        paths.append(path)
    return paths, responses, params, expected_p


def test_pooled_equals_block_analysis_when_everyone_took_one_block(tmp_path):
    from quizapp.quiz.results_file import read_results

    paths, responses, _, _ = simulated_class_files(tmp_path)
    analysis = analyse_class([read_results(p) for p in paths])
    pooled, shared = analysis.blocks
    expected = {i.item_id: i for i in analyse(responses).items}
    for item in pooled.items:
        other = expected[item.item_id]
        assert (item.n, item.n_correct) == (other.n, other.n_correct)
        assert item.p == pytest.approx(other.p)
        assert item.d == pytest.approx(other.d)
        assert item.r_pb == pytest.approx(other.r_pb)
        assert [o.count for o in item.options] == [o.count for o in other.options]
    assert shared.block == "sim" and shared.n_learners == 200 and shared.items == ()
    assert shared.kr20 == pytest.approx(analyse(responses).blocks[0].kr20)


@pytest.mark.parametrize("seed", [1, 2])
def test_pooling_recovers_difficulty_when_every_learner_built_their_own_block(tmp_path, seed):
    from quizapp.quiz.results_file import read_results

    paths, _, params, expected_p = simulated_class_files(tmp_path, seed, per_learner=20)
    analysis = analyse_class([read_results(p) for p in paths])
    [pooled] = analysis.blocks  # no block is shared: no KR-20 row
    assert pooled.n_learners == 200 and pooled.n_items == 40
    assert all(60 < item.n < 140 for item in pooled.items)  # about half the class each
    items = pooled.items
    assert spearman([i.p for i in items], [expected_p[i.item_id] for i in items]) > 0.8
    a = [params[i.item_id][0] for i in items]
    assert spearman([i.r_pb for i in items], a) > 0.5
    # about 100 learners per item: r_pb is noisier (SE about 0.1) than with the whole class
    flat = [i for i in items if params[i.item_id][0] == 0]
    steep = [i for i in items if params[i.item_id][0] > 0]
    assert (
        sum(i.r_pb for i in flat) / len(flat) < 0.1 < 0.25 < sum(i.r_pb for i in steep) / len(steep)
    )
    assert sum("low_r_pb" in {f.code for f in i.flags} for i in flat) >= 0.75 * len(flat)


def test_report_cli_table_csv_json_over_a_class(tmp_path):
    paths, _, _, _ = simulated_class_files(tmp_path)
    hostile = tmp_path / "hostile.json"
    evil = ResultItem(
        '=HYPERLINK("http://x")', "sim", "+topic", "mcq", ("A", "B"), "A", "B", False, 3.0, True
    )
    hostile.write_text(learner_file([evil], "other"))
    args = ["report", *map(str, paths), str(hostile)]
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0, table.output
    assert POOLED in table.stdout and "Block sim: 200 learners, 40 items" in table.stdout
    assert "Student" not in table.stdout  # names never reach a report
    assert "Items to revise:" in table.stdout

    out = tmp_path / "report.csv"
    result = CliRunner().invoke(main, [*args, "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == 42 and b"\r\r\n" not in raw  # header + 41 rows, CRLF kept
    rows = list(csv.DictReader(io.StringIO(raw.decode(), newline="")))
    assert len(rows) == 41
    evil_row = next(r for r in rows if "HYPERLINK" in r["item_id"])
    assert evil_row["item_id"].startswith("'=") and evil_row["topic"] == "'+topic"
    assert all(not r["item_id"].startswith(("=", "+", "-", "@")) for r in rows)
    numbers = [r[c] for r in rows for c in ("p", "d", "r_pb") if r[c]]
    assert all(float(x) == float(x) for x in numbers)  # numbers stay numbers, never prefixed
    assert any(float(r["r_pb"]) < 0 for r in rows if r["r_pb"])

    data = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    assert data["format"] == "quizapp-item-analysis"
    pooled = data["blocks"][0]
    assert pooled["block"] == POOLED and len(pooled["items"]) == 41
    assert {b["block"] for b in data["blocks"][1:]} == {"sim"}
    assert all(0 <= item["p"] <= 1 for item in pooled["items"])
