"""Every list of formats comes from the one table, :mod:`timeline.interop.formats`.

The command's choices and help, the import's recognition and its refusal, the names proposed
for each export, and the README's lists are each compared with the table, so a format added
there and forgotten elsewhere (or listed somewhere it does not exist) fails here. The export
dialog's choices are checked in tests/test_app_export_formats.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline import bundled_path, load
from timeline.cli import main
from timeline.interop import ImportFailed
from timeline.interop.export import export_bytes, export_text
from timeline.interop.formats import DEFAULT_EXPORT, EXPORTS, FORMATS, IMPORTS
from timeline.interop.importer import detect, import_text

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def help_text(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    assert info.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # argparse wraps lines: compare the words


def test_the_table_is_whole() -> None:
    assert EXPORTS and IMPORTS and DEFAULT_EXPORT == "markdown"
    for name, fmt in FORMATS.items():
        assert fmt.name == name and fmt.label and fmt.title and fmt.help
        assert fmt.write is not None or fmt.read is not None, name
        if fmt.read is not None:  # recognised from its content, and said how when nothing is
            assert fmt.recognise is not None and fmt.looks_like, name
    extensions = [f.extension for f in FORMATS.values()]
    assert len(set(extensions)) == len(extensions), "two formats would propose the same file name"


def test_export_choices_and_help_are_the_tables(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(capsys, "export", "--help")
    assert "{" + ",".join(EXPORTS) + "}" in text  # argparse's list of the choices, exactly
    for name in EXPORTS:
        assert f"{name}: {FORMATS[name].help}" in text or f"{name}, the default: {FORMATS[name].help}" in text


def test_import_choices_and_help_are_the_tables(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(capsys, "import", "--help")
    assert "--format {" + ",".join(IMPORTS) + "}" in text
    for name in IMPORTS:
        assert FORMATS[name].title in text


@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_format_writes_through_the_command(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert main(["export", "-f", name]) == 0
    tl = load([bundled_path()]).timeline
    assert capsys.readouterr().out == export_text(name, tl, range(len(tl.events)))


def test_an_unknown_export_format_is_refused() -> None:
    tl = load([bundled_path()]).timeline
    with pytest.raises(ValueError, match="formats: " + ", ".join(EXPORTS)):
        export_text("docx", tl, [0])


@pytest.mark.parametrize("name", IMPORTS)
def test_each_readable_format_is_recognised_in_what_it_writes(name: str) -> None:
    fmt = FORMATS[name]
    assert fmt.write is not None, f"{name} is read but not written: give the test a sample"
    tl = load([bundled_path()]).timeline
    written = bytes(export_bytes(name, tl, range(len(tl.events))))
    assert detect("x.bin", written) == name
    text, _report, count = import_text("x.bin", written)
    assert count == len(tl.events) and f"({fmt.title})" in text.splitlines()[0]


def test_what_no_format_recognises_is_refused_naming_each_readable_format() -> None:
    with pytest.raises(ImportFailed) as info:
        detect("x.txt", b"hello,world\n1,2\n")
    message = str(info.value)
    assert message.startswith("x.txt:1:1: ") and "\n" not in message
    named = [n for n, f in FORMATS.items() if f.looks_like and f"{f.title}: {f.looks_like}" in message]
    assert named == list(IMPORTS)


# -- the README lists what the table holds ------------------------------------------------------


def readme_row(start: str) -> str:
    rows = [line for line in README.splitlines() if line.startswith(start)]
    assert len(rows) == 1, start
    return rows[0]


def test_readme_commands_table_names_the_export_formats() -> None:
    described = readme_row("| `timeline export ").split(" | ")[1]
    assert re.findall(r"`([a-z]+)`", described) == list(EXPORTS)


def test_readme_import_synopses_name_the_import_formats() -> None:
    synopses = re.findall(r"--format ([a-z\\|]+)\]", README)
    assert len(synopses) >= 2  # the commands table and the import section's heading
    for found in synopses:
        assert found.replace("\\", "").split("|") == list(IMPORTS)


def test_readme_has_a_section_for_each_export_format() -> None:
    sections = re.findall(r"^### `timeline export -f ([a-z]+)`$", README, re.MULTILINE)
    assert sections == [name for name in EXPORTS if name != DEFAULT_EXPORT]
    assert f"\n## {FORMATS[DEFAULT_EXPORT].title} export\n" in README


def test_readme_key_table_names_the_dialogs_choices_and_names() -> None:
    row = readme_row("| `e` |")
    assert " / ".join(FORMATS[name].label for name in EXPORTS) in row
    assert re.findall(r"`(\.[a-z.]+)`", row) == [FORMATS[name].extension for name in EXPORTS]
