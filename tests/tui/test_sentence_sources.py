"""Sentences with their own sources (format 2) on the study screen: each sentence's source
ids follow it as text (`[kim2019]` is not read as a markup tag), and the sources panel lists
their full citations."""

import shutil
from pathlib import Path

from quizapp.tui.app import QuizApp
from tests.generate.helpers import FORMAT2
from tests.support.app import build_context
from tests.tui.test_markup_deck import screen_text
from tests.tui.test_study import open_study

CARD = "sentences:attribute:zeta:description"


def _decks(tmp_path: Path) -> Path:
    deck = tmp_path / "decks" / "sentences"
    (deck / "shared").mkdir(parents=True)
    shutil.copy(FORMAT2 / "sentences.yaml", deck / "deck.yaml")
    shutil.copy(FORMAT2 / "shared" / "base.yaml", deck / "shared" / "base.yaml")
    return deck.parent


async def test_each_sentence_shows_its_sources_on_the_answer(tmp_path: Path) -> None:
    context = build_context(tmp_path, _decks(tmp_path))
    context.conn.execute("UPDATE cards SET suspended = (card_id != ?)", (CARD,))
    async with QuizApp(context).run_test(size=(120, 40)) as pilot:
        screen = await open_study(pilot)
        assert screen.card is not None and screen.card.id == CARD
        await pilot.press("space")
        await pilot.pause()
        answer = screen_text(pilot.app)
        assert "Weakness starts in the hips [kim2019]." in answer
        assert "It reaches the shoulders within a year [lee2021]." in answer
        assert "Both points come from small series [lee2021]." in answer
        await pilot.press("i")
        await pilot.pause()
        sources = screen_text(pilot.app)
        assert "Kim B. Zeta disease in adults." in sources
        assert "Lee C. The Zeta sign revisited." in sources
