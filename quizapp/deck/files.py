"""Finding deck files: which paths are decks, and which files one deck spans."""

from pathlib import Path

ROOT_FILE = "deck.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def find_decks(paths: list[Path]) -> list[Path]:
    """Expand files and folders into deck roots: a `deck.yaml` folder or a single YAML file.

    A folder that is not itself a deck is searched one level down, so `decks/`
    finds `decks/iim/` and `decks/mini.yaml`. A folder that cannot be read, or a link
    that leads nowhere, is returned as a root too: reading it then gives the located
    problem, so one bad entry never hides the decks beside it.
    """
    roots: list[Path] = []
    for path in paths:
        if _is_deck_folder(path):
            roots.append(path / ROOT_FILE)
        elif _is_dir(path):
            try:
                children = sorted(path.iterdir())
            except OSError:
                roots.append(path)
                continue
            roots += [root for root in map(_root_in, children) if root is not None]
        else:
            roots.append(path)
    return roots


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _is_deck_folder(path: Path) -> bool:
    try:
        return path.is_dir() and (path / ROOT_FILE).exists()
    except OSError:  # a folder we may not enter: a root, so that its problem is shown
        return path.is_dir()


def _root_in(child: Path) -> Path | None:
    """A deck folder's root file, or anything named like a deck file (a file, a link that
    leads nowhere, a FIFO: reading it gives the problem), or None."""
    if _is_deck_folder(child):
        return child / ROOT_FILE
    if child.suffix in YAML_SUFFIXES:
        return child
    return None


def resolve_include(root: Path, name: str) -> Path | str:
    """The included file's path, or why it may not be included (outside the deck folder)."""
    if not name.strip() or Path(name).is_absolute() or name.startswith("~"):
        return "an include names a file inside the deck folder, not an absolute path"
    if "\x00" in name:
        return "an include name cannot contain a NUL character"
    try:
        folder = root.parent.resolve()
        target = (root.parent / name).resolve()
        if not target.is_relative_to(folder):
            return f"{name!r} is outside the deck folder; includes must stay inside it"
        if target == root.resolve():
            return "a deck cannot include its own root file"
        if not target.is_file():
            return f"included file {name!r} does not exist"
    except RuntimeError:  # Python 3.11's Path.resolve on a symlink loop
        return f"included file {name!r} is a symbolic link loop"
    except OSError as exc:  # a loop (3.13), a name too long, a folder we may not enter
        return f"included file {name!r} cannot be read: {exc.strerror or exc}"
    return target
