"""Custom study on the real app and a real progress file: a kind or topic studied with
answers scheduled as usual, and cram, where answering changes nothing in the file."""

from textual.widgets import Button, Input, Select, Static

from quizapp.srs.cram import CramSession
from quizapp.tui.app import QuizApp
from quizapp.tui.study.custom_study_screen import CRAM, CustomStudyScreen
from quizapp.tui.study.study_screen import StudyScreen
from quizapp.workspace import Workspace

SIZE = (80, 24)


async def open_custom(pilot, **choices: object) -> CustomStudyScreen:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CustomStudyScreen)
    for name, value in choices.items():
        screen.query_one(f"#custom-{name}", Select).value = value
        await pilot.pause()
    return screen


def log_size(context: Workspace) -> int:
    return context.conn.execute("SELECT count(*) FROM review_log").fetchone()[0]


async def test_study_one_kind_with_answers_scheduled(iim_context: Workspace) -> None:
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_custom(pilot, kind="vignette")
        matches = str(screen.query_one("#custom-matches", Static).render())
        assert "20 new cards for today" in matches  # the daily new limit, vignettes only
        await pilot.press("s")
        await pilot.pause()
        study = pilot.app.screen
        assert isinstance(study, StudyScreen) and study.card.kind == "vignette"
        await pilot.press("space", "1")
        await pilot.pause()
        assert study.card.kind == "vignette"
        assert log_size(iim_context) == 1  # a real, scheduled answer


async def test_a_topic_of_one_deck(iim_context: Workspace) -> None:
    deck_id, deck = next(iter(iim_context.library.decks.items()))
    topic_id, topic = next(iter(deck.topics.items()))
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_custom(pilot, deck=deck_id, topic=(deck_id, topic_id))
        assert screen.study_title() == f"Custom · {topic.title}"  # the only deck: no title
        await pilot.press("s")
        await pilot.pause()
        study = pilot.app.screen
        assert isinstance(study, StudyScreen) and study.card.topic == topic_id


async def test_cram_changes_nothing_in_the_file(iim_context: Workspace) -> None:
    conn = iim_context.conn
    before = conn.execute("SELECT * FROM cards ORDER BY id").fetchall()
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_custom(pilot, kind="basic", mode=CRAM)
        assert "to cram" in str(screen.query_one("#custom-matches", Static).render())
        await pilot.press("s")
        await pilot.pause()
        study = pilot.app.screen
        assert isinstance(study.session, CramSession)
        first = study.card.id
        await pilot.press("space")
        await pilot.pause()
        assert str(study.query_one("#rate-3", Button).label) == "▸3 Good done"  # suggested
        await pilot.press("1")  # Again: back in a few cards
        await pilot.pause()
        assert study.card.id != first
        for _ in range(3):
            await pilot.press("space", "3")
            await pilot.pause()
        assert study.card.id == first
    assert log_size(iim_context) == 0
    assert conn.execute("SELECT * FROM cards ORDER BY id").fetchall() == before


def make_backlog(context: Workspace, n: int) -> list[str]:
    """`n` IIM cards answered once, weeks ago: overdue review cards today."""
    from datetime import timedelta

    from fsrs import Rating

    from quizapp.srs.config import save_setting
    from quizapp.srs.session import StudySession

    save_setting(context.conn, "learning_steps_minutes", [])
    ids = list(context.library.cards)[:n]
    for i, card_id in enumerate(ids):
        then = context.clock() - timedelta(days=30 + i)
        StudySession(context.conn, clock=lambda then=then: then).answer(card_id, Rating.Good)
    return ids


def due_today(context: Workspace) -> int:
    from quizapp.srs.session import StudySession

    return StudySession(context.conn, clock=context.clock).counts().review


async def test_postpone_then_advance_from_custom_study(iim_context: Workspace) -> None:
    make_backlog(iim_context, 9)
    assert due_today(iim_context) == 9
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_custom(pilot)
        await pilot.press("p")
        await pilot.pause()
        prompt = pilot.app.screen
        prompt.query_one(Input).value = "0"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is prompt  # out of range: said so, nothing moved
        assert "from 1 to 365" in str(prompt.query_one("#number-error", Static).render())
        prompt.query_one(Input).value = "3"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen and due_today(iim_context) == 3
        await pilot.press("v")
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = "2"
        await pilot.press("enter")
        await pilot.pause()
        assert due_today(iim_context) == 5
        await pilot.press("p", "escape")  # cancelled: nothing moves
        await pilot.pause()
        assert pilot.app.screen is screen and due_today(iim_context) == 5


async def test_cram_counts_only_the_cards_it_shows(iim_context: Workspace) -> None:
    """A buried card is left out of cram and of its count (the trial-3 student was promised
    '1 card to cram' and then shown none: it was buried), and the end of a cram session
    says it scheduled nothing rather than 'Done for today!' with a due list."""
    conn = iim_context.conn
    vignettes = [
        card_id
        for (card_id,) in conn.execute(
            "SELECT card_id FROM cards WHERE kind = 'vignette' AND topic = "
            "(SELECT topic FROM cards WHERE kind = 'vignette' LIMIT 1) ORDER BY card_id"
        )
    ]
    assert len(vignettes) >= 2
    conn.execute("UPDATE cards SET buried_day = 10000000 WHERE card_id = ?", (vignettes[0],))
    topic = conn.execute("SELECT topic FROM cards WHERE card_id = ?", (vignettes[0],)).fetchone()
    async with QuizApp(iim_context).run_test(size=SIZE) as pilot:
        screen = await open_custom(pilot, topic=("iim", topic[0]), kind="vignette", mode=CRAM)
        matches = str(screen.query_one("#custom-matches", Static).render())
        assert f"{len(vignettes) - 1} card" in matches, matches
        # and says so (student trial 4: "0 cards to cram" with one buried said nothing)
        assert "Not included: 1 card buried until tomorrow" in matches, matches
        await pilot.press("s")
        await pilot.pause()
        study = pilot.app.screen
        shown = []
        while study.card is not None:
            shown.append(study.card.id)
            await pilot.press("space", "3")
            await pilot.pause()
        done = str(study.query_one("#done").render())
    assert sorted(shown) == vignettes[1:]  # every one shown once, the buried one not
    assert "Cram session finished" in done and "Done for today" not in done
    assert f"You answered {len(shown)} card" in done
