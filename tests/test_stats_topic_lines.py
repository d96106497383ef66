"""`quizapp stats` per topic: at any terminal width a long topic title wraps in its own
column and its numbers stay on its first line, aligned with every other topic's."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st

from quizapp.cli import main
from quizapp.commands.progress import topic_lines
from quizapp.srs.session import StudySession
from quizapp.store.stats import TopicStats
from tests.support.app import build_context
from tests.support.decks import IIM_ONLY

NUMBERS = re.compile(r"\S+ of +\d+  mastery +\d+% \(\d+/\d+\)$")


def rows(lines: list[str]) -> list[tuple[str, int]]:
    """(title as read back, column of its "mastery") for each topic in `lines`."""
    found: list[tuple[str, int]] = []
    for line in lines:
        assert line.startswith("  "), line
        numbers = NUMBERS.search(line)
        if numbers:
            column = numbers.start() + numbers.group().index("mastery")
            found.append((line[: numbers.start()].strip(), column))
        else:  # a title's continuation, in the title's column
            title, start = found[-1]
            found[-1] = (f"{title} {line.strip()}", start)
    return found


@pytest.mark.parametrize("columns", [60, 100])
def test_stats_keeps_each_topic_with_its_numbers(tmp_path: Path, columns: int) -> None:
    context = build_context(tmp_path, IIM_ONLY)
    session = StudySession(context.conn, clock=context.clock)
    for rating in [Rating.Good, Rating.Again, Rating.Easy] * 10:
        entry = session.next_card()
        assert entry is not None
        session.answer(entry.card_id, rating)
    topics = {context.topic_label("iim", topic) for topic in context.library.decks["iim"].topics}
    context.conn.close()
    args = ["--db", str(context.settings.db_path), "--decks", str(IIM_ONLY), "stats"]
    result = CliRunner().invoke(main, args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    block = result.output.split("cards mature):\n")[1].split("\nDesired retention")[0]
    lines = block.splitlines()
    assert max(map(len, lines)) <= columns, lines
    found = rows(lines)
    assert {title for title, _ in found} == topics
    assert len({start for _, start in found}) == 1, found  # one column of numbers
    answered = [line for line in lines if NUMBERS.search(line) and not re.search(r"- of +0 ", line)]
    assert answered, lines  # the numbers are the studied ones, not all blank


titles = st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=15)


@given(
    names=st.lists(st.lists(titles, min_size=1, max_size=8).map(" ".join), min_size=1),
    width=st.integers(20, 160),
    answers=st.integers(0, 99_999),
)
def test_topic_lines_align_at_any_width(names: list[str], width: int, answers: int) -> None:
    topics = [TopicStats("d", str(i), 300, answers, 0.5, 30, 0.1) for i in range(len(names))]
    lines = topic_lines(topics, names, width)
    found = rows(lines)
    assert [title for title, _ in found] == names
    assert len({start for _, start in found}) == 1
    longest_word = max(len(word) for name in names for word in name.split())
    if longest_word <= width - 4 - len(f"50% of {answers}  mastery  10% (30/300)"):
        assert max(map(len, lines)) <= width  # else a word wider than the room overflows
