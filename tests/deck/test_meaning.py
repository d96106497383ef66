"""Validation of meaning: each warning is located at the exact line:col the author must change."""

import textwrap

import pytest

from quizapp.deck.loader import check_deck

BASE = """\
format: 1
deck: {id: meaning, title: Meaning checks, version: "1", authors: [Tests]}
sources:
  - {id: s1, citation: "Author A. A review. J Med. 2020;1:1-10."}
kinds:
  - {id: condition, label: diagnosis}
  - {id: finding, label: clinical finding}
  - {id: antibody, label: antibody}
  - {id: drug, label: drug}
attributes:
  - {id: ck, label: creatine kinase, type: range, unit: U/L}
  - {id: prevalence, label: prevalence, type: range, unit: per million}
relation_types:
  - {id: has_finding, label: has finding, from: [condition], to: [finding],
     statement: "{to} is a feature of {from}.", ask_to: "Which finding is a feature of {from}?",
     ask_from: "Which condition shows {to}?"}
  - {id: marked_by, label: marked by, from: [condition], to: [antibody],
     statement: "{to} marks {from}.", ask_to: "Which antibody marks {from}?",
     ask_from: "Which condition does {to} mark?"}
  - {id: treated_with, label: treated with, from: [condition], to: [drug],
     statement: "{from} is treated with {to}.", ask_to: "Which drug treats {from}?",
     ask_from: "Which condition is treated with {to}?"}
entities:
  - {id: c1, kind: condition, name: One disease, source: s1}
  - {id: c2, kind: condition, name: Two disease, source: s1}
  - {id: c3, kind: condition, name: Three disease, source: s1}
  - {id: c4, kind: condition, name: Four disease, source: s1}
  - {id: rash, kind: finding, name: Rash, source: s1}
  - {id: f2, kind: finding, name: Fever, source: s1}
  - {id: f3, kind: finding, name: Cough, source: s1}
  - {id: f4, kind: finding, name: Pain, source: s1}
  - {id: a1, kind: antibody, name: Anti-A, source: s1}
  - {id: a2, kind: antibody, name: Anti-B, source: s1}
  - {id: a3, kind: antibody, name: Anti-C, source: s1}
  - {id: a4, kind: antibody, name: Anti-D, source: s1}
  - {id: d1, kind: drug, name: Drug A, source: s1}
  - {id: d2, kind: drug, name: Drug B, source: s1}
  - {id: d3, kind: drug, name: Drug C, source: s1}
  - {id: d4, kind: drug, name: Drug D, source: s1}
relations:
  - {from: c1, type: has_finding, to: rash, frequency: absent, source: s1}
  - {from: c2, type: has_finding, to: rash, frequency: hallmark, source: s1}
  - {from: c1, type: marked_by, to: a1, source: s1}
  - {from: c1, type: treated_with, to: d1, source: s1}
"""

BLUEPRINT = """\
blueprints:
  - id: bp
    condition: {condition}
    complaint: [a cough]
    duration: {{min: 2, max: 6, unit: {duration_unit}}}
    findings: {{required: [f2]}}
    answers: {{antibody: {antibody}, treatment: d1}}
    source: s1
"""


def _check(tmp_path, extra: str):
    text = BASE + textwrap.dedent(extra)
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return text, check_deck(path).problems


def _at(text: str, marker: str, start: int = 0) -> tuple[int, int]:
    """1-based line and column of the first `marker` in `text` from `start`."""
    index = text.index(marker, start)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _located(problems, severity: str) -> list[tuple[int, int, str]]:
    return [(p.loc.line, p.loc.col, p.message) for p in problems if p.severity == severity]


def _blueprint(condition="c1", antibody="a1", duration_unit="months") -> str:
    return BLUEPRINT.format(condition=condition, antibody=antibody, duration_unit=duration_unit)


def test_the_base_deck_is_clean(tmp_path):
    text, problems = _check(tmp_path, _blueprint())
    assert problems == []


def test_a_blueprint_about_a_finding_is_located_at_its_condition(tmp_path):
    text, problems = _check(tmp_path, _blueprint(condition="rash"))
    (line, col, message), *_ = _located(problems, "warning")
    assert (line, col) == _at(text, "rash\n    complaint")
    assert "'rash' is a clinical finding (kind 'finding'), not a condition" in message


def test_an_answer_of_the_wrong_kind_is_located_at_the_answer(tmp_path):
    text, problems = _check(tmp_path, _blueprint(antibody="d2"))
    assert _located(problems, "warning") == [
        (
            *_at(text, "d2, treatment"),
            "the antibody lead-in asks for antibody, but 'd2' is a drug (kind 'drug'): the "
            "question would read wrong and its options would be of the wrong kind",
        )
    ]


def test_an_age_or_duration_unit_that_is_no_time_is_an_error(tmp_path):
    text, problems = _check(tmp_path, _blueprint(duration_unit="U/L"))
    assert _located(problems, "error") == [
        (
            *_at(text, "U/L}\n    findings"),
            "the duration of a case is a time: its unit must be one of minutes, hours, days, "
            "weeks, months, years, not 'U/L'",
        )
    ]


def test_a_repeated_mnemonic_key_is_located_at_the_second_key(tmp_path):
    text, problems = _check(
        tmp_path,
        """\
        mnemonics:
          - id: m
            title: MAM
            about: Three things.
            items:
              - {key: M, meaning: Malaise}
              - {key: A, meaning: Aches}
              - {key: M, meaning: Myalgia}
            source: s1
        """,
    )
    assert _located(problems, "warning") == [
        (
            *_at(text, "M, meaning: Myalgia"),
            f"key 'M' repeats (first at line {_at(text, '- {key: M')[0]}, for 'Malaise'): a "
            "card asking what 'M' stands for has two right answers; give each of them a "
            '`prompt` ("What does the second M stand for?"), or make the keys tell the items '
            "apart",
        )
    ]


TABLE = """\
tables:
  - id: t
    title: Features
    columns:
      - {{id: skin, title: {title}}}
    rows:
      - entity: c1
        cells:
          skin: {{text: "{c1}", source: s1}}
      - entity: c2
        cells:
          skin: {{text: "{c2}", source: s1}}
    source: s1
"""


@pytest.mark.parametrize(
    ("title", "c1", "c2", "wrong"),
    [
        # the cell names the finding: c1 has it as absent, c2 as a hallmark
        ("Skin", "Rash on the face", "Often without fever", "c1"),
        ("Skin", "No fever", "No rash", "c2"),
        # the column is the finding
        ("Rash", "Present", "Yes", "c1"),
        ("Rash", "Absent", "Absent", "c2"),
    ],
)
def test_a_table_cell_that_contradicts_a_relation_is_located_at_the_cell(
    tmp_path, title, c1, c2, wrong
):
    text, problems = _check(tmp_path, TABLE.format(title=title, c1=c1, c2=c2))
    warnings = _located(problems, "warning")
    assert len(warnings) == 1, warnings
    line, col, message = warnings[0]
    row = text.index(f"- entity: {wrong}")
    assert (line, col) == _at(text, '"', text.index("{text: ", row))
    relation = f"{{from: {wrong}, type: has_finding, to: rash"
    assert f"the relation at {tmp_path / 'deck.yaml'}:{_at(text, relation)[0]}:" in message
    present = "present" if wrong == "c1" else "absent"
    name = "One disease" if wrong == "c1" else "Two disease"
    assert message.startswith(f"this cell says Rash is {present} in {name}")


def test_table_cells_that_agree_with_relations_are_quiet(tmp_path):
    text, problems = _check(tmp_path, TABLE.format(title="Skin", c1="No rash", c2="Rash"))
    assert _located(problems, "warning") == []


def test_a_population_figure_a_vignette_would_print_as_a_lab_is_located_at_its_value(tmp_path):
    text = BASE.replace(
        "{id: c1, kind: condition, name: One disease, source: s1}",
        "{id: c1, kind: condition, name: One disease, source: s1,\n"
        "     attributes: {prevalence: {min: 2, max: 10, source: s1}, "
        "ck: {min: 100, max: 900, source: s1}}}",
    )
    path = tmp_path / "deck.yaml"
    path.write_text(text + _blueprint(), encoding="utf-8")
    warnings = _located(check_deck(path).problems, "warning")
    assert warnings == [
        (
            *_at(text, "{min: 2, max: 10"),
            "'prevalence' (prevalence, per million) looks like a figure about a population, "
            "but blueprint 'bp' would state it as this patient's laboratory value ('the "
            "prevalence is ...'): mark the attribute `population: true` (format 2), or leave "
            "it off the condition",
        )
    ]
