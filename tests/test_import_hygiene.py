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


#: Modules of the app that hold its state and rules apart from any widget: no Textual either.
APP_MODULES_WITHOUT_TEXTUAL = ["tui.view", "tui.palette", "tui.rows"]


@pytest.mark.parametrize("module", APP_MODULES_WITHOUT_TEXTUAL)
def test_the_view_model_does_not_load_textual(module: str) -> None:
    modules = loaded_after(PROBE, module)
    assert module in modules
    # tui.rows measures text in terminal cells with rich.cells (wide characters), which is not Textual.
    roots = ("textual",) if module == "tui.rows" else ("textual", "rich")
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
    assert relative_imports("dategrammar") == {"datemodel"}
    assert relative_imports("dateranges") == {"datemodel", "dategrammar"}


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
