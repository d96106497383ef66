"""The rules tests/support keeps (issue 15): one import convention, a skip that fails, and
waiting that ends in a clear failure rather than a hang."""

import ast
import sqlite3
from pathlib import Path

import pytest
from textual.app import App

from quizapp.library import load_library, sync_library
from quizapp.srs.config import save_setting
from quizapp.store.connection import open_store
from tests.support.app import build_context, wait_for
from tests.support.decks import BOTH_DECKS

TESTS = Path(__file__).parent


def test_tests_import_modules_never_conftest_nor_sys_path():
    """`from tests.support.clock import Clock`, never `from quiz_helpers import ...` (which
    works only while pytest puts that folder on sys.path) nor a conftest's names."""
    local = {p.stem for p in TESTS.rglob("*.py")}
    wrong = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                top = node.module.split(".")[0]
                if node.module.endswith("conftest") or top in local:
                    wrong.append(f"{path.relative_to(TESTS)} imports {node.module}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "path"
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
            ):
                wrong.append(f"{path.relative_to(TESTS)} uses sys.path")
    assert wrong == []


def test_every_test_folder_is_a_package():
    folders = {p.parent for p in TESTS.rglob("test_*.py")} | {TESTS / "support"}
    assert sorted(str(f) for f in folders if not (f / "__init__.py").exists()) == []


def test_a_skipped_test_fails(pytester: pytest.Pytester):
    hook = (TESTS / "conftest.py").read_text(encoding="utf-8")
    pytester.makeconftest(hook.replace('"tests.support.fixtures", ', ""))
    pytester.makepyfile(
        "import pytest\n"
        "def test_skips():\n    pytest.skip('the bundled deck is broken')\n"
        "@pytest.mark.xfail(strict=True)\ndef test_known():\n    assert False\n"
    )
    plugins = ("no:cacheprovider", "no:textual-snapshot", "no:asyncio")  # not needed inside
    result = pytester.runpytest(*(arg for name in plugins for arg in ("-p", name)))
    result.assert_outcomes(failed=1, xfailed=1)
    result.stdout.fnmatch_lines(["*a test skipped*the bundled deck is broken*"])


async def test_wait_for_fails_saying_what_never_came(monkeypatch):
    monkeypatch.setattr("tests.support.app.WAIT_SECONDS", 0.2)
    async with App().run_test() as pilot:
        with pytest.raises(AssertionError, match="waited .* for the moon"):
            await wait_for(pilot, lambda: False, "the moon")
        await wait_for(pilot, lambda: True, "what is already there")


def test_a_first_start_from_the_session_copy_is_the_same_as_one_from_the_decks(tmp_path):
    """build_context's shortcut (a copy of the session's first start) leaves the same rows
    and cards as loading and syncing the decks into a new file, and each test's copy is
    its own: changing one changes neither the next copy nor the session's."""
    for name in "abc":
        (tmp_path / name).mkdir()
    copied = build_context(tmp_path / "a", BOTH_DECKS)
    fresh_db = tmp_path / "b" / "progress.sqlite3"
    conn = open_store(fresh_db, synchronous="NORMAL")
    save_setting(conn, "timezone", "UTC")
    fresh = load_library(BOTH_DECKS, conn)
    sync_library(conn, fresh)

    def rows(c: sqlite3.Connection) -> dict[str, list[tuple]]:
        tables = [t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, c.execute(f"SELECT * FROM {t}"))) for t in tables}

    stamped = {"decks", "deck_sources", "cards"}  # rows stamped with the time of the sync
    copied_rows, fresh_rows = rows(copied.conn), rows(conn)
    assert {t: r for t, r in copied_rows.items() if t not in stamped} == {
        t: r for t, r in fresh_rows.items() if t not in stamped
    }
    ids = "SELECT card_id, deck_id, kind, topic, content_hash, sibling_key FROM cards"
    assert sorted(copied.conn.execute(ids)) == sorted(conn.execute(ids))
    assert copied.first_run and copied.library.cards == fresh.cards
    assert copied.library.sources == fresh.sources and not copied.library.cached
    copied.library.cards.clear()
    copied.conn.execute("UPDATE cards SET suspended = 1")
    again = build_context(tmp_path / "c", BOTH_DECKS)
    assert again.library.cards == fresh.cards
    assert again.conn.execute("SELECT count(*) FROM cards WHERE suspended").fetchone()[0] == 0
