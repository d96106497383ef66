"""A file that cannot be read is the error to fix first: it is printed first, and the
references its missing ids leave dangling are one summary line, not one error each (the
new-author trial had 188 errors for 5 mistakes, the real one printed after 60 others)."""

import shutil
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.deck.loader import check_deck

TRIAL = Path(__file__).parents[1] / "generate" / "data" / "trial-mg"
BROKEN = "    in_case: {present: pupils: small, absent: miosis}\n"  # an unquoted colon


def _trial(tmp_path: Path, file: str, old: str, new: str) -> Path:
    shutil.copytree(TRIAL, tmp_path / "mg")
    path = tmp_path / "mg" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path / "mg"


def test_a_yaml_error_comes_first_and_its_dangling_references_are_one_line(tmp_path):
    deck = _trial(
        tmp_path, "findings.yaml", "    in_case: {present: small pupils, absent: miosis}\n", BROKEN
    )
    # a real unknown reference elsewhere is still reported on its own
    (deck / "relations.yaml").write_text(
        (deck / "relations.yaml")
        .read_text(encoding="utf-8")
        .replace("to: anti-achr", "to: anti-achrr", 1),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(deck)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert lines[0].startswith(f"{deck / 'findings.yaml'}:67:30: error: YAML syntax: ")
    summary = [line for line in lines if "could not be read" in line]
    assert len(summary) == 1
    assert "references to ids defined in findings.yaml (" in summary[0]
    assert "fix the error reported there first" in summary[0]
    assert not any("unknown entity 'ptosis'" in line for line in lines)
    assert any("unknown entity 'anti-achrr'" in line for line in lines)
    assert len(lines) <= 4, lines


def test_problems_of_a_deck_that_reads_whole_keep_file_order(tmp_path):
    deck = _trial(tmp_path, "blueprints.yaml", "setting: [office", "setting: [ICU")
    problems = check_deck(deck / "deck.yaml").problems
    assert [str(p.loc.path) for p in problems] == sorted(str(p.loc.path) for p in problems)
