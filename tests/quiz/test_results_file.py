"""Results files: round trip, strict validation with located errors, atomic writes."""

import copy
import json
import os
from datetime import UTC, datetime

import pytest

from quizapp.output import OutputError
from quizapp.quiz.item_analysis import analyse
from quizapp.quiz.results_file import (
    ResultBlock,
    ResultItem,
    ResultsFile,
    ResultsFileError,
    parse_results,
    read_results,
    responses_from_results,
    results_to_json,
    write_results,
)

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def make_item(item_id="iim.mcq.1", chosen="B", key="C", **changes) -> ResultItem:
    values = dict(
        item_id=item_id,
        deck="iim",
        topic="myositis antibodies",
        kind="mcq",
        options=("A", "B", "C", "D", "E"),
        key=key,
        chosen=chosen,
        correct=chosen == key,
        seconds=41.5,
        flagged=False,
    )
    values.update(changes)
    return ResultItem(**values)


def make_results(learner=None) -> ResultsFile:
    blocks = (
        ResultBlock(
            "block-1",
            "timed",
            T0,
            T1,
            (make_item(), make_item("iim.mcq.2", chosen=None), make_item("iim.vig.3", "C")),
        ),
        ResultBlock(
            "block-2", "tutor", T1, None, (make_item("iim.mcq.4", "A", "A", seconds=None),)
        ),
    )
    return ResultsFile(blocks=blocks, learner=learner, exported_at=T1)


def valid_document() -> dict:
    return json.loads(results_to_json(make_results()))


def test_round_trip(tmp_path):
    path = tmp_path / "me.json"
    original = make_results(learner="Ada")
    write_results(path, original)
    assert read_results(path) == original
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_written_document_shape_and_nothing_personal(tmp_path):
    path = tmp_path / "anon.json"
    write_results(path, make_results())
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "quizapp-results" and document["version"] == 2
    assert document["learner"] is None
    assert document["exported_at"] == "2026-11-20T08:30:00Z"
    assert document["blocks"][0]["items"][1]["chosen"] is None
    text = path.read_text(encoding="utf-8")
    assert str(tmp_path) not in text and os.environ.get("USER", "\0") not in text


def test_write_replaces_existing_file_atomically(tmp_path, monkeypatch):
    path = tmp_path / "me.json"
    write_results(path, make_results(learner="first"))

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="disk full"):
        write_results(path, make_results(learner="second"), force=True)
    assert read_results(path).learner == "first"
    assert list(tmp_path.iterdir()) == [path]


def test_write_refuses_what_read_would_reject(tmp_path):
    bad = ResultsFile(blocks=(ResultBlock("b", "timed", T0, None, (make_item(correct=True),)),))
    with pytest.raises(ResultsFileError, match=r"blocks\[0\]\.items\[0\]\.correct"):
        write_results(tmp_path / "bad.json", bad)
    assert not list(tmp_path.iterdir())


def test_timestamps_with_other_offsets_are_read_as_utc():
    document = valid_document()
    document["exported_at"] = "2026-11-20T09:30:00+01:00"
    assert parse_results(json.dumps(document)).exported_at == T1


def _set(path, value):
    def change(document):
        *parents, last = path
        target = document
        for part in parents:
            target = target[part]
        target[last] = value

    return change


def _delete(path):
    def change(document):
        *parents, last = path
        target = document
        for part in parents:
            target = target[part]
        del target[last]

    return change


ITEM = ("blocks", 0, "items", 0)

BAD_DOCUMENTS = {
    "missing version": (_delete(("version",)), "(top level)", "missing field 'version'"),
    "wrong format": (_set(("format",), "anki"), "format", "not a quizapp results file"),
    "missing format": (_delete(("format",)), "format", "not a quizapp results file"),
    "newer version": (_set(("version",), 3), "version", "version 3 is not supported"),
    "version as string": (_set(("version",), "1"), "version", "expected an integer, got a string"),
    "missing field": (_delete(("exported_at",)), "(top level)", "missing field 'exported_at'"),
    "unknown field": (_set(("extra",), 1), "extra", "unknown field"),
    "blocks not array": (_set(("blocks",), {}), "blocks", "expected an array, got an object"),
    "bad mode": (_set(("blocks", 1, "mode"), "exam"), "blocks[1].mode", "expected one of"),
    "missing item field": (_delete((*ITEM, "key")), "blocks[0].items[0]", "missing field 'key'"),
    "chosen wrong type": (_set((*ITEM, "chosen"), 3), "blocks[0].items[0].chosen", "a string"),
    "chosen not an option": (_set((*ITEM, "chosen"), "Z"), "items[0].chosen", "expected one of"),
    "key not an option": (_set((*ITEM, "key"), "Z"), "items[0].key", "expected one of"),
    "correct inconsistent": (_set((*ITEM, "correct"), True), "items[0].correct", "does not match"),
    "seconds negative": (_set((*ITEM, "seconds"), -1), "items[0].seconds", ">= 0"),
    "seconds boolean": (_set((*ITEM, "seconds"), True), "items[0].seconds", "got a boolean"),
    "flagged null": (_set((*ITEM, "flagged"), None), "items[0].flagged", "got null"),
    "empty item id": (_set((*ITEM, "item_id"), " "), "items[0].item_id", "non-empty string"),
    "one option": (_set((*ITEM, "options"), ["C"]), "items[0].options", "at least 2"),
    "repeated option": (_set((*ITEM, "options"), ["C", "C"]), "options[1]", "given twice"),
    "bad kind": (_set((*ITEM, "kind"), "essay"), "items[0].kind", "expected one of"),
    "no time zone": (_set(("exported_at",), "2026-11-20T08:00:00"), "exported_at", "time zone"),
    "not a date": (_set(("blocks", 0, "started_at"), "Monday"), "started_at", "ISO 8601"),
    "submitted first": (
        _set(("blocks", 0, "submitted_at"), "2026-11-19T08:00:00Z"),
        "blocks[0].submitted_at",
        "earlier than started_at",
    ),
    "repeated item": (
        _set(("blocks", 0, "items", 1, "item_id"), "iim.mcq.1"),
        "blocks[0].items[1].item_id",
        "appears twice",
    ),
    "repeated block": (_set(("blocks", 1, "id"), "block-1"), "blocks[1].id", "appears twice"),
    "empty learner": (_set(("learner",), ""), "learner", "non-empty string"),
}


@pytest.mark.parametrize("name", sorted(BAD_DOCUMENTS))
def test_bad_documents_are_located(tmp_path, name):
    change, location, message = BAD_DOCUMENTS[name]
    document = valid_document()
    change(document)
    path = tmp_path / "class.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ResultsFileError) as caught:
        read_results(path)
    error = caught.value
    assert error.path == str(path)
    assert location in error.location
    assert message in error.message
    assert str(error).startswith(f"{path}: ")


def test_error_message_reads_like_the_brief(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    document = valid_document()
    document["blocks"][1]["items"][0]["chosen"] = 7
    (tmp_path / "class.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ResultsFileError) as caught:
        read_results("class.json")
    assert (
        str(caught.value)
        == "class.json: blocks[1].items[0].chosen: expected a string, got a number"
    )


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ("", "line 1 column 1", "truncated"),
        ("not json", "line 1 column 1", "not valid JSON"),
        ("[1, 2]", "(top level)", "expected an object, got an array"),
        ('{"format": "quizapp-results", "version": 1,', "line 1", "truncated"),
        ('{"version": NaN}', "", "NaN is not allowed"),
        ('{"format": "quizapp-results", "format": "quizapp-results"}', "format", "more than once"),
    ],
)
def test_bad_json_is_located(text, location, message):
    with pytest.raises(ResultsFileError) as caught:
        parse_results(text, "x.json")
    assert location in caught.value.location
    assert message in caught.value.message


def test_truncated_real_file(tmp_path):
    path = tmp_path / "cut.json"
    write_results(path, make_results())
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(ResultsFileError, match=r"line \d+ column \d+: .*truncated"):
        read_results(path)


def test_unreadable_and_binary_files(tmp_path):
    with pytest.raises(ResultsFileError, match="cannot read"):
        read_results(tmp_path / "missing.json")
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ResultsFileError, match="not UTF-8"):
        read_results(binary)


def test_every_validation_error_leaves_the_document_unused():
    """No partial import: a file with one bad item yields an error, not the good items."""
    document = valid_document()
    document["blocks"][1]["items"][0]["seconds"] = "fast"
    with pytest.raises(ResultsFileError):
        parse_results(json.dumps(document))


def test_responses_from_results_feed_the_analysis():
    first = make_results(learner="Ada")
    second = copy.deepcopy(first)
    responses = responses_from_results([first, second])
    assert {r.learner for r in responses} == {"#1", "#2"}  # positions, never names
    assert all("Ada" not in repr(r) for r in responses)
    analysis = analyse(responses)
    assert [b.block for b in analysis.blocks] == ["block-1", "block-2"]
    item = analysis.blocks[0].items[0]
    assert (item.item_id, item.n, item.p, item.key) == ("iim.mcq.1", 2, 0.0, "C")
    assert [o.label for o in item.options] == ["A", "B", "C", "D", "E"]
