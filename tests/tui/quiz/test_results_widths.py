"""Quiz results at 60, 80 and 120 columns: every topic row shows its score, and a long
topic title is cut with "…". The trial-3 student saw the score column vanish at 60 and
120 (the two-deck title "Classification and epidemiology (Idiopathic inflammatory
myopathies)" pushed it off the table's edge), and the title cut without "…"."""

from pathlib import Path

import pytest

from quizapp.quiz.builder import BlockSpec, Mode, build_block
from quizapp.quiz.session import BlockSession
from quizapp.tui.app import QuizApp
from quizapp.tui.quiz.results_screen import QuizResultsScreen
from tests.support.app import build_context, wait_for
from tests.support.decks import BOTH_DECKS
from tests.tui.test_markup_deck import screen_text


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_every_topic_shows_its_score(tmp_path: Path, width: int) -> None:
    context = build_context(tmp_path, BOTH_DECKS)
    block_id = build_block(
        context.conn,
        context.library,
        BlockSpec(decks=("iim",), size=12, mode=Mode.TUTOR, seed=4),
        context.clock(),
    )
    session = BlockSession(context.conn, block_id, context.clock)
    session.start()
    session.answer(session.current.item.key)
    session.submit()
    async with QuizApp(context).run_test(size=(width, 30)) as pilot:
        pilot.app.push_screen(QuizResultsScreen(block_id))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizResultsScreen))
        await pilot.pause()
        await pilot.pause()
        screen = pilot.app.screen
        lines = screen_text(pilot.app).splitlines()
        labels = [context.topic_label(t.deck, t.topic) for t in screen.score.topics]
        assert any(len(label) > 40 for label in labels), "the set-up needs a long title"
        for topic, label in zip(screen.score.topics, labels, strict=True):
            score = f"{topic.correct}/{topic.total}"
            rows = [line for line in lines if shows_name(line, label)]
            assert rows, (label, lines)
            assert any(score in row and f"{topic.share:.0%}" in row for row in rows), rows


def shows_name(line: str, label: str) -> bool:
    """The line's first cell is the label, whole or cut with "…"."""
    name = line.strip().split("  ")[0]
    return name == label or (name.endswith("…") and label.startswith(name[:-1]))
