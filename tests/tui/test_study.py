"""Studying through the real app: keys in, review rows in the SQLite file out."""

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.containers import VerticalScroll
from textual.widgets._footer import FooterKey

from quizapp.tui.app import QuizApp
from quizapp.tui.study.key_footer import KeyFooter
from quizapp.tui.study.study_screen import StudyScreen
from quizapp.tui.widgets.answer_view import AnswerView
from quizapp.tui.widgets.card_view import CardView
from quizapp.tui.widgets.fold import answer_scroll
from quizapp.workspace import Workspace
from tests.support.app import build_context, study_only, wait_for
from tests.support.decks import IIM_ONLY
from tests.support.frames import record_frames, to_laid_out_frame
from tests.tui.test_markup_deck import screen_text


def review_rows(db: Path) -> list[tuple[str, int]]:
    """What a second connection sees: only committed answers."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT c.card_id, r.rating FROM review_log r JOIN cards c ON c.id = r.card "
            "ORDER BY r.id"
        ).fetchall()


async def open_study(pilot) -> StudyScreen:
    await pilot.press("enter")  # the highlighted (only) deck
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StudyScreen)
    return screen


async def test_study_three_cards_end_to_end(iim_app: QuizApp) -> None:
    db = iim_app.workspace.settings.db_path
    answered = []
    async with iim_app.run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        for rating in ("3", "1", "4"):
            card = screen.card
            assert card is not None and screen.stage == "question"
            await pilot.press("a" if card.options else "space")
            assert screen.stage == "answer"
            await pilot.press(rating)
            answered.append((card.id, int(rating)))
        assert screen.answered == 3
    assert review_rows(db) == answered


async def test_studying_again_reuses_the_screen_with_a_fresh_session(
    iim_context: Workspace,
) -> None:
    """The app keeps one study screen: coming back starts a new session on it (title,
    answer count, stage, card), never the last one's leftovers."""
    study_only(iim_context, "basic", "reverse", "cloze")
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        first_session = screen.session
        await pilot.press("space", "3", "space")  # one answer, the next one revealed
        assert screen.answered == 1 and screen.stage == "answer"
        await pilot.press("escape", "a")  # back, then all decks
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.session is not first_session
        assert (screen.answered, screen.stage, screen.deck_title) == (0, "question", "All decks")
        assert screen.card is not None and screen.card.id == screen.session.next_card().card_id
        assert "All decks" in screen_text(screen) and "answered 0" in screen_text(screen)


async def test_space_and_enter_rate_good(iim_context: Workspace) -> None:
    study_only(iim_context, "basic", "reverse", "cloze")
    db = iim_context.settings.db_path
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        first = screen.card
        assert first is not None and not first.options
        keys = list(screen.query_one(KeyFooter).query(FooterKey))
        assert "space Show answer" in screen_text(pilot.app).splitlines()[-1]
        await pilot.press("space")
        await pilot.pause()
        assert "space Good" in screen_text(pilot.app).splitlines()[-1]
        assert list(screen.query_one(KeyFooter).query(FooterKey)) == keys  # relabelled in place
        await pilot.press("space")
        second = screen.card
        assert second is not None and not second.options
        await pilot.press("enter", "enter")
    assert review_rows(db) == [(first.id, 3), (second.id, 3)]


async def test_wrong_mcq_answer_shows_every_explanation(iim_context: Workspace) -> None:
    study_only(iim_context, "mcq")
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        card = screen.card
        assert card is not None and card.kind == "mcq"
        wrong = next(o for o in card.options if not o.correct)
        await pilot.press(wrong.label.lower())
        await pilot.pause()
        assert screen.stage == "answer" and screen.chosen == wrong.label
        answer = screen.query_one(AnswerView)
        shown = [str(w.render()) for w in answer.children]
        assert any("Wrong" in text for text in shown)
        for option in card.options:
            assert option.explanation in shown
        # the wrong choice suggests Again
        assert screen.query_one("#rate-1").variant == "error"


@pytest.mark.parametrize("kind", ["mcq", "vignette"])
async def test_space_and_enter_rate_what_the_answer_suggests(
    iim_context: Workspace, kind: str
) -> None:
    """A wrong (or no) choice suggests Again, a right one Good; space and enter rate the
    suggestion, and the footer and the marked button say which it is before the key."""
    study_only(iim_context, kind)
    db = iim_context.settings.db_path
    expected = []
    steps = [("wrong", "space"), ("right", "space"), ("none", "enter"), ("wrong", "enter")]
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        for which, key in steps:
            card = screen.card
            assert card is not None and card.kind == kind
            choice = {
                "wrong": next(o for o in card.options if not o.correct),
                "right": next(o for o in card.options if o.correct),
                "none": None,
            }[which]
            await pilot.press(choice.label.lower() if choice else "space")
            await pilot.pause()
            suggested, name = (3, "Good") if which == "right" else (1, "Again")
            assert f"space {name}" in screen_text(pilot.app).splitlines()[-1]
            labels = {n: str(screen.query_one(f"#rate-{n}").label) for n in (1, 2, 3, 4)}
            assert [n for n, label in labels.items() if label.startswith("▸")] == [suggested]
            await pilot.press(key)
            expected.append((card.id, suggested))
    assert review_rows(db) == expected


async def test_undo_restores_the_card(iim_app: QuizApp) -> None:
    db = iim_app.workspace.settings.db_path
    async with iim_app.run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        first = screen.card
        assert first is not None
        await pilot.press("space", "2")
        assert screen.card is not None and screen.card.id != first.id
        assert review_rows(db) == [(first.id, 2)]
        await pilot.press("u")
        await pilot.pause()
        assert screen.card is not None and screen.card.id == first.id
        assert screen.stage == "question"
        assert review_rows(db) == []


def card_marks(db: Path, card_id: str) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT flagged, suspended, buried_day FROM cards WHERE card_id = ?", (card_id,)
        ).fetchone()


@pytest.mark.parametrize("key", ["b", "s", "f"])
async def test_undo_right_after_bury_suspend_or_flag_takes_back_that(
    iim_context: Workspace, key: str
) -> None:
    """u undoes the latest action: the mark on this card, not the previous card's answer."""
    study_only(iim_context, "basic", "reverse", "cloze")  # b buries on a question
    db = iim_context.settings.db_path
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        first = screen.card
        await pilot.press("space", "3")
        second = screen.card
        assert first is not None and second is not None and second.id != first.id
        unmarked = card_marks(db, second.id)
        await pilot.press(key)
        await pilot.pause()
        assert card_marks(db, second.id) != unmarked
        await pilot.press("u")
        await pilot.pause()
        assert card_marks(db, second.id) == unmarked
        assert screen.card is not None and screen.card.id == second.id
        assert not screen.flagged
        assert review_rows(db) == [(first.id, 3)]  # the answer before it stays
        undone = {"b": "Bury undone", "s": "Suspend undone", "f": "Flag change undone"}[key]
        assert undone in [str(n.message) for n in pilot.app._notifications]
        await pilot.press("u")  # and the next u takes back that answer
        await pilot.pause()
        assert screen.card is not None and screen.card.id == first.id
        assert review_rows(db) == []


async def test_bury_and_flag(iim_context: Workspace) -> None:
    study_only(iim_context, "basic", "reverse", "cloze")  # on a question, b picks option B
    db = iim_context.settings.db_path
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        first = screen.card
        assert first is not None
        await pilot.press("f")
        await pilot.press("b")
        assert screen.card is not None and screen.card.id != first.id
    with sqlite3.connect(db) as conn:
        flagged, buried = conn.execute(
            "SELECT flagged, buried_day FROM cards WHERE card_id = ?", (first.id,)
        ).fetchone()
    assert flagged == 1 and buried > 0


async def test_vignette_seed_is_new_each_showing_and_logged(iim_context: Workspace) -> None:
    study_only(iim_context, "vignette")
    db = iim_context.settings.db_path
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        card = screen.card
        assert card is not None and card.kind == "vignette"
        first_seed = screen.seed
        assert card == iim_context.library.render(card.id, first_seed)
        await pilot.press("down", "down", "enter")  # arrows + enter choose the second option
        assert screen.chosen == card.options[1].label
        await pilot.press("3")
        with sqlite3.connect(db) as conn:
            logged = conn.execute("SELECT vignette_seed FROM review_log").fetchall()
        assert logged == [(first_seed,)]
        await pilot.press("u")
        await pilot.pause()
        assert screen.card is not None and screen.card.id == card.id
        assert screen.seed != first_seed  # shown again: rendered afresh


async def test_the_highlighted_option_is_marked_by_a_glyph(iim_context: Workspace) -> None:
    """Arrows move a ▶ with the highlight, so enter's choice shows without colour."""
    study_only(iim_context, "mcq")
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        card = screen.card
        assert card is not None and card.options
        await pilot.press("down", "down")
        await pilot.pause()
        lines = screen_text(pilot.app).splitlines()
        marked = [line for line in lines if line.strip().startswith("▶")]
        assert len(marked) == 1 and f"▶ B  {card.options[1].text}"[:40] in marked[0]
        await pilot.press("enter")
        assert screen.chosen == card.options[1].label
        # the verdict names the choice by the letter the picker showed (a student's trial:
        # "b" in the picker, "B" in the verdict)
        await pilot.pause()
        shown = " ".join(screen_text(pilot.app).split())
        said = "Correct: B" if card.options[1].correct else "you chose B"
        assert f"{said} {card.options[1].text}"[:40] in shown


@pytest.mark.parametrize("kind", ["vignette", "mcq"])
async def test_at_80x24_the_answer_keeps_question_and_own_choice_in_view(
    iim_context: Workspace, kind: str
) -> None:
    """After a wrong choice the screen shows the question from its first line and, under
    the verdict, the chosen option with its whole explanation (the reveal scrolled the
    question away and put the chosen option's explanation among the others)."""
    study_only(iim_context, kind)
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        for _ in range(12):
            card = screen.card
            assert card is not None and card.kind == kind
            wrong = next(o for o in card.options if not o.correct)
            await pilot.press(wrong.label.lower())

            def fits() -> bool:
                """The question's first line and the choice's whole explanation in view
                (waited for: the fit can take a frame more under load)."""
                view = screen.query_one("#card-area").region
                question = screen.query_one("#card").region
                chosen = screen.query(".first-read")
                if not chosen or "your choice" not in str(chosen.first().render()):
                    return False
                parts = list(screen.query_one(AnswerView).children)
                explanation = parts[parts.index(chosen.first()) + 1]
                return question.y >= view.y and explanation.region.bottom <= view.bottom

            await wait_for(pilot, fits, "the question's start and the choice's explanation")
            await pilot.press("1")


@pytest.mark.parametrize("kinds", [("basic", "reverse", "cloze"), ("mcq",)])
async def test_the_first_frame_after_rating_shows_the_next_card_laid_out(
    iim_context: Workspace, kinds: tuple[str, ...]
) -> None:
    """Rating draws the next card, its footer keys and the hidden answer in one frame: no
    frame with the new text in the old layout (answer and rating bar still showing)."""
    study_only(iim_context, *kinds)
    async with QuizApp(iim_context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        card_view = screen.query_one(CardView)
        frames = record_frames(pilot.app, lambda: str(card_view.content))
        for _ in range(3):
            card = screen.card
            assert card is not None
            await pilot.press("a" if card.options else "space")
            await pilot.pause()
            posted = time.perf_counter()
            await pilot.press("3")
            await pilot.pause()
            assert screen.card is not None and screen.card.id != card.id
            assert "space Show answer" in screen_text(pilot.app).splitlines()[-1]
            _, count = to_laid_out_frame(pilot.app, frames, posted, str(card_view.content))
            assert count == 1


LONG_NOTE = " ".join(
    f"Sentence {n} of a long explanation, here so that it cannot fit under the question."
    for n in range(1, 13)
)


async def test_at_80x24_a_long_explanation_scrolls_under_the_lead_in_and_the_choice(
    tmp_path: Path,
) -> None:
    """An explanation longer than the screen: the lead-in, the verdict (which names the
    key) and the learner's choice stay in view with the explanation's start, the stem
    gives way first, and the rest of the explanation is there to scroll to."""
    decks = tmp_path / "decks"
    shutil.copytree(IIM_ONLY / "iim", decks / "iim")
    antibodies = decks / "iim" / "antibodies.yaml"
    text = antibodies.read_text(encoding="utf-8")
    note = "In one study anti-cN1A was found in 27% of children with juvenile dermatomyositis"
    assert note in text
    antibodies.write_text(text.replace(note, f"{LONG_NOTE} {note}"), encoding="utf-8")
    context = build_context(tmp_path, decks)
    context.conn.execute(
        "UPDATE cards SET suspended = (card_id != ?)", ("iim:vignette:bp-jdm:antibody",)
    )
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        screen = await open_study(pilot)
        card = screen.card
        assert card is not None and card.kind == "vignette"
        stem, lead_in = card.prompt.rsplit("\n\n", 1)
        wrong = next((o for o in card.options if o.text == "Anti-cN1A"), None)
        assert wrong is not None, "the fixed clock's case no longer offers anti-cN1A"
        await pilot.press(wrong.label.lower())
        area = screen.query_one("#card-area", VerticalScroll)
        key = next(o for o in card.options if o.correct)
        verdict = f"you chose {wrong.label} Anti-cN1A; the answer is {key.label} {key.text}"
        choice = f"✗ {wrong.label} Anti-cN1A (your choice)"

        def shown() -> str:
            return " ".join(screen_text(pilot.app).split())

        start = stem.split(".")[0]

        def settled() -> bool:
            """The view the fit ends in: lead-in and choice shown, the stem's start gone.
            The fit can take frames more (the scrollbar's return rewraps the text), and an
            earlier frame can show the lead-in and the choice with the stem's start still
            on screen: wait for the end, not the first scroll (it failed under load)."""
            text = shown()
            return area.scroll_y > 0 and lead_in in text and choice in text and start not in text

        await wait_for(pilot, settled, "the stem's start scrolled away, lead-in and choice shown")
        assert verdict in shown()
        assert "Incorrect. Anti-cN1A is a serological marker of inclusion body" in shown()
        assert "[Yeker 2018]" not in shown()  # the explanation's end: below, to scroll to
        await pilot.press(*["down"] * 12)
        await wait_for(
            pilot,
            lambda: "[Yeker 2018]" in screen_text(pilot.app),
            "the explanation's end after scrolling",
        )


@given(
    height=st.integers(1, 60),
    lead_in=st.integers(0, 80),
    choice_below=st.integers(1, 30),
    explanation=st.integers(0, 80),
)
def test_answer_scroll_keeps_the_choice_then_the_lead_in(
    height: int, lead_in: int, choice_below: int, explanation: int
) -> None:
    """Whatever the sizes: the choice's line always shows; the lead-in too whenever both
    fit; the explanation's end whenever it fits with the lead-in; never a scroll past need."""
    choice = lead_in + choice_below  # the line's bottom: the lead-in comes before it
    explanation += choice
    y = answer_scroll(height, lead_in, choice, explanation)
    assert y >= 0 and y < choice <= y + height
    if choice - lead_in <= height:
        assert y <= lead_in
    if explanation - lead_in <= height:
        assert explanation <= y + height
    if explanation <= height:
        assert y == 0
