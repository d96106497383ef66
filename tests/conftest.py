"""Every test gets the shared fixtures of tests.support, and no test may pass by skipping."""

import pytest

pytest_plugins = ["tests.support.fixtures", "pytester"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A skip would silently drop tests (the IIM deck's, if the bundled deck broke): it fails
    instead, saying why it skipped."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"a test skipped, which hides what it tests: {report.longrepr}"
