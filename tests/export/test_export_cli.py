"""What every `quizapp export` command promises at the edge: help with an example, no
silent overwrite, and bad input as a located message, exit 1 and no file."""

import json

import pytest

from tests.export.helpers import IIM, SMALL, run

# (command words, output suffix)
EXPORTS = [
    (["anki"], ".apkg"),
    (["csv"], ".csv"),
    (["lms", "--format", "qti"], ".zip"),
    (["lms", "--format", "moodle"], ".xml"),
    (["lms", "--format", "gift"], ".gift"),
]
IDS = [" ".join(words) for words, _ in EXPORTS]


@pytest.mark.parametrize(("words", "suffix"), EXPORTS, ids=IDS)
def test_help_shows_an_example(words, suffix):
    result = run("export", *words, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and f"quizapp export {words[0]} " in result.output


def test_export_group_help_shows_examples():
    result = run("export", "--help")
    assert result.exit_code == 0
    for command in ("anki", "csv", "lms"):
        assert f"quizapp export {command} decks/iim" in result.output


@pytest.mark.parametrize(("words", "suffix"), EXPORTS, ids=IDS)
def test_refuses_to_overwrite_without_force(tmp_path, words, suffix):
    out = tmp_path / f"out{suffix}"
    out.write_bytes(b"mine")
    result = run("export", *words, SMALL, "-o", out)
    assert result.exit_code == 1
    assert f"{out} already exists; add --force" in result.stderr
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"mine"
    forced = run("export", *words, SMALL, "-o", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_bytes() != b"mine"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


@pytest.mark.parametrize(("words", "suffix"), EXPORTS, ids=IDS)
def test_never_replaces_a_file_of_another_type_even_with_force(tmp_path, words, suffix):
    deck = tmp_path / "deck.yaml"
    deck.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("export", *words, deck, "-o", deck, "--force")
    assert result.exit_code == 1
    assert f"{deck}: the output file must end in {suffix}" in result.stderr
    assert deck.read_text(encoding="utf-8") == SMALL.read_text(encoding="utf-8")


@pytest.mark.parametrize(("words", "suffix"), EXPORTS, ids=IDS)
def test_missing_output_folder_is_a_clear_error(tmp_path, words, suffix):
    out = tmp_path / "nowhere" / f"out{suffix}"
    result = run("export", *words, SMALL, "-o", out)
    assert result.exit_code == 1
    assert f"folder {out.parent} does not exist" in result.stderr
    assert not out.parent.exists()


@pytest.mark.parametrize(("words", "suffix"), EXPORTS, ids=IDS)
def test_unknown_topic_names_the_known_ones_and_writes_nothing(tmp_path, words, suffix):
    out = tmp_path / f"out{suffix}"
    result = run("export", *words, SMALL, "--topic", "dxx", "-o", out)
    assert result.exit_code == 1
    assert "--topic: no topic 'dxx' in these decks (topics: Diagnosis (dx); Treatment (tx))" in (
        result.stderr
    )
    assert not out.exists()


@pytest.mark.parametrize(("words", "suffix"), EXPORTS, ids=IDS)
def test_a_deck_with_errors_is_reported_with_its_location_and_nothing_is_written(
    tmp_path, small_deck, words, suffix
):
    def break_relation(data):
        data["relations"][0]["to"] = "no-such-entity"

    deck = small_deck(break_relation)
    out = tmp_path / f"out{suffix}"
    result = run("export", *words, deck, "-o", out)
    assert result.exit_code == 1
    assert f"{deck}:" in result.stderr and "no-such-entity" in result.stderr
    assert "nothing written" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(("words", "suffix"), EXPORTS, ids=IDS)
def test_a_missing_deck_is_bad_input_with_its_path(tmp_path, words, suffix):
    """Exit 1 and the path, as for any bad input (it was click's usage error, status 2)."""
    out = tmp_path / f"out{suffix}"
    missing = tmp_path / "missing.yaml"
    result = run("export", *words, missing, "-o", out)
    assert (
        result.exit_code == 1
        and result.stderr == f"quizapp: no such deck file or folder: {str(missing)!r}.\n"
    )
    assert not out.exists()


def test_anki_filters_by_kind_and_topic_and_reports_the_count(tmp_path):
    out = tmp_path / "out.apkg"
    result = run(
        "export",
        "anki",
        IIM,
        "--kind",
        "mcq",
        "--kind",
        "cloze",
        "--topic",
        "antibodies",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    expected = run("cards", IIM, "--topic", "antibodies", "--format", "json")
    count = sum(c["kind"] in ("mcq", "cloze") for c in json.loads(expected.stdout))
    assert count > 1 and f"Wrote {count} cards to" in result.stderr


@pytest.mark.parametrize(("words", "suffix"), EXPORTS[:2], ids=IDS[:2])
def test_a_large_export_shows_progress_and_a_small_one_does_not(tmp_path, words, suffix):
    """(The IIM deck's 102 LMS items are below the bar's threshold.)"""
    large = run("export", *words, IIM, "-o", tmp_path / f"large{suffix}")
    assert large.exit_code == 0, large.output
    cards = len(json.loads(run("cards", IIM, "--format", "json").stdout))
    assert f"Writing {cards} " in large.stderr  # click prints the bar's label off a terminal
    small = run("export", *words, SMALL, "-o", tmp_path / f"small{suffix}")
    assert small.exit_code == 0, small.output
    assert "Writing" not in small.stderr


def test_two_decks_with_one_id_are_refused_since_their_card_ids_would_clash(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.apkg"
    result = run("export", "anki", SMALL, copy, "-o", out)
    assert result.exit_code == 1
    assert f"{copy}: deck id 'small' is also the id of {SMALL}" in result.stderr
    assert not out.exists()


def test_several_decks_go_into_one_file(tmp_path):
    out = tmp_path / "both.csv"
    result = run("export", "csv", SMALL, IIM, "-o", out)
    assert result.exit_code == 0, result.output
    small = len(json.loads(run("cards", SMALL, "--format", "json").stdout))
    iim = len(json.loads(run("cards", IIM, "--format", "json").stdout))
    assert f"Wrote {small + iim} cards to" in result.stderr


def test_a_bad_output_is_refused_before_the_decks_are_loaded(tmp_path, small_deck):
    """The output's message comes alone: no deck was read (a broken deck says nothing)."""

    def break_relation(data):
        data["relations"][0]["to"] = "no-such-entity"

    out = tmp_path / "taken.apkg"
    out.write_bytes(b"mine")
    result = run("export", "anki", small_deck(break_relation), "-o", out)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"quizapp: {out} already exists; add --force to replace it."


TEXT_EXPORTS = [(words, suffix) for words, suffix in EXPORTS if suffix in (".csv", ".xml", ".gift")]


@pytest.mark.parametrize(
    ("words", "suffix"), TEXT_EXPORTS, ids=[" ".join(w) for w, _ in TEXT_EXPORTS]
)
def test_a_text_export_goes_to_standard_output_with_dash(tmp_path, monkeypatch, words, suffix):
    """`-o -` gives exactly the file's text (a CSV without the BOM meant for Excel)."""
    out = tmp_path / f"out{suffix}"
    assert run("export", *words, SMALL, "-o", out).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = run("export", *words, SMALL, "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == out.read_bytes().removeprefix(b"\xef\xbb\xbf")
    assert "to standard output" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no file named '-'


@pytest.mark.parametrize(("words", "suffix"), EXPORTS[:1] + EXPORTS[2:3], ids=["anki", "qti"])
def test_a_binary_export_to_standard_output_is_refused(tmp_path, monkeypatch, words, suffix):
    monkeypatch.chdir(tmp_path)
    result = run("export", *words, SMALL, "-o", "-")
    assert result.exit_code == 1 and result.stdout == ""
    assert "standard output takes the text formats" in result.stderr
    assert list(tmp_path.iterdir()) == []
