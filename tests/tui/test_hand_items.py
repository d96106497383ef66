"""A hand-written vignette (format 2) studied in the real app: the case as written, and after
an answer every option with the author's rationale as its explanation."""

from pathlib import Path

from quizapp.tui.app import QuizApp
from quizapp.tui.widgets.answer_view import AnswerView
from tests.support.app import build_context
from tests.support.decks import hand_deck
from tests.tui.test_markup_deck import screen_text
from tests.tui.test_study import open_study

CASE = "hand:card:alpha-case"


async def test_a_hand_vignette_shows_every_options_rationale(tmp_path: Path) -> None:
    context = build_context(tmp_path, hand_deck(tmp_path / "decks").parent)
    context.conn.execute("UPDATE cards SET suspended = 1 WHERE card_id != ?", (CASE,))
    async with QuizApp(context).run_test(size=(100, 40)) as pilot:
        screen = await open_study(pilot)
        card = screen.card
        assert card is not None and card.id == CASE and card.kind == "vignette"
        shown = screen_text(pilot.app)
        assert "Case vignette" in shown and "A 45-year-old woman comes to the office" in shown
        wrong = next(o for o in card.options if not o.correct)
        await pilot.press(wrong.label.lower())
        await pilot.pause()
        assert screen.stage == "answer" and screen.chosen == wrong.label
        explained = [str(w.render()) for w in screen.query_one(AnswerView).children]
        rationales = {
            o.rationale for o in context.library.model("hand").cards["alpha-case"].options
        }
        for option in card.options:
            assert option.explanation in explained
            assert any(r in option.explanation for r in rationales)
        assert screen.query_one("#rate-1").variant == "error"  # a wrong choice suggests Again
