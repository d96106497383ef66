"""YAML syntax errors explained in an author's words, at the exact line:col, never the raw
parser message."""

import pytest

from quizapp.deck.loader import check_deck

CASES = {
    "tab": ("format: 1\ndeck:\n\tid: x\n", 3, 1, "a tab character here: YAML indents with spaces"),
    "tab-in-list": ("entities:\n  - id: a\n\t  kind: b\n", 3, 1, "a tab character here"),
    "over-indented-key": (
        "format: 1\ndeck:\n  id: x\n   title: y\n",
        4,
        9,
        "this line is indented more than the line above it (3 spaces against 2)",
    ),
    "colon-in-text": (
        "deck:\n  title: Myositis: a review\n",
        2,
        18,
        "a ':' followed by a space here, inside a value: if it is part of the text",
    ),
    "key-without-colon": (
        "deck:\n  id x\n  title: y\n",
        3,
        8,
        "line 2 has no ':' after its key, so it is read as text that runs on into this line",
    ),
    "list-item-misaligned": (
        "entities:\n  - id: a\n    kind: b\n   name: c\n",
        4,
        4,
        "this line does not fit the list that starts at line 2, column 3",
    ),
    "mapping-misaligned": (
        "entities:\n  - id: a\n - id: b\n",
        3,
        2,
        "this line is indented differently from the block that starts at line 1, column 1",
    ),
    "unclosed-quote": (
        'deck:\n  title: "abc\n  id: x\n',
        4,
        1,
        "the quote opened at line 2, column 10 is never closed: add the closing quote",
    ),
    "unclosed-brace": (
        "deck: {id: x, title: y\nformat: 1\n",
        2,
        7,
        "the '{' at line 1, column 7 is not closed before this point: add '}'",
    ),
    "unknown-escape": ('deck: {title: "a\\qb"}\n', 1, 17, "a backslash in double quotes"),
    "continued-text": (
        "a:\n  - b: c\n    d\n",
        4,
        1,
        "the text at line 3, column 5 is neither a key (a key needs ': ' after it)",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_yaml_errors_are_explained_at_their_place(write, name):
    text, line, col, words = CASES[name]
    path = write(f"{name}.yaml", text.encode())
    (problem,) = check_deck(path).problems
    assert (problem.loc.line, problem.loc.col) == (line, col), str(problem)
    assert problem.message.startswith("YAML syntax: ")
    assert words in problem.message
    for raw in ("mapping values are not allowed", "did not find expected", "while scanning"):
        assert raw not in problem.message
