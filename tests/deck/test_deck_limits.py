"""Issue 17, item 7: a deck's memory and size are bounded, and the limits say why."""

import tracemalloc
from pathlib import Path

from quizapp.deck import yaml_source
from quizapp.deck.loader import check_deck
from quizapp.deck.yaml_source import ValueBudget, read_yaml
from tests.perf.synthetic_deck import write_synthetic_deck

HEADER = 'format: 1\ndeck: {id: d, title: D, version: "1", authors: [a]}\n'


def test_memory_per_yaml_value_stays_small(tmp_path):
    """Strings carried a __dict__ and every value a Location tuple: about 640 bytes a value
    (a 4 MB deck took 323 MB to read). Places are now packed into their containers."""
    root = write_synthetic_deck(tmp_path / "deck", 2_000)
    budget = ValueBudget()
    tracemalloc.start()
    try:
        values = [read_yaml(path, budget=budget) for path in sorted(root.parent.glob("*.yaml"))]
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert values and budget.total > 50_000
    assert held / budget.total < 160, f"{held / budget.total:.0f} bytes per value"


def test_places_survive_packing(write):
    path = write("a.yaml", "k:\n  - x\n  - {y: 2}\nz: [" + "a, " * 30_000 + "b]\n")
    data = read_yaml(path)
    assert data.key_loc("k") == (str(path), 1, 1)
    assert data["k"].item_locs() == [(str(path), 2, 5), (str(path), 3, 5)]
    assert data["k"][1].value_loc("y") == (str(path), 3, 9)
    assert data.value_loc("z") == (str(path), 4, 4)
    assert data["z"].item_locs()[-1] == (str(path), 4, 90_005)  # columns past 16 bits


def _deck_with_includes(folder: Path, files: int, values_each: int) -> Path:
    folder.mkdir()
    names = [f"part{i}.yaml" for i in range(files)]
    for name in names:
        items = ", ".join(f"e{i}" for i in range(values_each))
        (folder / name).write_text(f"entities: []\nnotes: [{items}]\n")
    (folder / "deck.yaml").write_text(HEADER + f"include: [{', '.join(names)}]\n")
    return folder / "deck.yaml"


def test_included_files_share_one_value_budget(tmp_path, monkeypatch):
    """Each file under the limit, together over it: the file that crosses it is named."""
    monkeypatch.setattr(yaml_source, "MAX_VALUES", 1_000)
    root = _deck_with_includes(tmp_path / "deck", 3, 400)
    problems = [p for p in check_deck(root).problems if "values" in p.message]
    assert [Path(p.loc.path).name for p in problems] == ["part2.yaml"]
    assert "the deck's files hold more than 1,000 values; split the deck" in problems[0].message


def test_included_files_share_one_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(yaml_source, "MAX_DECK_BYTES", 5_000)
    root = _deck_with_includes(tmp_path / "deck", 3, 400)  # ~2.2 kB each, with the root
    problems = [p for p in check_deck(root).problems if "bytes" in p.message]
    assert [(Path(p.loc.path).name, p.loc.line) for p in problems] == [("part2.yaml", 1)]
    assert "over 5,000 bytes together" in problems[0].message


def test_a_plain_file_is_counted_once_per_value(write):
    """Nesting does not count a value again at each level (a deep deck was over-counted)."""
    path = write("a.yaml", "a: {b: {c: {d: [1, 2, 3]}}}\n")
    budget = ValueBudget()
    read_yaml(path, budget=budget)
    assert budget.total == 12  # keys a b c d, four mappings and a list, three numbers
