"""YAML syntax errors in words an author understands.

libyaml reports what its parser expected ("mapping values are not allowed in this
context", "did not find expected key"); an author needs what to change in the file:
a tab to replace, a line to line up, a quote to add. Each message names the place it
is about, and the raw parser message is kept only when no explanation fits.
"""

import yaml

_TAB = (
    "a tab character here: YAML indents with spaces only. Replace the tab with spaces "
    "(set your editor to insert spaces for the Tab key)"
)


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """(line, col, message) for a YAML syntax error, 1-based, pointing at the problem."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:  # PyYAML marks every syntax error; the type allows none
        return 1, 1, f"YAML syntax: {exc}"
    line, col = mark.line + 1, mark.column + 1
    problem, context = exc.problem or "", exc.context or ""
    where = exc.context_mark
    opened = f"line {where.line + 1}, column {where.column + 1}" if where else "above"
    lines = text.splitlines()
    here = lines[mark.line] if mark.line < len(lines) else ""
    char = here[mark.column : mark.column + 1]
    if "tab" in problem or char == "\t":
        message = _TAB
    elif "cannot start any token" in problem:
        message = f'{char!r} cannot start a value here; put the whole value in quotes ("{char}...")'
    elif problem.startswith("mapping values are not allowed"):
        message = _colon(lines, mark.line, mark.column)
    elif "expected '-' indicator" in problem:
        message = (
            f"this line does not fit the list that starts at {opened}: every item of a "
            "list starts with '- ' in the same column, and the keys of an item line up "
            "with its first key"
        )
    elif problem == "did not find expected key" or problem.startswith("expected <block end>"):
        message = (
            f"this line is indented differently from the block that starts at {opened}: "
            "keys of one mapping (and items of one list) must start in the same column; "
            "indent further only to put something inside the key above"
        )
    elif "could not find expected ':'" in problem:
        message = (
            f"the text at {opened} is neither a key (a key needs ': ' after it) nor a "
            "value the line above continues: indent a continued value further than its "
            "key, or put it in quotes"
        )
    elif "end of stream" in problem and "quoted" in context:
        message = f"the quote opened at {opened} is never closed: add the closing quote"
    elif problem.startswith("did not find expected ','") and "flow" in context:
        closing = "}" if "mapping" in context else "]"
        message = (
            f"the '{'{' if closing == '}' else '['}' at {opened} is not closed before this "
            f"point: add '{closing}', and put any text holding ',' ':' '[' or '{{' in quotes"
        )
    elif "unknown escape character" in problem:
        message = (
            "a backslash in double quotes starts an escape YAML does not know: write "
            "'\\\\' for a backslash, or use single quotes"
        )
    else:
        message = problem or "invalid YAML"
        if context:
            message = f"{message} ({context})"
    return line, col, f"YAML syntax: {message}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _colon(lines: list[str], index: int, column: int) -> str:
    """A ':' where no key may start: text holding ': ', a key line indented wrongly, or a
    line above without its ':' (read as text that runs on into this line)."""
    line = lines[index] if index < len(lines) else ""
    above = [
        (i, p) for i, p in enumerate(lines[:index]) if p.strip() and not p.lstrip().startswith("#")
    ]
    number, previous = above[-1] if above else (0, "")
    first_colon = line.find(":") == column
    if first_colon and previous and _indent(line) != _indent(previous):
        more = "more" if _indent(line) > _indent(previous) else "less"
        return (
            f"this line is indented {more} than the line above it ({_indent(line)} spaces "
            f"against {_indent(previous)}), so its key cannot start here: line it up with "
            "the keys beside it"
        )
    if first_colon and previous and ":" not in previous and not previous.lstrip().startswith("-"):
        return (
            f"line {number + 1} has no ':' after its key, so it is read as text that runs on "
            "into this line: write 'key: value' there"
        )
    return (
        "a ':' followed by a space here, inside a value: if it is part of the text "
        '("Myositis: a review"), put the whole value in quotes; if it starts a new key, '
        "begin it on its own line, lined up with the keys beside it"
    )
