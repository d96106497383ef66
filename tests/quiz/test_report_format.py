"""Rendering an item analysis: a table that fits, CSV safe from formula injection, JSON."""

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.quiz.item_analysis import Response, Thresholds, analyse
from quizapp.quiz.report_format import (
    CSV_COLUMNS,
    neutralise_csv_text,
    render_csv,
    render_json,
    render_table,
)

OPTIONS = ("A", "B", "C", "D")

# Learner L1 is strongest and gets the item with the hostile id wrong, the weakest gets it
# right: so that item has a negative D and a negative r_pb, which must stay numbers in CSV.
HOSTILE_ID = '=HYPERLINK("http://evil","x")'
ANSWERS = {
    "L1": {"I1": "A", "I2": "A", HOSTILE_ID: "B"},
    "L2": {"I1": "A", "I2": "B", HOSTILE_ID: "A"},
    "L3": {"I1": "B", "I2": None, HOSTILE_ID: "A"},
}
TOPICS = {"I1": "-cmd|' /C calc'!A0", "I2": "@SUM(1+1)", HOSTILE_ID: "\tTab\x1b[31m"}


def _analysis():
    responses = [
        Response(learner, "quiz-1", item, chosen, "A", TOPICS[item], 12.0, OPTIONS)
        for learner, row in ANSWERS.items()
        for item, chosen in row.items()
    ]
    return analyse(responses)


def _csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_a_row_per_item_with_numbers():
    rows = _csv_rows(render_csv(_analysis()))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["item_id"] for row in rows] == ["I1", "I2", "'" + HOSTILE_ID]
    assert float(rows[0]["p"]) == pytest.approx(2 / 3, abs=1e-4)
    assert rows[1]["non_functional"] == "C D"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "-cmd"])
def test_formula_like_text_is_neutralised(text):
    assert neutralise_csv_text(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    [
        " =1",
        "  +1",
        "\n=1",
        "\n+cmd",
        "\u00a0=1",
        "\u200b=1",
        "\ufeff=1",
        "\u2060@x",
        "\u3000=1",
        "\u00a0\u200b\ufeff =1",
        "\uff1dSUM(1)",
        "\uff0b1",
        "\uff0d1",
        "\uff20A",
        "\ufe66x",
        "\u22121",
        " \uff1d1",
        "\x1b=1",
    ],  # fmt: skip
)
def test_formulas_behind_spaces_and_in_other_widths_are_neutralised(text):
    """Issue 17, item 9: spreadsheets skip these before a formula, or read them as one."""
    assert neutralise_csv_text(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["", "A", "1+1", "item -1", "'=already quoted", " ", "\u00a0A", "a=b", "\u200b"]
)
def test_ordinary_text_is_left_alone(text):
    assert neutralise_csv_text(text) == text


def test_csv_text_cells_are_neutralised_but_negative_numbers_stay_numbers():
    rows = {row["key"] + row["item_id"]: row for row in _csv_rows(render_csv(_analysis()))}
    hostile = rows["A'" + HOSTILE_ID]
    assert hostile["topic"].startswith("'\t")
    assert rows["AI1"]["topic"] == "'-cmd|' /C calc'!A0"
    assert rows["AI2"]["topic"] == "'@SUM(1+1)"
    # D and r_pb of the hostile item are negative: written as plain numbers, not quoted text.
    assert hostile["d"] == "-1.0"
    assert float(hostile["r_pb"]) < 0 and not hostile["r_pb"].startswith("'")


def test_no_csv_text_cell_starts_a_formula():
    numeric = {"n", "n_correct", "answered", "p", "d", "r_pb", "mean_seconds", "block_kr20"}
    for row in _csv_rows(render_csv(_analysis())):
        for column, cell in row.items():
            if column in numeric:
                assert cell == "" or float(cell) == float(cell)  # parses as a number
            else:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)


@given(st.text(max_size=20), st.text(max_size=20))
def test_csv_never_leaks_a_formula(item_id, topic):
    analysis = analyse([Response("L1", "b", item_id, "A", "A", topic, None, ("A", "B"))])
    row = _csv_rows(render_csv(analysis))[0]
    for column in ("block", "item_id", "topic", "key", "options"):
        assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert row["item_id"] == neutralise_csv_text(item_id)  # the text survives, quoted if needed


def test_table_fits_100_columns_and_shows_no_control_characters():
    table = render_table(_analysis())
    assert max(len(line) for line in table.splitlines()) <= 100
    assert "\x1b" not in table and "\t" not in table
    assert "KR-20" in table and "Items to revise:" in table
    assert "low r, D<0" in table and "check the key" in table
    assert "(omitted)" in table


def test_table_row_with_every_flag_fits():
    answers = {"L1": ("B", "A", "A"), "L2": ("A", "A", "B"), "L3": ("A", "B", "B")}
    responses = [
        Response(learner, "b", item_id, chosen, "A", "t" * 60)
        for learner, row in answers.items()
        for item_id, chosen in zip(("i" * 60, "I2", "I3"), row, strict=True)
    ]
    analysis = analyse(responses, Thresholds(p_low=1.01))
    assert [f.code for f in analysis.items[0].flags] == ["too_hard", "low_r_pb", "negative_d"]
    table = render_table(analysis)
    assert "hard, low r, D<0" in table
    assert max(len(line) for line in table.splitlines()) <= 100


def test_table_truncates_long_names():
    long_id = "x" * 80
    table = render_table(analyse([Response("L1", "b", long_id, "A", "A", "t" * 50)]))
    assert long_id not in table and "x" * 27 + "…" in table
    assert max(len(line) for line in table.splitlines()) <= 100


def test_empty_analysis():
    assert "No responses" in render_table(analyse([]))
    assert _csv_rows(render_csv(analyse([]))) == []
    assert json.loads(render_json(analyse([])))["blocks"] == []


def test_json_holds_the_full_analysis():
    document = json.loads(render_json(_analysis()))
    assert document["format"] == "quizapp-item-analysis" and document["version"] == 1
    assert document["thresholds"]["p_low"] == 0.30
    block = document["blocks"][0]
    assert block["n_learners"] == 3
    hostile = block["items"][2]
    assert hostile["item_id"] == HOSTILE_ID  # JSON is data, not a spreadsheet: left as is
    assert hostile["d"] == -1.0
    assert [f["code"] for f in hostile["flags"]] == ["low_r_pb", "negative_d"]
    assert block["items"][1]["non_functional_distractors"] == ["C", "D"]
    assert block["items"][1]["options"][-1]["label"] is None  # the omitted answer


def test_json_writes_null_for_undefined_statistics():
    analysis = analyse([Response("L1", "b", "I1", "A", "A")])
    item = json.loads(render_json(analysis))["blocks"][0]["items"][0]
    assert item["d"] is None and item["r_pb"] is None


PREFIXES = st.sampled_from(list(" \t\r\n\u00a0\u200b\u200d\u2060\ufeff\u3000\x1b") + [""])
STARTS = st.sampled_from(list("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212a1'"))


@given(st.lists(PREFIXES, max_size=4), STARTS, st.text(max_size=8))
def test_no_formula_survives_behind_skipped_characters(prefix, start, rest):
    text = "".join(prefix) + start + rest
    cell = neutralise_csv_text(text)
    visible = cell.lstrip(" \t\r\n\u00a0\u200b\u200d\u2060\ufeff\u3000\x1b")
    assert cell.startswith("'") or visible[:1] not in set("=+-@\uff1d\uff0b\uff0d\uff20\u2212")
    assert cell in (text, "'" + text)  # the text itself survives
