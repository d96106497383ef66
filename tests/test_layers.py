"""The layers of ARCHITECTURE.md, checked on the source: what each package may import, no
import circle anywhere in quizapp, Textual only inside tui/, and one error base below
every layer (issue 15).

Imports are read from the syntax tree, including those inside functions (lazy imports
are still dependencies), so a broken rule fails here whatever the code path.
"""

import ast
import builtins
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "quizapp"

# What each package may import from quizapp, besides itself. Shared helpers at the top
# level (errors, output, reading, paths, gc_policy, plural, terminal, kinds) carry no
# domain knowledge.
SHARED = {"errors", "output", "reading", "paths", "gc_policy", "plural", "terminal", "kinds"}
ALLOWED = {
    "deck": SHARED,
    "generate": SHARED | {"deck"},
    "store": SHARED,
    "srs": SHARED | {"store"},
    "quiz": SHARED | {"store", "generate", "srs"},
    "export": SHARED | {"deck", "generate", "quiz"},
    # what the command line and the app share: never a face (tui, commands) above it
    "workspace": SHARED | {"deck", "generate", "store", "srs", "quiz", "library", "health"},
}
FACES = {"tui", "commands", "cli", "__main__"}  # the only ones that may import tui/


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module named by an import; `from a import b` names `a` and `a.b` (b may be a
    module: `from quizapp.tui.quiz import builder_screen`)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _package(module: str) -> str:
    """The top-level part of quizapp a module belongs to ("quizapp.deck.model" -> "deck")."""
    return module.split(".")[1] if module.count(".") else module


SOURCES = {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_domain_package_imports_only_the_layers_below_it(package):
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in SOURCES.items()
        if _package(module) == package
        for name in names
        if name.startswith("quizapp.") and _package(name) not in ALLOWED[package] | {package}
    )
    assert wrong == []


# Inside generate/, each group imports only the groups before it: the shared core (card,
# index, evidence, stored and text/), the card kinds, the vignettes (which borrow the mcq's
# category label), the entry that runs them all, then the checks over what it yields.
GENERATE_GROUPS = ("core", "kinds", "vignettes", "generate", "lint")


def _generate_group(module: str) -> str:
    part = module.split(".")[2]
    return part if part in GENERATE_GROUPS else "core"


def test_generate_groups_import_only_the_groups_before_them():
    rank = {group: n for n, group in enumerate(GENERATE_GROUPS)}
    inside = {m for m in SOURCES if m.startswith("quizapp.generate.")}
    wrong = sorted(
        f"{module} imports {name}"
        for module in inside
        for name in SOURCES[module] & inside
        if rank[_generate_group(name)] > rank[_generate_group(module)]
    )
    assert wrong == []
    assert {_generate_group(m) for m in inside} == set(GENERATE_GROUPS)


def test_textual_is_imported_only_inside_tui():
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in SOURCES.items()
        if _package(module) != "tui"
        for name in names
        if name.split(".")[0] in {"textual", "textual_plotext"}
    )
    assert wrong == []


def test_only_the_faces_import_the_tui():
    """tui/ sits on top: the workspace and the domain never reach up into it."""
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in SOURCES.items()
        if _package(module) not in FACES
        for name in names
        if name.startswith("quizapp.tui")
    )
    assert wrong == []


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of `graph` (module -> modules it imports), as a path that ends
    where it starts; None when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> list[str] | None:
        state[module] = 1
        for name in sorted(graph.get(module, ())):
            if state.get(name) == 1:
                return [*path[path.index(name) :], name]
            if name not in state and (cycle := visit(name, [*path, name])):
                return cycle
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module, [module])):
            return cycle
    return None


# tui/ by area: an area (home, study, stats, browse, settings, quiz) uses widgets/ and the
# top-level modules (base, navigation, write_errors), never another area; only the top
# level (app.py, commands.py) opens the areas' screens.
TUI_AREAS = {"home", "study", "stats", "browse", "settings", "quiz"}


def _tui_part(module: str) -> str:
    """The tui/ area of a module ("quizapp.tui.study.rating_bar" -> "study"), "" for the
    top level (quizapp.tui.app)."""
    parts = module.split(".")
    return parts[2] if len(parts) > 3 else ""


def test_each_tui_area_uses_only_widgets_and_the_top_level():
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in SOURCES.items()
        if _package(module) == "tui" and _tui_part(module) in TUI_AREAS | {"widgets"}
        for name in names
        if name in SOURCES
        and _package(name) == "tui"
        and _tui_part(name) in TUI_AREAS | {"widgets"}
        and _tui_part(name) not in {_tui_part(module), "widgets"}
    )
    assert wrong == []


def test_every_tui_module_sits_in_an_area_or_at_the_top():
    """A new module goes into an area (or widgets/ when two areas use it), not a new folder."""
    folders = {_tui_part(m) for m in SOURCES if _package(m) == "tui"}
    assert folders <= TUI_AREAS | {"widgets", ""}


def test_quizapp_has_no_import_circle():
    """Every import counts, lazy and TYPE_CHECKING ones too: a screen that imports the app
    for its type, or two screens that import each other, are a circle."""
    graph = {
        module: {n for n in names if n in SOURCES and n != module}
        for module, names in SOURCES.items()
    }
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_errors_imports_nothing_of_quizapp():
    """Every layer raises QuizappError, so quizapp.errors must sit below them all."""
    assert sorted(n for n in SOURCES["quizapp.errors"] if n.split(".")[0] == "quizapp") == []


BUILTIN_ERRORS = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, Exception)
}


def _exception_classes(path: Path) -> list[str]:
    """The public classes in a file that derive directly from a built-in exception."""
    return [
        node.name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and not node.name.startswith("_")
        and {b.id for b in node.bases if isinstance(b, ast.Name)} & BUILTIN_ERRORS
        and not {b.id for b in node.bases if isinstance(b, ast.Name)} & {"QuizappError"}
    ]


def test_every_public_error_is_a_quizapp_error():
    """One error path: the CLI reports a QuizappError as one located line, so an error
    class beside it would surface as a traceback (a private one never leaves its module)."""
    wrong = [
        f"{_module(path)}.{name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in _exception_classes(path)
    ]
    assert wrong == ["quizapp.errors.QuizappError"]


def test_the_checker_sees_a_broken_rule(tmp_path):
    """The parser finds lazy imports inside functions, which the rules rely on."""
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from quizapp.tui.app import QuizApp\n", encoding="utf-8")
    assert "quizapp.tui.app" in _imports(source)
    source.write_text("class NewError(ValueError):\n    pass\n", encoding="utf-8")
    assert _exception_classes(source) != []
