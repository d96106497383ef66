"""`quizapp deck upgrade`: format 1 -> 2 by a one-token edit; comments, ids and cards kept."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.deck.loader import check_deck, load_deck
from quizapp.generate import generate_deck
from tests.support.paths import DECK_DATA

V1 = DECK_DATA / "format2" / "v1" / "deck.yaml"


@pytest.fixture
def deck_copy(tmp_path: Path) -> Path:
    """The format 1 test deck copied into tmp_path (its root file's path)."""
    folder = tmp_path / "deck"
    shutil.copytree(V1.parent, folder)
    return folder / V1.name


def upgrade(*args: str):
    return CliRunner().invoke(main, ["deck", "upgrade", *args])


def cards_of(root: Path) -> dict[str, str]:
    return {c.id: c.content_hash() for c in generate_deck(load_deck(root)).cards}


def test_upgrade_changes_only_the_format_token(deck_copy):
    before = deck_copy.read_text(encoding="utf-8")
    included = (deck_copy.parent / "entities.yaml").read_bytes()
    result = upgrade(str(deck_copy))
    assert result.exit_code == 0, result.output
    after = deck_copy.read_text(encoding="utf-8")
    assert after == before.replace(
        "format: 1   # the only line the upgrade changes",
        "format: 2   # the only line the upgrade changes",
    )
    assert "  # format: 1 in a comment is not the format line" in after
    assert (deck_copy.parent / "entities.yaml").read_bytes() == included
    assert f"{deck_copy}:2: upgraded to format 2" in result.output


def test_upgraded_deck_loads_to_the_same_cards(deck_copy):
    before = cards_of(deck_copy)
    assert before  # the deck generates cards, so the comparison can fail
    assert upgrade(str(deck_copy)).exit_code == 0
    assert cards_of(deck_copy) == before


def test_format_1_decks_keep_loading_unchanged():
    deck = load_deck(V1)
    assert [p for p in check_deck(V1).problems if p.severity == "error"] == []
    assert {e.id for e in deck.entities.values()} >= {"dm", "pm", "ibm", "imnm"}


def test_dry_run_prints_the_diff_and_writes_nothing(deck_copy):
    before = deck_copy.read_bytes()
    mtime = deck_copy.stat().st_mtime_ns
    result = upgrade("--dry-run", str(deck_copy.parent))
    assert result.exit_code == 0, result.output
    assert "-format: 1   # the only line the upgrade changes" in result.output
    assert "+format: 2   # the only line the upgrade changes" in result.output
    assert deck_copy.read_bytes() == before and deck_copy.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in deck_copy.parent.iterdir()) == ["deck.yaml", "entities.yaml"]


def test_upgrading_twice_is_a_no_op(deck_copy):
    assert upgrade(str(deck_copy)).exit_code == 0
    once = deck_copy.read_bytes()
    result = upgrade(str(deck_copy))
    assert result.exit_code == 0
    assert "already format 2; nothing to do" in result.output
    assert deck_copy.read_bytes() == once


def test_crlf_line_endings_and_byte_order_mark_are_kept(deck_copy):
    text = deck_copy.read_text(encoding="utf-8").replace("\n", "\r\n")
    deck_copy.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert upgrade(str(deck_copy)).exit_code == 0
    expected = "\ufeff" + text.replace("format: 1 ", "format: 2 ", 1)
    assert deck_copy.read_bytes() == expected.encode("utf-8")


def test_flow_style_root_is_edited_in_place(tmp_path):
    root = tmp_path / "deck.yaml"
    lines = V1.read_text(encoding="utf-8").splitlines(keepends=True)
    body = "".join(lines[8:])  # from `sources:` on
    head = '{format: 1, deck: {id: f, title: F, version: "1", authors: [a]}}\n'
    root.write_text(body + "\n", encoding="utf-8")  # no deck: invalid, refused below
    result = upgrade(str(root))
    assert result.exit_code == 1
    root.write_text(head, encoding="utf-8")
    assert upgrade(str(root)).exit_code == 0
    assert root.read_text(encoding="utf-8") == head.replace("format: 1", "format: 2")


def test_a_deck_with_errors_is_not_touched(deck_copy):
    text = deck_copy.read_text(encoding="utf-8").replace("to: heliotrope", "to: heliotrop")
    deck_copy.write_text(text, encoding="utf-8")
    result = upgrade(str(deck_copy))
    assert result.exit_code == 1
    assert (
        f"{deck_copy}:25:39: error: unknown entity" in result.output
        and "unknown entity 'heliotrop'" in result.output
    )
    assert "not upgraded; fix the errors above first" in result.output
    assert deck_copy.read_text(encoding="utf-8") == text


def test_a_linked_root_file_is_refused(deck_copy, tmp_path):
    link = deck_copy.parent / "link.yaml"
    link.symlink_to(deck_copy)
    before = deck_copy.read_bytes()
    result = upgrade(str(link))
    assert result.exit_code == 1
    assert "is a symbolic link" in result.output
    assert link.is_symlink() and deck_copy.read_bytes() == before
