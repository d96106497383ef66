"""`quizapp deck upgrade`: move a format 1 deck to format 2 by editing one token.

Format 2 is format 1 plus new fields, so a valid format 1 deck becomes a valid format 2
deck when its `format` value says 2. The edit is made in the file's text at the place
the YAML reader found that value, never by dumping the data again: comments, key order,
quoting, line endings and every id stay exactly as the author wrote them, and so do the
ids of the cards generated from the deck (learners' progress is kept by card id).
"""

from dataclasses import dataclass, field
from pathlib import Path

from quizapp.deck.errors import Location, Problem
from quizapp.deck.loader import check_deck
from quizapp.deck.spec import LATEST_FORMAT
from quizapp.deck.yaml_source import LDict, YamlProblem, read_yaml
from quizapp.output import replace_atomically

BOM = "\ufeff"


@dataclass(frozen=True)
class Upgrade:
    """What upgrading one root file would do: the old and new text (equal when there is
    nothing to do), or the problems that stop it."""

    root: Path
    old: str = ""
    new: str = ""
    line: int = 0  # the line of the `format` value
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return not self.problems and self.old != self.new


def plan_upgrade(root: Path) -> Upgrade:
    """The upgrade of one deck root file: refused while the deck has errors (the edit must
    not turn a broken deck into a differently broken one)."""
    if root.is_symlink():
        message = "is a symbolic link; give the path of the deck file itself to upgrade it"
        return Upgrade(root, problems=[Problem(Location(str(root)), "error", message)])
    errors = [p for p in check_deck(root).problems if p.severity == "error"]
    if errors:
        return Upgrade(root, problems=errors)
    try:
        data = read_yaml(root)
        raw = root.read_bytes()
    except (YamlProblem, OSError) as exc:  # the file changed since it was checked
        problem = getattr(exc, "problem", None) or Problem(Location(str(root)), "error", str(exc))
        return Upgrade(root, problems=[problem])
    assert isinstance(data, LDict)  # check_deck accepted it as a root file
    text = raw.decode("utf-8-sig")
    if data["format"] == LATEST_FORMAT:
        return Upgrade(root, text, text)
    where = data.value_locs["format"]
    new = replace_token(text, where, str(data["format"]), str(LATEST_FORMAT))
    if new is None:
        message = f"cannot find `format: {data['format']}` at this place; edit it by hand"
        return Upgrade(root, problems=[Problem(where, "error", message)])
    return Upgrade(root, text, new, where.line)


def replace_token(text: str, where: Location, old: str, new: str) -> str | None:
    """`text` with the token `old` at line:col replaced by `new`; None when it is not there
    as a whole token (a digit after it would make it part of a bigger number)."""
    lines = text.splitlines(keepends=True)
    if not 1 <= where.line <= len(lines):
        return None
    line = lines[where.line - 1]
    start = where.col - 1
    end = start + len(old)
    if line[start:end] != old or line[end : end + 1].isalnum() or line[end : end + 1] == ".":
        return None
    lines[where.line - 1] = line[:start] + new + line[end:]
    return "".join(lines)


def write_upgrade(upgrade: Upgrade) -> None:
    """Replace the root file atomically with the upgraded text (a byte order mark kept)."""
    had_bom = upgrade.root.read_bytes().startswith(BOM.encode())
    text = (BOM if had_bom else "") + upgrade.new
    replace_atomically(upgrade.root, text.encode("utf-8"))
