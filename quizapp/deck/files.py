"""Finding deck files: which paths are decks, and which files one deck spans."""

from pathlib import Path

ROOT_FILE = "deck.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def find_decks(paths: list[Path]) -> list[Path]:
    """Expand files and folders into deck roots: a `deck.yaml` folder or a single YAML file.

    A folder that is not itself a deck is searched one level down, so `decks/`
    finds `decks/iim/` and `decks/mini.yaml`.
    """
    roots: list[Path] = []
    for path in paths:
        if path.is_dir() and (path / ROOT_FILE).is_file():
            roots.append(path / ROOT_FILE)
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_dir() and (child / ROOT_FILE).is_file():
                    roots.append(child / ROOT_FILE)
                elif child.is_file() and child.suffix in YAML_SUFFIXES:
                    roots.append(child)
        else:
            roots.append(path)
    return roots


def resolve_include(root: Path, name: str) -> Path | str:
    """The included file's path, or why it may not be included (outside the deck folder)."""
    if not name.strip() or Path(name).is_absolute() or name.startswith("~"):
        return "an include names a file inside the deck folder, not an absolute path"
    folder = root.parent.resolve()
    target = (root.parent / name).resolve()
    if not target.is_relative_to(folder):
        return f"{name!r} is outside the deck folder; includes must stay inside it"
    if target == root.resolve():
        return "a deck cannot include its own root file"
    if not target.is_file():
        return f"included file {name!r} does not exist"
    return target
