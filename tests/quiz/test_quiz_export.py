"""Export of a learner's blocks as a results file, and import into a class folder."""

import json

import pytest

from quizapp.quiz.builder import BlockSpec, Mode, Pool, build_block
from quizapp.quiz.export import block_uid, collect_results, export_results, import_results
from quizapp.quiz.results_file import ResultsFileError, read_results
from quizapp.quiz.session import BlockSession
from tests.support.quiz_library import START


def taken_block(conn, library, clock, *, size=4, seed=3, submit=True, pool=Pool.ALL):
    block_id = build_block(
        conn, library, BlockSpec(pool=pool, size=size, seed=seed, mode=Mode.TIMED), START
    )
    session = BlockSession(conn, block_id, clock)
    session.start()
    clock.advance(20)
    session.answer(session.current.item.key)
    session.toggle_flag()
    session.go(1)
    clock.advance(5)
    session.answer("A" if session.current.item.key != "A" else "B")
    if submit:
        session.submit()
    return session


def test_export_round_trip(conn, library, clock, tmp_path):
    session = taken_block(conn, library, clock)
    taken_block(conn, library, clock, seed=4, submit=False)  # open blocks are not exported
    path = tmp_path / "me.json"
    written = export_results(conn, path, START)
    back = read_results(path)
    assert back == written
    assert back.learner is None
    [block] = back.blocks
    assert block.id == block_uid([s.item.card_id for s in session.block.items])
    assert block.mode == "timed"
    first, second, *rest = block.items
    assert first.correct and first.flagged and first.seconds == pytest.approx(20)
    assert not second.correct and second.chosen is not None
    assert all(item.chosen is None and not item.correct for item in rest)
    assert [i.item_id for i in block.items] == [s.item.card_id for s in session.block.items]
    text = path.read_text()
    assert str(tmp_path) not in text and "progress" not in text  # nothing personal


def test_export_with_a_name_and_repeated_blocks(conn, library, clock, tmp_path):
    taken_block(conn, library, clock, seed=5)
    taken_block(conn, library, clock, seed=5)  # the same questions again
    results = collect_results(conn, START, learner="  Ada  ")
    assert results.learner == "Ada"
    first, second = (b.id for b in results.blocks)
    assert second == f"{first}-2"  # unique in the file, same set recognisable


def test_block_uid_ignores_order_and_learner():
    assert block_uid(["b", "a"]) == block_uid(["a", "b"]) != block_uid(["a", "c"])


def test_import_adds_a_validated_copy_once(conn, library, clock, tmp_path):
    taken_block(conn, library, clock)
    source = tmp_path / "ada.json"
    export_results(conn, source, START, learner="Ada")
    folder = tmp_path / "class"
    target = import_results(source, folder)
    assert target.parent == folder and read_results(target) == read_results(source)
    with pytest.raises(ResultsFileError, match="already imported"):
        import_results(source, folder)
    assert len(list(folder.iterdir())) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda doc: doc["blocks"][0]["items"][0].update(correct="yes"),
        lambda doc: doc.update(version=99),
        lambda doc: doc["blocks"][0]["items"][1].update(chosen="Z"),
    ],
)
def test_import_of_a_bad_file_adds_nothing(conn, library, clock, tmp_path, damage):
    taken_block(conn, library, clock)
    source = tmp_path / "bad.json"
    export_results(conn, source, START)
    document = json.loads(source.read_text())
    damage(document)
    source.write_text(json.dumps(document))
    folder = tmp_path / "class"
    with pytest.raises(ResultsFileError) as error:
        import_results(source, folder)
    assert "bad.json: blocks[0]" in str(error.value) or "version" in str(error.value)
    assert not folder.exists() or not any(folder.iterdir())


def test_truncated_file_is_refused(tmp_path):
    source = tmp_path / "cut.json"
    source.write_text('{"format": "quizapp-results", "version": 1, "blocks": [')
    with pytest.raises(ResultsFileError, match="truncated"):
        import_results(source, tmp_path / "class")
