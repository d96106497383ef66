"""`quizapp lint` and `quizapp cards` through click's runner, on real deck files."""

import json
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.generate.card import KINDS

DATA = Path(__file__).parent / "data"
IIM = Path(__file__).parents[2] / "decks" / "iim" / "deck.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_lint_clean_deck_exits_zero_with_summary():
    result = run("lint", str(DATA / "small.yaml"))
    assert result.exit_code == 0, result.output
    assert "1 deck(s) linted: 0 error(s)" in result.stderr


def test_lint_reports_bad_blueprint_with_location_and_exits_one():
    result = run("lint", str(DATA / "twins.yaml"))
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if ": error: " in x)
    path, row, col, rest = line.split(":", 3)
    assert path.endswith("twins.yaml") and int(row) > 1 and int(col) >= 1
    assert rest.startswith(" error: provable-key: blueprint 'bp-gamma'")


def test_invalid_deck_gets_validate_messages(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ndeck: {id: bad}\n")
    for command in ("lint", "cards"):
        result = run(command, str(bad))
        assert result.exit_code == 1
        assert f"{bad}:2:" in result.stderr and "error" in result.stderr


def test_cards_json_lists_card_objects_filtered_by_kind_and_topic():
    result = run("cards", str(DATA / "small.yaml"), "--format", "json", "--kind", "vignette")
    cards = json.loads(result.stdout)
    assert cards and {c["kind"] for c in cards} == {"vignette"}
    assert {"id", "deck", "topic", "prompt", "answer", "options", "sources", "tests"} <= set(
        cards[0]
    )
    assert {"label", "text", "correct", "explanation"} <= set(cards[0]["options"][0])
    topical = json.loads(
        run("cards", str(DATA / "small.yaml"), "--format", "json", "--topic", "tx").stdout
    )
    assert topical and {c["topic"] for c in topical} == {"tx"}


def test_cards_seed_changes_vignettes_only_as_asked():
    args = ("cards", str(DATA / "small.yaml"), "--format", "json", "--kind", "vignette")
    assert run(*args, "--seed", "1").stdout == run(*args, "--seed", "1").stdout
    assert run(*args, "--seed", "1").stdout != run(*args, "--seed", "2").stdout


def test_cards_text_prints_deck_strings_as_written():
    result = run("cards", str(DATA / "small.yaml"), "--kind", "cloze")
    assert result.exit_code == 0
    assert "Alpha disease is [...] for tests." in result.stdout


def test_cards_on_decks_folder_lists_every_kind_and_every_blueprint(iim):
    result = run("cards", str(IIM.parents[1]), "--format", "json")
    assert result.exit_code == 0
    cards = json.loads(result.stdout)
    assert {c["kind"] for c in cards} == set(KINDS)
    diagnosed = {
        c["tests"][0] for c in cards if c["kind"] == "vignette" and c["id"].endswith(":diagnosis")
    }
    assert diagnosed == {bp.condition for bp in iim.blueprints.values()}
