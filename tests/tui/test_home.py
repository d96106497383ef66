"""The home screen: decks with today's counts, and deck problems with their place."""

import shutil
from pathlib import Path

from quizapp.tui.app import QuizApp
from quizapp.tui.home.deck_list import DeckList
from tests.generate.test_cross_deck import XDECK
from tests.support.app import build_context
from tests.support.paths import DECK_DATA
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
