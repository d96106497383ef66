"""Issue 17, items 5-6: one bad deck does not take the others (or the app) down.

Each hostile entry in a decks folder gets its own located problem (path:line:col); the good
deck beside it still loads, in `validate`, in the library the app loads, and on the app's
home screen. Real files, real folders, the real command line."""

import os
import pickle
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.deck.loader import check_deck
from quizapp.library import load_library
from tests.support.decks import deck_folder
from tests.support.paths import MINI_DECK

HEADER = 'format: 1\ndeck: {id: %s, title: T, version: "1", authors: [A]}\n'


def mini_with(deck_id: str, old: str, new: str) -> str:
    text = MINI_DECK.read_text(encoding="utf-8").replace("id: mini,", f"id: {deck_id},")
    assert old in text
    return text.replace(old, new)


def make_bad(folder: Path, name: str) -> tuple[str, str]:
    """Create one bad entry in `folder`; (the path its problem names, words in the message)."""
    if name == "symlink-loop include":
        deck = folder / "loop"
        deck.mkdir()
        (deck / "deck.yaml").write_text(HEADER % "loop" + "include: [a.yaml]\n")
        (deck / "a.yaml").symlink_to("a.yaml")
        return "loop/deck.yaml:3:11", "symbolic link loop"
    if name == "symlink-loop deck":
        (folder / "self.yaml").symlink_to("self.yaml")
        return "self.yaml:1:1", "cannot read file"
    if name == "dangling link":
        (folder / "gone.yaml").symlink_to("nowhere.yaml")
        return "gone.yaml:1:1", "cannot read file"
    if name == "4,000-digit number":
        (folder / "big.yaml").write_text(mini_with("big", "min: 500", "min: 5" + "0" * 4000))
        return "big.yaml:23:", "4,001 characters long"
    if name == "20-digit number":
        (folder / "big20.yaml").write_text(mini_with("big20", "max: 20000", "max: " + "9" * 20))
        return "big20.yaml:23:", "too large"
    if name == "1.0e+999":
        (folder / "inf.yaml").write_text(mini_with("inf", "max: 20000", "max: 1.0e+999"))
        return "inf.yaml:23:", "not a finite number"
    if name == "!!bool maybe":
        (folder / "maybe.yaml").write_text(
            mini_with("maybe", "version:", "x: !!bool maybe, version:")
        )
        return "maybe.yaml:3:", "'maybe' is not a valid bool"
    if name == "!!int 0x":
        (folder / "hex.yaml").write_text(mini_with("hex", "max: 20000", "max: !!int 0xZZ"))
        return "hex.yaml:23:", "not a valid int"
    if name == "include name too long":
        deck = folder / "long"
        deck.mkdir()
        (deck / "deck.yaml").write_text(HEADER % "long" + f"include: [{'a' * 5000}.yaml]\n")
        return "long/deck.yaml:3:11", "cannot be read"
    if name == "include name with NUL":
        deck = folder / "nul"
        deck.mkdir()
        (deck / "deck.yaml").write_text(HEADER % "nul" + 'include: ["a\\0.yaml"]\n')
        return "nul/deck.yaml:3:", "control character U+0000"
    if name == "FIFO named like a deck":
        os.mkfifo(folder / "pipe.yaml")
        return "pipe.yaml:1:1", "not a regular file"
    raise AssertionError(name)


BAD = [
    "symlink-loop include",
    "symlink-loop deck",
    "dangling link",
    "4,000-digit number",
    "20-digit number",
    "1.0e+999",
    "!!bool maybe",
    "!!int 0x",
    "include name too long",
    "include name with NUL",
    "FIFO named like a deck",
]


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    return deck_folder(tmp_path, MINI_DECK)


@pytest.mark.parametrize("name", BAD)
def test_each_bad_deck_is_a_located_problem_and_the_good_one_loads(decks, name):
    place, words = make_bad(decks, name)
    result = CliRunner().invoke(main, ["validate", str(decks)])
    assert result.exit_code == 1, result.output
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) >= 1 and all(line.startswith(str(decks)) for line in errors), errors
    assert any(place in line and words in line for line in errors), errors
    assert not any("mini.yaml" in line for line in errors)
    assert "quizapp failed while" not in result.stderr  # a foreseen case, not the safety net

    library = load_library(decks)
    assert list(library.decks) == ["mini"]
    assert any(words in p.message for p in library.problems)


def test_all_of_them_at_once_in_the_app(decks, tmp_path):
    """The real app on a folder holding every bad deck: home lists the good deck and the
    located problems; nothing crashes."""
    import asyncio

    from quizapp.tui.app import QuizApp
    from tests.support.app import build_context

    for name in BAD:
        make_bad(decks, name)

    async def home_text() -> str:
        app = QuizApp(build_context(tmp_path, decks))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return "\n".join(s.text for s in app.screen._compositor.render_strips())

    shown = asyncio.run(home_text())
    assert "Mini deck" in shown
    assert "Some decks could not be loaded" in shown and "big.yaml:23:" in shown


def test_an_unforeseen_error_is_a_located_problem_not_a_traceback(decks, monkeypatch):
    import quizapp.deck.loader as loader

    def boom(*_args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(loader, "check_semantics", boom)
    result = check_deck(decks / "mini.yaml")
    [problem] = result.problems
    assert problem.loc.path == str(decks / "mini.yaml") and "ZeroDivisionError" in problem.message
    cli = CliRunner().invoke(main, ["validate", str(decks)])
    assert cli.exit_code == 1 and "Traceback" not in cli.output
    assert "quizapp failed while checking this deck" in cli.stderr


# --- an unreadable folder: root reads everything, so drop to `nobody` in a child ----------


def _unprivileged(function, *args):
    """Run function(*args) as `nobody` when we are root (permissions bind only then)."""
    if os.geteuid() != 0:
        return function(*args)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges, run, send the result back
        os.close(reader)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            payload = pickle.dumps(("ok", function(*args)))
        except BaseException as exc:  # reported to the parent
            payload = pickle.dumps(("error", repr(exc)))
        with os.fdopen(writer, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as source:
        status, value = pickle.loads(source.read())
    os.waitpid(pid, 0)
    assert status == "ok", value
    return value


def _validate_and_load(folder: str) -> tuple[int, str, list[str], list[str]]:
    """`validate` on the folder; the library of the folder, and of the unlistable one as
    the app's --decks."""
    result = CliRunner().invoke(main, ["validate", folder])
    library = load_library(Path(folder))
    closed = load_library(Path(folder) / "closed")
    problems = [str(p) for p in library.problems + closed.problems]
    return result.exit_code, result.stderr, list(library.decks), problems


def test_an_unreadable_subfolder_is_a_located_problem():
    top = Path(tempfile.mkdtemp(prefix="quizapp-unreadable-"))
    try:
        top.chmod(0o755)
        shutil.copy(MINI_DECK, top / "mini.yaml")
        (top / "mini.yaml").chmod(0o644)
        locked = top / "locked"
        locked.mkdir()
        shutil.copy(MINI_DECK, locked / "deck.yaml")
        locked.chmod(0o000)
        closed = top / "closed"  # may be entered, not listed: the app is given it as --decks
        closed.mkdir()
        closed.chmod(0o311)
        code, stderr, loaded, problems = _unprivileged(_validate_and_load, str(top))
    finally:
        for folder in (top / "locked", top / "closed"):
            folder.chmod(0o755)
        shutil.rmtree(top)
    assert code == 1 and "Traceback" not in stderr
    assert f"{top}/locked/deck.yaml:1:1: error: cannot read file: Permission denied" in stderr
    assert loaded == ["mini"]
    assert problems == [
        f"{top}/locked/deck.yaml:1:1: error: cannot read file: Permission denied",
        f"{top}/closed:1:1: error: cannot read folder: Permission denied",
    ]


def test_a_plain_large_file_is_not_blamed_on_aliases(tmp_path, monkeypatch):
    """Issue 17, item 7: the limit message says the real reason."""
    from quizapp.deck import yaml_source

    monkeypatch.setattr(yaml_source, "MAX_VALUES", 1000)
    plain = tmp_path / "plain.yaml"
    plain.write_text("a: [" + ", ".join(str(i) for i in range(2000)) + "]\n")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [" + ", ".join(["*a"] * 200) + "]\n")
    [problem] = check_deck(plain).problems
    assert "hold more than 1,000 values; split the deck" in problem.message
    [problem] = check_deck(bomb).problems
    assert "aliases repeated too often" in problem.message
