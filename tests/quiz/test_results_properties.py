"""Issue 17, item 6: whatever a results file holds, reading it gives the file or one located
problem, and `quizapp report` gives a report or one `quizapp:` line; never a traceback.

Like the property tests over decks: random bytes, edited text, and valid documents with one
value replaced by something hostile (huge or non-finite numbers, calendar edges, lone
surrogates, deep nesting, control characters)."""

import copy
import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.cli import main
from quizapp.quiz.results_file import ResultsFileError, read_results, results_to_json
from tests.quiz.test_results_file import make_results

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID_TEXT = results_to_json(make_results(learner="Ada"))
VALID = json.loads(VALID_TEXT)

HOSTILE_NUMBERS = [
    "1e999", "-1e999", "9" * 400, "9" * 5000, "1e308", "-0", "0.0000001", "1" + "0" * 25,
]  # fmt: skip
HOSTILE_STRINGS = [
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z", "2026-02-30T00:00:00Z", "2026-11-20T08:00:00", "\\ud800",
    "a\\udc80b", "\\u001b[2J", "\\u009b31m", "", " ", "A",
]  # fmt: skip


def json_values(draw_deep: bool = True):
    leaves = (
        st.sampled_from(HOSTILE_NUMBERS)
        | st.sampled_from([f'"{s}"' for s in HOSTILE_STRINGS])
        | st.sampled_from(["null", "true", "false", "NaN", "Infinity", "0", "-5", "3.5"])
    )
    if not draw_deep:
        return leaves
    nested = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)
    return leaves | nested | st.sampled_from(["{}", "[]", '{"a": 1}', '["A", "A"]'])


def paths(document, prefix=()):
    """Every place in the document a value can be replaced: (path, value)."""
    yield prefix
    if isinstance(document, dict):
        for key, value in document.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from paths(value, (*prefix, index))


PLACES = list(paths(VALID))[1:]
MARK = "__HOSTILE__"


def with_value(place, raw: str) -> str:
    """The valid document with the value at `place` replaced by raw JSON text."""
    document = copy.deepcopy(VALID)
    target = document
    for step in place[:-1]:
        target = target[step]
    target[place[-1]] = MARK
    return json.dumps(document, indent=1).replace(f'"{MARK}"', raw)


def check_file(data: bytes) -> None:
    """read_results: the file or ResultsFileError naming it; report: output or one line."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "student.json"
        path.write_bytes(data)
        try:
            read_results(path)
        except ResultsFileError as error:
            assert str(error).startswith(str(path)) and error.message
        result = CliRunner().invoke(main, ["report", str(path), "--format", "csv"])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        if result.exit_code == 1:
            assert result.stderr.startswith("quizapp: ") and result.stderr.count("\n") == 1
        for char in ("\x1b", "\x9b"):
            assert char not in result.output


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes(data):
    check_file(data)


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(VALID_TEXT)),
            st.integers(0, 6),
            st.text(st.sampled_from(list('{}[],:"\\ 0e9-.tnua')), max_size=5),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_edited_text(edits):
    text = VALID_TEXT
    for position, cut, insert in edits:
        text = text[:position] + insert + text[position + cut :]
    check_file(text.encode("utf-8", errors="surrogatepass"))


@SETTINGS
@given(st.sampled_from(PLACES), json_values())
def test_one_hostile_value(place, raw):
    check_file(with_value(place, raw).encode())


@pytest.mark.parametrize(
    ("place", "raw", "where", "what"),
    [
        (("blocks", 0, "items", 0, "seconds"), "1e999", "items[0].seconds", "too large"),
        (("blocks", 0, "items", 0, "seconds"), "9" * 5000, "items[0].seconds", "too large"),
        (("blocks", 0, "items", 0, "seconds"), "9" * 25, "items[0].seconds", "at most"),
        (("version",), "9" * 400, "version", "too large"),
        (("blocks", 0, "started_at"), '"0001-01-01T00:00:00+14:00"', "started_at", "range"),
        (("exported_at",), '"9999-12-31T23:59:59-14:00"', "exported_at", "range"),
        (("blocks", 0, "items", 0, "topic"), '"\\ud800"', "items[0].topic", "lone surrogate"),
        (("learner",), '"a\\udc80"', "learner", "lone surrogate"),
        (("blocks",), "[" * 5000 + "]" * 5000, "", "nested too deeply"),
    ],
    ids=[
        "1e999",
        "5000 digits",
        "25 digits",
        "huge version",
        "year 1 at +14",
        "year 9999 at -14",
        "lone high surrogate",
        "lone low surrogate",
        "5000 levels",
    ],  # fmt: skip
)
def test_each_hostile_value_has_its_own_located_message(tmp_path, place, raw, where, what):
    path = tmp_path / "student.json"
    path.write_text(with_value(place, raw), encoding="utf-8")
    with pytest.raises(ResultsFileError) as caught:
        read_results(path)
    assert where in caught.value.location and what in caught.value.message, str(caught.value)
    result = CliRunner().invoke(main, ["report", str(path)])
    assert result.exit_code == 1 and what in result.stderr and "Traceback" not in result.output


# --- item 7: bounded reads --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder"])
def test_a_results_path_that_is_no_regular_file_is_refused_without_reading(tmp_path, kind):
    import os

    path = tmp_path / "student.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    with pytest.raises(ResultsFileError, match="not a regular file|Is a directory"):
        read_results(path)
    result = CliRunner().invoke(
        main, ["results", "import", str(path), "--into", str(tmp_path / "c")]
    )
    assert result.exit_code in (1, 2) and "Traceback" not in result.output  # 2: click's own


def test_a_results_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    import quizapp.quiz.results_file as results_file

    monkeypatch.setattr(results_file, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_text(VALID_TEXT + " " * 1000)
    with pytest.raises(ResultsFileError, match="larger than"):
        read_results(path)


def test_fifty_thousand_options_are_refused_quickly(tmp_path):
    import time

    options = json.dumps([f"o{i}" for i in range(50_000)])
    path = tmp_path / "many.json"
    path.write_text(with_value(("blocks", 0, "items", 0, "options"), options))
    started = time.perf_counter()
    with pytest.raises(ResultsFileError, match="at most 26 options"):
        read_results(path)
    assert time.perf_counter() - started < 2
