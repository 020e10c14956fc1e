"""What the command does when its own writing fails, and what ``export -o`` may replace.

Standard output full (``/dev/full``), closed (``>&-``) or failing: one line on standard error
and exit 1, for every command that writes there; a reader that goes away (``| head -1``) ends
the command quietly with 0. ``export -o FILE`` replaces an earlier export in the same format,
and nothing else without ``--force``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline import load
from timeline.cli import COMMANDS
from timeline.interop.export import export_text, replace_refusal
from timeline.interop.formats import EXPORTS, FORMATS

ROOT = Path(__file__).resolve().parent.parent
DEV_FULL = Path("/dev/full")


def _timeline(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "timeline", *cmd], env=env, text=True, timeout=120, **kw
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A valid timeline, an invalid one and a TimelineJS file to import."""
    folder = tmp_path_factory.mktemp("writes")
    good = folder / "good.yaml"
    good.write_bytes((ROOT / "events.yaml").read_bytes())
    bad = folder / "bad.yaml"
    bad.write_text("title: x\nevents:\n  - id: a\n    date: 2023-13\n", encoding="utf-8")
    tjs = folder / "in.json"
    tjs.write_text(
        '{"events": [{"start_date": {"year": 2020}, "text": {"headline": "A"}}]}', encoding="utf-8"
    )
    return {"good": good, "bad": bad, "tjs": tjs}


def _first_event_id() -> str:
    return load([ROOT / "events.yaml"]).timeline.events[0].id


#: Every way the command writes to standard output: each command, each export format, the
#: help and the version (argparse writes those).
STDOUT_WRITERS: dict[str, list[str]] = {
    "list": ["list", "{good}"],
    "list --links": ["list", "{good}", "--links", "{event}"],
    "list --ids": ["list", "{good}", "--ids"],
    "show": ["show", "{event}", "{good}"],
    "check": ["check", "{good}"],
    "check (problems)": ["check", "{bad}"],
    "schema": ["schema"],
    "import": ["import", "{tjs}"],
    **{f"export -f {f}": ["export", "{good}", "-f", f] for f in EXPORTS},
    "export -o -": ["export", "{good}", "-o", "-"],
    "--help": ["--help"],
    "--version": ["--version"],
    "list --help": ["list", "--help"],
    "diff": ["diff", "{good}", "{good}"],
    "log --help": ["log", "--help"],  # (its own output needs a repository: tests/test_log.py)
}


def _argv(name: str, files: dict[str, Path]) -> list[str]:
    values = {k: str(v) for k, v in files.items()} | {"event": _first_event_id()}
    return [word.format(**values) for word in STDOUT_WRITERS[name]]


def test_every_command_that_writes_to_standard_output_is_tried() -> None:
    # 'open' hands the terminal to the explorer and writes nothing on standard output itself.
    tried = {argv[0] for argv in STDOUT_WRITERS.values() if not argv[0].startswith("-")}
    assert tried == set(COMMANDS) - {"open"}
    assert {argv[3] for name, argv in STDOUT_WRITERS.items() if name.startswith("export -f")} == set(EXPORTS)


@pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("name", sorted(STDOUT_WRITERS))
def test_a_full_standard_output_is_one_line_and_exit_1(name: str, files: dict[str, Path]) -> None:
    with DEV_FULL.open("w") as full:
        done = _timeline(_argv(name, files), stdout=full, stderr=subprocess.PIPE)
    # (diff's 1 says "differences": its trouble is 2, as for diff(1))
    assert done.returncode == (2 if name == "diff" else 1), done.stderr
    lines = done.stderr.splitlines()
    assert lines[-1] == "timeline: cannot write to standard output: No space left on device"
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    # Before it, only what the command says on standard error anyway (an import's report).
    assert all(line.startswith("timeline: ") and "cannot write" not in line for line in lines[:-1]), lines


def _stdout_closed(args: list[str]) -> subprocess.CompletedProcess[str]:
    """``timeline ARGS`` run with its standard output closed (``>&-``), as a shell can start it."""
    argv = [sys.executable, "-m", "timeline", *args]
    return subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *argv],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("name", ["list", "schema", "export -f csv", "--version", "check (problems)"])
def test_a_closed_standard_output_is_one_line_and_exit_1(name: str, files: dict[str, Path]) -> None:
    done = _stdout_closed(_argv(name, files))
    assert (done.returncode, done.stderr) == (1, "timeline: cannot write to standard output: it is closed\n")


@pytest.mark.parametrize("name", ["list", "export -f json", "schema"])
def test_a_reader_that_went_away_ends_the_command_quietly(name: str, files: dict[str, Path]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: every write gets EPIPE
    try:
        done = _timeline(_argv(name, files), stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full on this system")
def test_a_full_standard_error_does_not_stop_the_import(files: dict[str, Path], tmp_path: Path) -> None:
    # The import's report cannot be said: the timeline is still written, and the exit says so.
    out = tmp_path / "out.yaml"
    with DEV_FULL.open("w") as full:
        done = _timeline(["import", str(files["tjs"]), "-o", str(out)], stdout=subprocess.PIPE, stderr=full)
    assert done.returncode == 1
    assert load([out]).timeline.events[0].title == "A"


def test_a_closed_standard_output_does_not_matter_to_export_to_a_file(
    files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.md"
    done = _stdout_closed(["export", str(files["good"]), "-o", str(out)])
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("# ")


# -- export -o: what it may replace ------------------------------------------------------------------


@pytest.fixture(scope="module")
def exports() -> dict[str, bytes]:
    """Each format's export of the bundled timeline, and of one event of it (an earlier export)."""
    tl = load([ROOT / "events.yaml"]).timeline
    out = {}
    for fmt in EXPORTS:
        out[fmt] = export_text(fmt, tl, range(len(tl.events))).encode("utf-8")
        out[f"{fmt}-one"] = export_text(fmt, tl, [3]).encode("utf-8")
    return out


@pytest.mark.parametrize("fmt", EXPORTS)
def test_each_format_knows_its_own_exports_and_no_other(fmt: str, exports: dict[str, bytes]) -> None:
    recognise = FORMATS[fmt].earlier_export
    assert recognise is not None
    assert recognise(exports[fmt]) and recognise(exports[f"{fmt}-one"])
    for other in EXPORTS:
        if other != fmt:
            assert not recognise(exports[other]), other
    assert not recognise((ROOT / "events.yaml").read_bytes())
    assert not recognise(b"# Notes\n\nMy own notes, with a heading.\n")
    assert not recognise(b"\xff\xfe\x00garbage")
    # TimelineJS files and sheets someone else wrote (the user's own sources, perhaps)
    for real in sorted((ROOT / "tests" / "data" / "timelinejs").iterdir()):
        if real.suffix in (".json", ".csv"):
            assert not recognise(real.read_bytes()), real.name


def test_a_timeline_is_not_replaced_without_force(files: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "keep.yaml"
    before = files["good"].read_bytes()
    target.write_bytes(before)
    for fmt in EXPORTS:
        done = _timeline(["export", str(files["good"]), "-f", fmt, "-o", str(target)], capture_output=True)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [  # the one line, not buried under a usage message
            (
                f"timeline: {target} exists and is not an earlier {FORMATS[fmt].title} export; "
                "give --force to replace it"
            )
        ]
        assert target.read_bytes() == before
    done = _timeline(["export", str(files["good"]), "-o", str(target), "--force"], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("fmt", EXPORTS)
def test_an_earlier_export_in_the_same_format_is_replaced(
    fmt: str, files: dict[str, Path], tmp_path: Path, exports: dict[str, bytes]
) -> None:
    target = tmp_path / f"out{FORMATS[fmt].extension}"
    target.write_bytes(exports[f"{fmt}-one"])  # a filtered export made earlier
    done = _timeline(["export", str(files["good"]), "-f", fmt, "-o", str(target)], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == exports[fmt]


def test_another_formats_export_is_named(exports: dict[str, bytes], tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(exports["csv"])
    assert replace_refusal("json", target) == "is a TimelineJS sheet (CSV) export"
    assert replace_refusal("csv", target) == ""


def test_nothing_there_an_empty_file_and_a_device_may_be_written(tmp_path: Path) -> None:
    assert replace_refusal("markdown", tmp_path / "new.md") == ""
    (tmp_path / "empty.md").touch()
    assert replace_refusal("markdown", tmp_path / "empty.md") == ""
    assert replace_refusal("markdown", os.devnull) == ""
    dangling = tmp_path / "link.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    assert replace_refusal("markdown", dangling) == ""


def test_a_link_to_a_timeline_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes((ROOT / "events.yaml").read_bytes())
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert replace_refusal("markdown", link) == "is not an earlier Markdown export"


# -- standard output in an encoding that cannot hold the text -------------------------------------


def _in_ascii(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """``timeline ARGS`` with standard output in ASCII (``PYTHONIOENCODING=ascii``: a Windows console
    or an old locale); its bytes as they come."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "ascii"}
    argv = [sys.executable, "-m", "timeline", *args]
    return subprocess.run(argv, env=env, capture_output=True, timeout=120, check=False)


@pytest.mark.parametrize("fmt", EXPORTS)
def test_an_export_to_standard_output_is_the_files_bytes_whatever_its_encoding(
    fmt: str, files: dict[str, Path], exports: dict[str, bytes]
) -> None:
    """An export is a file (a page that says it is UTF-8): the same bytes as ``-o`` writes."""
    done = _in_ascii(["export", str(files["good"]), "-f", fmt])
    assert done.returncode == 0 and b"cannot write" not in done.stderr, done.stderr
    assert done.stdout == exports[fmt]
    assert "Erdoğan".encode() in done.stdout or fmt == "ics"  # (folded across lines there)


def test_text_the_encoding_cannot_hold_is_one_line_naming_it(files: dict[str, Path]) -> None:
    """Not "it is closed" (the encoding's error is a ValueError, as a closed file's is)."""
    done = _in_ascii(["list", str(files["good"])])
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "timeline: cannot write to standard output: its encoding (ascii) has no '\\u2013' (U+2013); "
        "set PYTHONIOENCODING=utf-8"
    ]
