"""The home screen: decks with today's counts, and deck problems with their place."""

import re
import shutil
from pathlib import Path

from fsrs import Rating

from quizapp.srs.config import load_config, save_setting
from quizapp.srs.session import StudySession
from quizapp.tui.app import QuizApp
from quizapp.tui.home.deck_list import DeckList
from tests.generate.test_cross_deck import XDECK
from tests.support.app import build_context
from tests.support.decks import session_folder
from tests.support.paths import DECK_DATA, SMALL_DECK
from tests.tui.test_markup_deck import screen_text


async def test_problems_are_listed_with_their_place(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(DECK_DATA / "mini.yaml", decks / "mini.yaml")
    (decks / "broken.yaml").write_text(
        'format: 1\ndeck: {id: broken, title: Broken, version: "1", authors: [A]}\n'
        "entities:\n  - {id: x, kind: nowhere, name: X, source: s1}\n"
    )
    context = build_context(tmp_path, decks)
    assert context.library.problems
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "Some decks could not be loaded" in text
        first = context.library.problems[0]
        assert f"{Path(first.loc.path).name}:{first.loc.line}:{first.loc.col}" in text
        assert "Mini deck" in text  # the good deck still loads


async def test_counts_follow_answers(iim_app: QuizApp) -> None:
    async with iim_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = str(pilot.app.screen.query_one(DeckList).get_option_at_index(0).prompt)
        assert "New 20" in before.replace("  ", " ")
        await pilot.press("enter", "space", "3", "escape")
        await pilot.pause()
        after = str(pilot.app.screen.query_one(DeckList).get_option_at_index(0).prompt)
        assert "New 19" in after.replace("  ", " ")


async def test_a_reference_to_a_deck_not_in_the_folder_is_shown_with_its_place(
    tmp_path: Path,
) -> None:
    """The junction deck names two entities of the muscle deck, which the learner does not
    have: home says where, and the junction deck is studied without those cards."""
    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(XDECK / "nmj.yaml", decks / "nmj.yaml")
    context = build_context(tmp_path, decks)
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "nmj.yaml:30:44" in text and "'myo:proximal-weakness' names deck 'myo'" in text
        listed = str(pilot.app.screen.query_one(DeckList).get_option_at_index(0).prompt)
        assert "Junction deck" in listed
    assert not any("myo:" in card_id for card_id in context.library.cards)


async def test_all_decks_says_which_daily_limit_holds_its_counts(tmp_path: Path) -> None:
    """ "All decks: New 0" beside "Mini deck: New 2" read as a contradiction: the row names the
    limit for all decks together, and only while that limit holds it below the decks' sum."""
    decks = session_folder(DECK_DATA / "mini.yaml", SMALL_DECK)
    context = build_context(tmp_path, decks)
    save_setting(context.conn, "new_per_day", 2)
    session = StudySession(context.conn, load_config(context.conn), ["small"], context.clock)
    for _ in range(2):  # today's 2 new cards, all from one deck
        session.answer(session.next_card().card_id, Rating.Easy)

    async def home_rows() -> str:
        async with QuizApp(context).run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            rows = pilot.app.screen.query_one(DeckList)
            prompts = (rows.get_option_at_index(i).prompt for i in range(rows.option_count))
            return " | ".join(" ".join(str(prompt).split()) for prompt in prompts)

    shown = await home_rows()
    note = "Daily limit for all decks together: 2 new (a deck alone has its own)"
    assert f"All decks New 0 Learning 0 Due 0 {note}" in shown
    assert "Mini deck New 2 Learning 0 Due 0 Topics" in shown
    save_setting(context.conn, "new_per_day", 999)  # no longer holding it down: no note
    shown = await home_rows()
    together, *alone = (int(n) for n in re.findall(r"New (\d+)", shown))
    assert together == sum(alone) and "Daily limit" not in shown
