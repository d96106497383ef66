"""The quiz screens driven by keys, on a real progress file: take, pause, quit and resume a
timed block; tutor explanations; submit, results and review; deck text shown literally."""

import re
from dataclasses import replace

from textual.widgets import DataTable, Input, Static

from quizapp.quiz.scoring import history
from quizapp.quiz.session import load_block
from quizapp.tui.app import QuizApp
from quizapp.tui.quiz.builder_screen import QuizBuilderScreen
from quizapp.tui.quiz.confirm_submit_screen import ConfirmSubmitScreen, submit_question
from quizapp.tui.quiz.question_screen import QuizQuestionScreen
from quizapp.tui.quiz.results_screen import QuizResultsScreen
from quizapp.tui.quiz.review_screen import QuizReviewScreen
from quizapp.tui.widgets.answer_view import AnswerView
from tests.support.app import open_quiz, quiz_context

SIZE = (80, 24)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def set_size(pilot, size: int) -> None:
    """Type the number of questions, then leave the field so that `s` starts."""
    field = pilot.app.screen.query_one("#builder-size", Input)
    field.value = str(size)
    pilot.app.screen.query_one("#builder-decks").focus()
    await pilot.pause()


async def start_block(pilot, size: int, *choices: str):
    """From home to the builder, click its radio buttons (e.g. "#mode-timed"), set the size,
    press s."""
    await open_quiz(pilot)
    for choice in choices:
        await pilot.click(choice)
    await set_size(pilot, size)
    await pilot.press("s")
    await pilot.pause()
    return pilot.app.screen


def wrong(session) -> str:
    key = session.current.item.key
    return "a" if key != "A" else "b"


async def test_take_quit_and_resume_a_timed_block(db_path, clock):
    context = quiz_context(db_path, clock)
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot)
        await pilot.click("#mode-timed")
        await set_size(pilot, 5)
        assert "Timed: 90 s each" in text_of(app.screen, "#builder-available")
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizQuestionScreen)
        assert text_of(screen, "#quiz-timer") == "Time left 7:30"
        clock.advance(40)
        first = wrong(screen.session)
        await pilot.press(first)  # a timed answer: no explanation yet
        assert not screen.query_one(AnswerView).display
        await pilot.press("right", "x", "c", "f")  # strike C, flag question 2
        clock.advance(20)
        await pilot.press("right")
        assert "Question 3 of 5" in text_of(screen, "#quiz-status")
        assert text_of(screen, "#quiz-timer") == "Time left 6:30"
        block_id = screen.block_id
        await pilot.press("escape")  # pause
        await pilot.pause()
        assert isinstance(app.screen, QuizBuilderScreen)
        assert "resume" in str(
            app.screen.query_one("#builder-blocks").get_option_at_index(0).prompt
        )
    context.conn.close()

    clock.advance(3600)  # an hour later the app starts again; a paused block lost no time
    context = quiz_context(db_path, clock)
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizQuestionScreen) and screen.block_id == block_id
        assert "Question 3 of 5" in text_of(screen, "#quiz-status")
        assert text_of(screen, "#quiz-timer") == "Time left 6:30"
        await pilot.press("left")
        assert "flagged" in text_of(screen, "#quiz-status")
        state = screen.session.current
        assert state.struck == frozenset("C") and state.flagged
        await pilot.press("left")
        assert screen.session.current.chosen == first.upper()
    block = load_block(context.conn, block_id)
    assert [s.chosen for s in block.items] == [first.upper(), None, None, None, None]
    assert block.items[0].seconds == 40 and block.items[1].seconds == 20
    context.conn.close()


async def test_time_running_out_submits_the_block(context, clock):
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_block(pilot, 2, "#mode-timed")
        await pilot.press("a")
        clock.advance(181)
        screen._tick()
        await pilot.pause()
        assert isinstance(app.screen, QuizResultsScreen)
    [summary] = history(context.conn)
    assert summary.submitted and summary.seconds == 181


async def test_tutor_mode_explains_each_answer_at_once(context):
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_block(pilot, 3)
        item = screen.session.current.item
        await pilot.press(wrong(screen.session))
        await pilot.pause()
        view = screen.query_one(AnswerView)
        assert view.display and not screen.query_one("#quiz-options").display
        shown = "\n".join(str(w.render()) for w in view.query(Static))
        assert shown.startswith("Wrong: you chose")
        for option in item.options:
            assert option.explanation in shown and option.text in shown
        await pilot.press("c")  # tutor: the answer is final
        assert screen.session.current.chosen == wrong(screen.session).upper()


async def test_submit_confirm_results_and_review(context, clock):
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_block(pilot, 3)
        clock.advance(30)
        await pilot.press(screen.session.current.item.key.lower(), "right")
        clock.advance(15)
        await pilot.press(wrong(screen.session), "s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmSubmitScreen)
        assert "1 of 3 questions not answered: it counts as wrong." in str(app.screen.text)
        await pilot.press("n")  # keep answering
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("s", "y")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, QuizResultsScreen)
        summary = text_of(results, "#results-summary")
        assert "Score 1/3 (33%)" in summary and "2 answered" in summary
        times = results.query_one("#results-times", DataTable)
        assert [str(times.get_row_at(i)[1]) for i in range(3)] == [
            "✓  right",
            "✗  wrong",
            "–  omitted",
        ]
        assert [str(times.get_row_at(i)[2]) for i in range(3)] == ["30", "15", "0"]
        topics = results.query_one("#results-topics", DataTable)
        assert (
            sum(int(str(topics.get_row_at(i)[1]).split("/")[1]) for i in range(topics.row_count))
            == 3
        )
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, QuizReviewScreen)
        assert "question 1 of 3 · right" in text_of(review, "#review-status")
        await pilot.press("w")
        assert "question 2 of 3 · wrong" in text_of(review, "#review-status")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, QuizBuilderScreen)
        line = str(app.screen.query_one("#builder-blocks").get_option_at_index(0).prompt)
        assert "33%" in line and "1/3" in line


async def test_deck_text_is_shown_literally(db_path, clock):
    context = quiz_context(db_path, clock)
    library = context.library
    for card_id, card in list(library.cards.items()):
        if card.kind == "mcq":
            options = tuple(replace(o, text=f"[link=x]{o.text}[/link]") for o in card.options)
            library.cards[card_id] = replace(
                card, prompt="[bold red]Boom[/] $x {y}", options=options
            )
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_block(pilot, 30, "#pool-all")
        while screen.session.current.item.kind != "mcq":
            await pilot.press("right")
        assert text_of(screen, "#quiz-prompt") == "[bold red]Boom[/] $x {y}"
        options = [str(w.render()) for w in screen.query(".quiz-option")]
        assert all("[link=x]" in text for text in options)
    context.conn.close()


async def test_nothing_to_build_says_why(context):
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot)
        await pilot.click("#pool-incorrect")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuizBuilderScreen)
        assert "0 available" in text_of(app.screen, "#builder-available")
        await pilot.press("r")  # nothing to resume either
        assert isinstance(app.screen, QuizBuilderScreen)


async def test_r_resumes_the_preselected_open_block_whatever_has_focus(db_path, clock):
    """Back in the builder after pausing, the open block is highlighted, and r resumes it
    from the decks, the topics, the size field or the block list."""
    context = quiz_context(db_path, clock)
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):  # two open blocks: the newest is preselected
            screen = await start_block(pilot, 3)
            assert isinstance(screen, QuizQuestionScreen)
            await pilot.press("escape")
            await pilot.pause()
        newest = max(r.id for r in history(context.conn))
        for focus in ("#builder-decks", "#builder-topics", "#builder-size", "#builder-blocks"):
            builder = app.screen
            assert isinstance(builder, QuizBuilderScreen)
            blocks = builder.query_one("#builder-blocks")
            assert blocks.highlighted_option is not None
            assert blocks.highlighted_option.id == str(newest)
            builder.query_one(focus).focus()
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, QuizQuestionScreen), focus
            assert app.screen.block_id == newest
            await pilot.press("escape")
            await pilot.pause()
        assert builder.query_one("#builder-size", Input).value == "3"  # r typed nothing there


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def test_ticked_and_chosen_differ_by_a_glyph_not_colour_alone(context):
    """A ticked topic shows ✓ and an unticked one none; the chosen pool and mode show ●,
    the others ○ (the stock widgets drew X and ● in both states, only coloured apart)."""
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        await open_quiz(pilot)
        topics = pilot.app.screen.query_one("#builder-topics")
        topics.focus()
        topics.highlighted = 0
        await pilot.press("space")  # untick the first topic
        await pilot.click("#mode-timed")
        await pilot.pause()
        lines = screen_lines(pilot.app)
    names = ("Diagnosis", "Treatment", "Unused", "Incorrect", "Tutor", "Timed")
    row = {name: line for line in lines for name in names if f"▌ {name}" in line}
    assert "▐ ▌ Diagnosis" in row["Diagnosis"] and "▐✓▌ Treatment" in row["Treatment"]
    assert "▐●▌ Unused" in row["Unused"] and "▐○▌ Incorrect" in row["Incorrect"]
    assert "▐○▌ Tutor" in row["Tutor"] and "▐●▌ Timed" in row["Timed"]


async def test_tutor_answer_shows_the_chosen_option_first_in_view(context):
    """Choosing the last option, its explanation comes right under the verdict, in view at
    80x24 with the question (it sat below the other options, off the screen)."""
    async with QuizApp(context).run_test(size=SIZE) as pilot:
        screen = await start_block(pilot, 3)
        item = screen.session.current.item
        last = next(o for o in reversed(item.options) if not o.correct)
        await pilot.press(last.label.lower())
        await pilot.pause()
        view = screen.query_one(AnswerView)
        options = list(view.query(".option"))
        assert "(your choice)" in str(options[0].render())
        assert "✓" in str(options[1].render())  # then the key
        body = screen.query_one("#quiz-body").region
        explanation = view.children[view.children.index(options[0]) + 1]
        assert last.explanation in str(explanation.render())
        assert screen.query_one("#quiz-prompt").region.y >= body.y
        assert explanation.region.bottom <= body.bottom


def test_counts_read_as_words() -> None:
    """ "1 question", "2 questions": never "question(s)" or "1 questions"."""
    one = str(submit_question(unanswered=1, flagged=1, total=1))
    assert "1 of 1 question not answered: it counts as wrong." in one
    assert "1 question flagged" in one and "(s)" not in one
    many = str(submit_question(unanswered=2, flagged=2, total=3))
    assert "2 of 3 questions not answered: they count as wrong." in many
    assert "2 questions flagged" in many
    assert "The question is answered." in str(submit_question(0, 0, 1))


async def test_results_say_how_many_missed_questions_came_back(context, clock):
    """Wrong answers become reviews once; reopening the block shows the same count."""
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_block(pilot, 3)
        for _ in range(2):
            await pilot.press(wrong(screen.session), "right")
        await pilot.press(screen.session.current.item.key.lower(), "s", "y")
        await pilot.pause()
        assert "2 missed questions added to your reviews" in text_of(app.screen, "#results-summary")
        block_id = screen.block_id
        await pilot.press("escape")
        await pilot.pause()
        blocks = app.screen.query_one("#builder-blocks")
        blocks.focus()
        blocks.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizResultsScreen) and app.screen.block_id == block_id
        assert "2 missed questions added" in text_of(app.screen, "#results-summary")
    count = context.conn.execute("SELECT count(*) FROM review_log WHERE rating = 1").fetchone()
    assert count == (2,)


async def test_one_missed_question_is_singular(context, clock):
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_block(pilot, 2)
        await pilot.press(wrong(screen.session), "right")
        await pilot.press(screen.session.current.item.key.lower(), "s", "y")
        await pilot.pause()
        summary = text_of(app.screen, "#results-summary")
        assert "1 missed question added to your reviews" in summary


async def test_the_builder_says_how_many_questions_a_block_can_hold(context) -> None:
    """No fact, question or answer twice in a block (no giveaways, student trials 3 and 4):
    the builder says about how many fit, and a block asked for the whole pool holds about
    that many."""
    app = QuizApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot)
        text = text_of(app.screen, "#builder-available")
        match = re.search(r"(\d+) available: about (\d+) fit one block", text)
        assert match is not None, text
        available, capacity = int(match[1]), int(match[2])
        assert capacity < available
        await set_size(pilot, min(available, 300))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, QuizQuestionScreen)
        assert abs(len(app.screen.session.block.items) - capacity) <= max(3, capacity // 5)
