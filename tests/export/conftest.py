"""Deck fixtures for export tests (their helpers are in tests.export.helpers)."""

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.export.helpers import hostile_data, small_data, write_deck


@pytest.fixture
def hostile_deck(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    return write_deck(folder, hostile_data())


@pytest.fixture
def small_deck(tmp_path: Path) -> Callable[[Callable[[dict], None] | None], Path]:
    """The small deck written to a temporary folder, optionally edited first."""

    def make(edit: Callable[[dict], None] | None = None) -> Path:
        data = small_data()
        if edit is not None:
            edit(data)
        folder = tmp_path / "small"
        folder.mkdir(exist_ok=True)
        return write_deck(folder, data)

    return make
