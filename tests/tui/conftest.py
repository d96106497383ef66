"""The real app on a temporary progress file, real decks and a fixed clock."""

from pathlib import Path

import pytest

from quizapp.library import load_library
from quizapp.tui.app import QuizApp
from quizapp.workspace import Workspace
from tests.support.app import build_context
from tests.support.decks import IIM_ONLY


@pytest.fixture(scope="session")
def iim_library():
    return load_library(IIM_ONLY)


@pytest.fixture
def iim_context(tmp_path: Path) -> Workspace:
    return build_context(tmp_path, IIM_ONLY)


@pytest.fixture
def iim_app(iim_context: Workspace) -> QuizApp:
    return QuizApp(iim_context)
