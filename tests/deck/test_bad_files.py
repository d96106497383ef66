"""Hostile and broken files get one located error, quickly, and never a traceback."""

import resource
import time

import pytest

from quizapp.deck.loader import check_deck

BOMB = b"""format: 1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

CASES = {
    "empty": (b"", 1, 1, "file is empty"),
    "blank": (b"\n\n   \n", 1, 1, "file is empty"),
    "not-mapping": (b"- a\n- b\n", 1, 1, "must be a YAML mapping"),
    "scalar": (b"just text\n", 1, 1, "must be a YAML mapping"),
    "latin1": (b"format: 1\ndeck: caf\xe9\n", 2, 10, "not UTF-8"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00", 1, 1, "not UTF-8"),
    "nul": (b"format: 1\ndeck: a\x00b\n", 2, 8, "NUL byte"),
    "python-tag": (
        b"format: 1\ndeck: !!python/object/apply:os.system [echo hi]\n",
        2,
        7,
        "not allowed",
    ),
    "custom-tag": (b"format: 1\ndeck: !include other.yaml\n", 2, 7, "not allowed"),
    "alias-bomb": (BOMB, 8, 8, "aliases repeated too often"),
    "deep-flow": (b"format: " + b"[" * 50_000 + b"]" * 50_000, 1, 209, "deeper than 200"),
    "deep-block": (
        b"format:\n" + b"".join(b" " * i + b"- \n" for i in range(1, 3000)),
        201,
        201,
        "deeper than 200",
    ),
    "huge-scalar": (b"format: 1\ndeck: " + b"x" * 5_000_000 + b"\n", 2, 7, "5,000,000 characters"),
    "duplicate-key": (
        b"format: 1\nformat: 2\n",
        2,
        1,
        "duplicate key 'format' (first given at line 1)",
    ),
    "syntax": (b"format: 1\ndeck: [a, b\n", 3, 1, "YAML syntax"),
    "two-documents": (b"format: 1\n---\nformat: 1\n", 2, 1, "one YAML document"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gets_one_located_error_fast(write, name):
    data, line, col, message = CASES[name]
    path = write(f"{name}.yaml", data)
    start = time.perf_counter()
    result = check_deck(path)
    elapsed = time.perf_counter() - start
    assert result.deck is None
    first = result.problems[0]
    assert (first.loc.line, first.loc.col) == (line, col), str(first)
    assert message in first.message
    assert first.loc.path == str(path)
    assert elapsed < 2.0


def test_python_tag_constructs_nothing(write, tmp_path):
    marker = tmp_path / "pwned"
    path = write(
        "evil.yaml", f"format: 1\ndeck: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    check_deck(path)
    assert not marker.exists()


def test_alias_bomb_stays_small(write):
    path = write("bomb.yaml", BOMB)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    check_deck(path)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert (after - before) * 1024 < 200 * 1024 * 1024


@pytest.mark.parametrize(
    "include, message",
    [
        ("../outside.yaml", "outside the deck folder"),
        ("/etc/passwd", "not an absolute path"),
        ("missing.yaml", "does not exist"),
        ("deck.yaml", "its own root file"),
        ("link.yaml", "outside the deck folder"),
    ],
)
def test_include_must_stay_inside_the_folder(write, tmp_path, include, message):
    write("outside.yaml", "entities: []\n")
    (tmp_path / "deck").mkdir()
    (tmp_path / "deck" / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    root = write(
        "deck/deck.yaml",
        f"""
        format: 1
        deck: {{id: d, title: D, version: "1", authors: [a]}}
        include:
          - {include}
        """,
    )
    problems = check_deck(root).problems
    assert [(p.loc.line, p.loc.col) for p in problems] == [(4, 5)]
    assert message in problems[0].message
