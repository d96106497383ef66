"""Toasts stay out of the way: one line on the title row, gone in a few seconds. Textual's
own toast (3 lines at the bottom right, 5 s) hid the rating bar, the key hint and the
footer's keys, and a Browse toast lingered onto the next screen."""

import time

import pytest
from textual.widgets import Footer
from textual.widgets._toast import Toast

from quizapp.tui.app import QuizApp
from quizapp.tui.study.study_screen import StudyScreen
from tests.support.app import study_only, wait_for


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_study_toasts_leave_the_keys_and_the_card_in_view(iim_context, size) -> None:
    study_only(iim_context, "basic")
    async with QuizApp(iim_context).run_test(size=size, notifications=True) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, StudyScreen), "study")
        screen = pilot.app.screen
        await pilot.press("space", "f", "u")  # "Flagged", then "Flag change undone"
        await wait_for(pilot, lambda: len(screen.query(Toast)) == 2, "two toasts")
        kept = [screen.query_one(selector).region for selector in ("#card", "#hint", "#ratings")]
        kept.append(screen.query_one(Footer).region)
        for toast in screen.query(Toast):
            assert toast.region.height == 1, toast.region
            assert not any(toast.region.overlaps(region) for region in kept), toast.region
        shown = time.monotonic()
        await wait_for(pilot, lambda: not screen.query(Toast), "the toasts to expire")
        assert time.monotonic() - shown < 4
