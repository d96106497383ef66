"""The rules tests/support keeps (issue 15): one import convention, a skip that fails, and
waiting that ends in a clear failure rather than a hang."""

import ast
from pathlib import Path

import pytest
from textual.app import App

from tests.support.app import wait_for

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
