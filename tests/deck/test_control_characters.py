"""Issue 17, item 3: deck text with control characters is refused where it is written.

YAML escapes are decoded before the check, so `"\\e[2J"` (ESC) in double quotes is caught
as surely as a raw one, with the place (file:line:col) and nothing executed on the way."""

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.deck.loader import check_deck
from tests.support.paths import MINI_DECK

ESCAPES = {
    "clear screen": r'"\e[2J\e[H"',
    "window title (OSC 0)": r'"\e]0;pwned\a"',
    "hyperlink (OSC 8)": r'"\e]8;;http://evil\e\\click\e]8;;\e\\"',
    "C1 CSI": r'"\x9b2J"',
    "C1 CSI as \\u": r'"\u009b31m"',
    "bell": r'"ding\a"',
    "carriage return": r'"safe\rEVIL"',
    "NUL": r'"a\0b"',
    "DEL": r'"a\x7fb"',
    "raw C1 character": '"a\u009bb"',
}


def deck_with_title(tmp_path, title: str, where: str = "title"):
    text = MINI_DECK.read_text(encoding="utf-8")
    old = "deck: {id: mini, title: Mini deck,"
    assert old in text
    if where == "title":
        text = text.replace(old, f"deck: {{id: mini, title: {title},")
    else:  # as a mapping key
        text = text.replace("sources:", f"{title}: 1\nsources:")
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    line = 1 + text[: text.index(title)].count("\n")
    return path, line


@pytest.mark.parametrize("name", ESCAPES)
def test_control_characters_in_values_are_located_errors(tmp_path, name):
    path, line = deck_with_title(tmp_path, ESCAPES[name])
    result = check_deck(path)
    assert result.deck is None
    [problem] = [p for p in result.problems if p.severity == "error"]
    assert (problem.loc.path, problem.loc.line) == (str(path), line)
    col = 27 if name == "raw C1 character" else 25  # the character itself, or the value
    assert problem.loc.col == col
    assert "control character U+" in problem.message

    cli = CliRunner().invoke(main, ["validate", str(path)])
    assert cli.exit_code == 1 and f"deck.yaml:{line}:{col}: error: " in cli.stderr
    assert not any(c in cli.output for c in "\x1b\x9b\x07\x00\x7f\r")


def test_a_control_character_in_a_key_is_refused_too(tmp_path):
    path, line = deck_with_title(tmp_path, r'"k\e[2J"', where="key")
    [problem] = check_deck(path).problems
    assert problem.loc.line == line and "U+001B (ESC)" in problem.message


def test_tab_and_newline_stay_allowed(tmp_path):
    path, _ = deck_with_title(tmp_path, r'"Mini\tdeck\nsecond line"')
    result = check_deck(path)
    assert result.deck is not None, result.problems
    assert result.deck.title == "Mini\tdeck\nsecond line"


def test_cards_refuses_the_deck_with_the_place_and_prints_no_escape(tmp_path):
    path, line = deck_with_title(tmp_path, ESCAPES["clear screen"])
    result = CliRunner().invoke(main, ["cards", str(path)])
    assert result.exit_code == 1 and f":{line}:25:" in result.stderr
    assert "\x1b" not in result.output
