"""`quizapp export csv`: one row per card, every field, BOM, no formula a spreadsheet runs."""

import csv
import json
from pathlib import Path

from tests.export.helpers import FORMULA, IIM, SCRIPT, run


def _read(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _cards(deck):
    return json.loads(run("cards", deck, "--format", "json").stdout)


def _unneutralised(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:2] in "=+-@\t\r" else cell


def _relative(place: str) -> str:
    """A place as the CSV gives it: relative to the deck folder."""
    return str(Path(place).relative_to(IIM))


def test_one_row_per_card_with_every_field_and_a_bom(tmp_path):
    out = tmp_path / "iim.csv"
    result = run("export", "csv", IIM, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,deck,kind,")
    assert b"\r\n" in out.read_bytes()
    rows = {row["id"]: row for row in _read(out)}
    cards = _cards(IIM)
    assert list(rows) == [c["id"] for c in cards]
    for card in cards:
        row = rows[card["id"]]
        for field in ("deck", "kind", "topic", "prompt", "answer"):
            assert _unneutralised(row[field]) == card[field], (card["id"], field)
        assert row["loc"] == _relative(card["loc"]) and not row["loc"].startswith("/")
        assert row["extra"] == (card["extra"] or "")
        assert row["seed"] == ("" if card["seed"] is None else str(card["seed"]))
        assert row["sources"] == "; ".join(card["sources"])
        assert row["tests"] == "; ".join(card["tests"])
        for proof in card["proof"]:
            place = _relative(proof["loc"])
            assert f"{proof['rule']}: {proof['fact']} ({place})" in row["proof"]
        for option in card["options"]:
            label = option["label"]
            assert _unneutralised(row[f"option_{label}"]) == option["text"]
            assert row[f"option_{label}_correct"] == str(option["correct"]).lower()
            assert row[f"option_{label}_explanation"] == option["explanation"]
            for proof in option["proof"]:
                assert (
                    f"{proof['rule']}: {proof['fact']} ({_relative(proof['loc'])})"
                    in row[f"option_{label}_proof"]
                )
            if option["correct"]:
                assert row["key"] == label
    vignette = rows["iim:vignette:bp-dm:diagnosis"]
    assert "Callen JP, Wortmann RL. Dermatomyositis." in vignette["citations"]


def test_text_a_spreadsheet_would_run_is_neutralised(tmp_path, hostile_deck):
    out = tmp_path / "hostile.csv"
    result = run("export", "csv", hostile_deck, "-o", out)
    assert result.exit_code == 0, result.output
    rows = _read(out)
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert f"'{FORMULA} Gamma disease" in cells  # e.g. an option or a reverse card's answer
    assert any(SCRIPT in c for c in cells)  # text stays text, not escaped HTML
    assert len(rows) == len(_cards(hostile_deck))
