"""Problems found in a deck, each pinned to the place in a file that causes it."""

from dataclasses import dataclass
from typing import Literal, NamedTuple

from quizapp.errors import QuizappError

Severity = Literal["error", "warning"]


class Location(NamedTuple):
    """A 1-based line and column in a file, as editors and compilers count them.

    A named tuple, not a dataclass: a deck has hundreds of thousands of them.
    """

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    """One message for the author: where, how bad, and what."""

    loc: Location
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.severity}: {self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.loc.path,
            "line": self.loc.line,
            "col": self.loc.col,
            "severity": self.severity,
            "message": self.message,
        }


class DeckError(QuizappError):
    """A deck that cannot be used; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
