"""Topic ids belong to their deck: two decks with a topic `dx` are two topics, and every
screen names a topic by its title (with the deck's when two titles are the same)."""

from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.quiz.builder import BlockSpec, Pool, build_block
from quizapp.quiz.session import BlockSession
from quizapp.tui.app import QuizApp
from quizapp.tui.quiz.review_screen import QuizReviewScreen
from tests.support.app import build_context
from tests.support.paths import DECK_DATA


def two_decks_one_topic_id(folder: Path) -> Path:
    """The mini deck twice, as decks `mini` and `second`, both with topic `dx` (Diagnosis)."""
    folder.mkdir()
    text = (DECK_DATA / "mini.yaml").read_text()
    (folder / "mini.yaml").write_text(text)
    second = text.replace(
        "deck: {id: mini, title: Mini deck", "deck: {id: second, title: Second deck"
    )
    assert second != text
    (folder / "second.yaml").write_text(second)
    return folder


async def test_statistics_keep_two_decks_topics_apart_and_show_titles(tmp_path: Path) -> None:
    decks = two_decks_one_topic_id(tmp_path / "decks")
    context = build_context(tmp_path, decks)
    per_deck = dict(
        context.conn.execute("SELECT deck_id, count(*) FROM cards GROUP BY deck_id").fetchall()
    )
    async with QuizApp(context).run_test(size=(100, 40)) as pilot:
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(pilot.app.screen.query_one("#topics").render()).splitlines()[1:]
    # one row per (deck, topic), not one merged row, each under its deck's title
    assert shown[0] == "Mini deck" and shown[2] == "Second deck", shown
    rows = [shown[1], shown[3]]  # the title, without the deck's now that it heads them
    assert [row[:36].strip() for row in rows] == ["Diagnosis", "Diagnosis"]
    assert [row[36:].split()[0] for row in rows] == [str(per_deck[d]) for d in ("mini", "second")]
    assert not any(line.startswith("dx ") for line in shown)


def test_stats_command_names_topics_by_title(tmp_path: Path) -> None:
    decks = two_decks_one_topic_id(tmp_path / "decks")
    context = build_context(tmp_path, decks)
    context.conn.close()
    db = context.settings.db_path
    result = CliRunner().invoke(main, ["--db", str(db), "--decks", str(decks), "stats"])
    assert result.exit_code == 0, result.output
    topic_lines = result.output.split("mastery = share of cards mature):\n")[1].splitlines()[:2]
    assert [line.split("  ")[1] for line in topic_lines] == [
        "Diagnosis (Mini deck)",
        "Diagnosis (Second deck)",
    ]
    one = CliRunner().invoke(
        main, ["--db", str(db), "--decks", str(decks), "stats", "--deck", "second"]
    )
    assert (
        one.output.startswith("Study day ")
        and "(Second deck)\n" in one.output.splitlines()[0] + "\n"
    )


def test_cards_topic_takes_a_title(tmp_path: Path) -> None:
    by_title = CliRunner().invoke(
        main, ["cards", str(DECK_DATA), "--topic", "diagnosis", "--format", "json"]
    )
    by_id = CliRunner().invoke(main, ["cards", str(DECK_DATA), "--topic", "dx", "--format", "json"])
    assert by_title.exit_code == by_id.exit_code == 0
    assert by_title.output == by_id.output and by_id.output.count('"topic": "dx"') > 0
    unknown = CliRunner().invoke(main, ["cards", str(DECK_DATA), "--topic", "rash"])
    assert unknown.exit_code == 1
    assert "no topic 'rash' in these decks (topics: Diagnosis (dx))" in unknown.stderr


async def test_quiz_review_header_and_block_title_show_the_topic_title(iim_context) -> None:
    """The review of a block named its topic `antibodies`; the block list showed ids."""
    context = iim_context
    spec = BlockSpec(pool=Pool.ALL, size=2, seed=1, topics=(("iim", "antibodies"),))
    block_id = build_block(context.conn, context.library, spec, context.clock())
    session = BlockSession(context.conn, block_id, context.clock)
    session.start()
    session.answer(session.current.item.key)
    session.submit()
    (title,) = context.conn.execute("SELECT title FROM quiz_blocks").fetchone()
    assert title == "2 questions · tutor · all · Myositis antibodies"
    async with QuizApp(context).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.app.push_screen(QuizReviewScreen(block_id))
        await pilot.pause()
        header = str(pilot.app.screen.query_one("#review-status").render())
    assert header.endswith(" · Myositis antibodies"), header
