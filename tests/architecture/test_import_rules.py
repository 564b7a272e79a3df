"""The import rules that import-linter's contracts (in pyproject.toml) cannot say on their own: what
importing each module of the core loads, and that no two modules import each other, directly or around a
cycle."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import grimp

import readq

HEAVY = ("textual", "sklearn", "scipy")  # Textual belongs to readq.tui; the others are imported lazily


def core_modules() -> list[str]:
    """Every module of the package outside readq.tui, found by walking it (``__main__`` modules run a
    command when imported, so they are left out)."""
    names = [info.name for info in pkgutil.walk_packages(readq.__path__, prefix="readq.")]
    return sorted(
        name
        for name in ["readq", *names]
        if not (name == "readq.tui" or name.startswith("readq.tui.")) and not name.endswith(".__main__")
    )


_CHECK = """
import importlib, json, sys
heavy = tuple(sys.argv[1].split(","))
found = {}
for name in json.loads(sys.stdin.read()):
    before = set(sys.modules)
    importlib.import_module(name)
    loaded = sorted({m.split(".")[0] for m in set(sys.modules) - before} & set(heavy))
    if loaded:
        found[name] = loaded
        for m in [m for m in sys.modules if m.split(".")[0] in heavy]:
            del sys.modules[m]  # so that the next module is judged on its own imports
print(json.dumps(found))
"""


def loaded_by(modules: list[str], packages: tuple[str, ...], check: str = _CHECK) -> dict[str, list[str]]:
    """Module -> the ``packages`` importing it loaded, for each of ``modules`` imported in turn in one fresh
    interpreter (a package loaded by one module is unloaded before the next)."""
    result = subprocess.run(
        [sys.executable, "-c", check, ",".join(packages)],
        input=json.dumps(modules),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, list[str]] = json.loads(result.stdout)
    return found


def test_the_walk_finds_the_core() -> None:
    modules = core_modules()
    assert {"readq.query.matching", "readq.library.service", "readq.cli.main", "readq.store.core"} <= set(
        modules
    )
    assert not any(name.startswith("readq.tui") for name in modules)
    assert len(modules) > 60


def test_no_core_module_loads_textual_sklearn_or_scipy() -> None:
    """Importing any module outside readq.tui loads none of them: Textual is the app's, and the few
    modules that need scikit-learn import it inside the functions that use it."""
    assert loaded_by(core_modules(), HEAVY) == {}


def test_pure_layers_load_no_rich() -> None:
    """The layers below the store are pure text and data: not even Rich (the CLI's progress and the app
    render with it)."""
    pure = ("readq.identity", "readq.models", "readq.samples", "readq.text", "readq.parsing", "readq.query")
    modules = [m for m in core_modules() if any(m == p or m.startswith(p + ".") for p in pure)]
    assert len(modules) > 20
    assert loaded_by(modules, ("rich",)) == {}


def test_the_check_sees_a_heavy_import() -> None:
    """The subprocess check itself: a module that does load one of them is reported."""
    code = _CHECK.replace("importlib.import_module(name)", "importlib.import_module(name); import scipy")
    assert loaded_by(["readq.models"], HEAVY, code) == {"readq.models": ["scipy"]}


def test_starting_the_app_loads_no_sklearn_or_scipy() -> None:
    code = (
        "import sys, readq.tui.app, readq.cli.main\n"
        "readq.cli.main.build_parser()\n"
        "sys.exit(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy'}) or 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of modules (two or more that reach each other through imports, lazy and
    type-only imports included), each sorted; Tarjan's algorithm without recursion."""
    modules = sorted(m for m in graph.modules if m == "readq" or m.startswith("readq."))
    edges = {
        m: sorted(i for i in graph.find_modules_directly_imported_by(m) if i in modules) for m in modules
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            for position in range(child, len(edges[node])):
                target = edges[node][position]
                if target not in index:
                    work.append((node, position + 1))
                    work.append((target, 0))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return groups


def test_no_import_cycle_anywhere() -> None:
    """No two modules import each other at run time (lazy imports inside functions included)."""
    assert import_cycles(grimp.build_graph("readq", exclude_type_checking_imports=True)) == []


def test_type_only_back_references_stay_inside_the_main_screen() -> None:
    """Counting imports made only for type annotations, the one loop allowed is a main-screen feature naming
    the screen that composes it (``if TYPE_CHECKING: from readq.tui.main.screen import MainScreen``)."""
    for group in import_cycles(grimp.build_graph("readq")):
        assert all(module.startswith("readq.tui.main.") for module in group), group


def test_the_cycle_finder_finds_one() -> None:
    graph = grimp.ImportGraph()
    for name in ("readq.a", "readq.b", "readq.c", "readq.d"):
        graph.add_module(name)
    graph.add_import(importer="readq.a", imported="readq.b")
    graph.add_import(importer="readq.b", imported="readq.c")
    graph.add_import(importer="readq.c", imported="readq.a")
    graph.add_import(importer="readq.c", imported="readq.d")
    assert import_cycles(graph) == [["readq.a", "readq.b", "readq.c"]]
