"""The model stays pure Python: importing it never pulls in the terminal app or Textual."""

from __future__ import annotations

import ast
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import timeline

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("textual", "tui", "rich")

#: Every module of the package, found on disk so a new one is covered too (``__main__`` runs the CLI).
MODULES = ["timeline"] + [
    m.name for m in pkgutil.walk_packages(timeline.__path__, "timeline.") if m.name != "timeline.__main__"
]

PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def loaded_after(code: str, *args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def forbidden(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in FORBIDDEN)


def test_every_module_is_listed() -> None:
    assert {"timeline.dates", "timeline.load", "timeline.markdown", "timeline.cli"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_importing_does_not_load_the_app(module: str) -> None:
    modules = loaded_after(PROBE, module)
    assert module in modules
    assert forbidden(modules) == []


#: Modules of the app that hold its state, rules and layouts apart from any widget: no Textual either.
APP_MODULES_WITHOUT_TEXTUAL = ["tui.view", "tui.palette", "tui.rows", "tui.overview_layout"]
#: Of those, the ones that measure text in terminal cells with rich.cells (wide characters take
#: two): Rich, but not Textual.
MEASURE_WITH_RICH = {"tui.rows", "tui.overview_layout"}


@pytest.mark.parametrize("module", APP_MODULES_WITHOUT_TEXTUAL)
def test_the_view_model_does_not_load_textual(module: str) -> None:
    modules = loaded_after(PROBE, module)
    assert module in modules
    roots = ("textual",) if module in MEASURE_WITH_RICH else ("textual", "rich")
    assert sorted(m for m in modules if m.split(".")[0] in roots) == []


def relative_imports(module: str) -> set[str]:
    """The modules of the package that ``timeline/<module>.py`` imports (``from .x import``)."""
    tree = ast.parse((ROOT / "timeline" / f"{module}.py").read_text(encoding="utf-8"))
    return {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level}


def test_the_date_model_reads_no_text_and_the_grammar_builds_on_it() -> None:
    # What a date is (display, order, lengths) depends on nothing that reads text; the grammar
    # and the ranges build on it, in that order, and dates.py only gathers them. (Importing any
    # of them loads the package and so all of them: hence the source is read, not sys.modules.)
    assert relative_imports("datemodel") == set()
    # the calendar's weekdays, numeric dates and zones in words build on the model alone; the
    # second reading of a refused value (datereread) on them, and the grammar on all of them
    for module in ("datecalendar", "datenumeric", "datezones"):
        assert relative_imports(module) == {"datemodel"}, module
    assert relative_imports("datereread") == {"datemodel", "datenumeric", "datezones"}
    assert relative_imports("dategrammar") == {
        "datemodel",
        "datecalendar",
        "datenumeric",
        "datereread",
        "datezones",
    }
    assert relative_imports("dateranges") == {"datemodel", "dategrammar", "datenumeric"}


def test_list_and_export_commands_do_not_load_the_app(tmp_path: Path) -> None:
    sample = tmp_path / "t.yaml"
    sample.write_text(
        "title: T\nactors:\n  a:\n    name: A\nsources:\n  s:\n    title: S\n    publisher: P\n"
        "    date: 2023\n    url: https://example.com\nevents:\n  - id: e\n    date: 2023\n    title: E\n"
        "    kind: other\n    actors: [a]\n    summary: S.\n    sources: [s]\n"
    )
    code = f"""
import json, sys
from timeline.cli import main
for argv in (["list", {str(sample)!r}], ["export", {str(sample)!r}], ["check", {str(sample)!r}]):
    assert main(argv) == 0
print()
print(json.dumps(sorted(sys.modules)))
"""
    assert forbidden(loaded_after(code)) == []


# -- the import graph: no cycle, and no module importing the package it is in -------------------

#: The project's packages, whose modules the graph holds.
PACKAGES = ("timeline", "tui")


def project_modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the project by dotted name: its file, and whether it is a package."""
    found: dict[str, tuple[Path, bool]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


PROJECT = project_modules()


def imports_of(module: str) -> list[tuple[str, str, int]]:
    """What ``module`` imports: (project module named, the names taken from it, line).

    Every import statement counts, at the top, inside a function or under ``TYPE_CHECKING``: one
    inside a function still runs when it is called, and one for type checking is still followed by
    mypy, so either still ties the two modules. ``from P import x`` names the module ``P.x`` when
    there is one, else ``P`` itself (``x`` is then a name defined in ``P``, listed as taken).
    Importing ``a.b.c`` also runs ``a/__init__`` and ``a/b/__init__``; those implicit imports are
    not edges, or every package that imports its own modules would be a cycle.
    """
    path, is_package = PROJECT[module]
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[str, str, int]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.append(
                    (submodule, "", node.lineno)
                    if submodule in PROJECT
                    else (source, alias.name, node.lineno)
                )
    return [(target, name, line) for target, name, line in found if target in PROJECT]


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of ``graph`` as the path round it (first node repeated at the end), or []."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return []


def test_the_graph_sees_the_projects_imports() -> None:
    # The helpers find what they must, or the two tests below would pass on an empty graph.
    assert {"timeline", "timeline.load", "timeline.interop.formats", "tui.app", "tui.screens.picker"} <= set(
        PROJECT
    )
    targets = {target for target, _, _ in imports_of("tui.app")}
    assert {"tui.commands", "tui.screens.picker", "tui.compat", "timeline", "timeline.load"} <= targets
    assert ("tui.matching", "match_score") in {(t, n) for t, n, _ in imports_of("tui.screens.picker")}
    assert ("tui.compat", "") in {
        (t, n) for t, n, _ in imports_of("tui.widgets.footer")
    }  # from .. import compat
    assert ("timeline.schema", "schema") in {
        (t, n) for t, n, _ in imports_of("timeline.cli")
    }  # in a function
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle() -> None:
    graph = {module: {target for target, _, _ in imports_of(module)} - {module} for module in PROJECT}
    cycle = find_cycle(graph)
    assert cycle == [], "import cycle: " + " → ".join(cycle)


def test_no_module_imports_from_a_package_above_it() -> None:
    """``from . import name`` in a package's module takes ``name`` from the package's ``__init__``,
    which imports the package's modules: the module then depends on its siblings through it (the
    cache read the version this way, and the package's ``__init__`` imports the loader, which imports
    the cache). A module is imported from its own module instead; importing a sibling module
    (``from .. import compat``) is fine."""
    found = []
    for module in PROJECT:
        parts = module.split(".")
        above = {".".join(parts[:n]) for n in range(1, len(parts))}  # a and a.b for a.b.c and a.b.c/__init__
        for target, name, line in imports_of(module):
            if target in above:
                found.append(f"{module}:{line}: imports {name or target} from the package {target} above it")
    assert found == []
