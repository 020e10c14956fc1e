"""The ``timeline`` command (list, export, check, errors) and the atomic writes behind ``export -o``."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clirun import run

from timeline import __version__
from timeline.atomic import WriteError, cleanup_stale, write_atomic
from timeline.cli import main
from timeline.interop.formats import export_format_of
from timeline.markdown import escape

ROOT = Path(__file__).resolve().parent.parent
Write = Callable[..., Path]

SAMPLE_LIST = [
    "1991–1994\tFirst war\tAzerbaijan, Nagorno-Karabakh",
    "12 May 1994\tBishkek ceasefire\tAzerbaijan, Nagorno-Karabakh, Russia",
    "Mar 2023\tTalks mediated by peacekeepers\tAzerbaijan, Nagorno-Karabakh, Russia",
    "15 Jul 2023\tLeaders meet in Brussels\tAzerbaijan, European Union",
    "early Aug 2023\tTalks proposed\tAzerbaijan, Nagorno-Karabakh",
    "Aug 2023\tStatement on the blockade\tNagorno-Karabakh",
    "18 Sep 2023\tOffer of a new round\tRussia",
]


def shell(*argv: str, cwd: Path | str = "/tmp") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "timeline", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


# -- list -------------------------------------------------------------------------------------


def test_list_prints_date_title_actors_in_order(
    capsys: pytest.CaptureFixture[str], sample_path: Path
) -> None:
    code, out, err = run(capsys, "list", sample_path)
    assert (code, err) == (0, "")
    assert out.splitlines() == SAMPLE_LIST
    assert out.endswith("\n")


def test_list_with_filters(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    code, out, _ = run(capsys, "list", sample_path, "--actor", "BAKU", "--kind", "meeting")
    assert code == 0
    assert out.splitlines() == [SAMPLE_LIST[2], SAMPLE_LIST[3]]
    code, out, _ = run(capsys, "list", sample_path, "--from", "1993", "--to", "1993")
    assert out.splitlines() == [SAMPLE_LIST[0]]
    code, out, _ = run(capsys, "list", sample_path, "--actor", "ru", "--actor", "artsakh", "--match", "all")
    assert out.splitlines() == [SAMPLE_LIST[1], SAMPLE_LIST[2]]
    code, out, _ = run(
        capsys, "list", sample_path, "--search", "stepanakert refused", "--outcome", "declined"
    )
    assert out.splitlines() == [SAMPLE_LIST[4]]
    code, out, _ = run(capsys, "list", sample_path, "--tag", "blockade")
    assert out.splitlines() == [SAMPLE_LIST[5]]


def test_list_with_no_match_prints_nothing(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    assert run(capsys, "list", sample_path, "--from", "2030") == (0, "", "")


def test_warnings_go_to_stderr_and_do_not_fail(
    capsys: pytest.CaptureFixture[str], write_timeline: Write, timeline_text: Callable[..., str]
) -> None:
    text = timeline_text().replace("Something happened", '"Some\\u202ething"')
    path = write_timeline(text)
    code, out, err = run(capsys, "list", path)
    assert code == 0
    assert out == "5 Jul 2023\tSome\ufffdthing\tAzerbaijan\n"
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: warning: .*U\+202E.*\n", err)


# -- export -----------------------------------------------------------------------------------


def test_export_to_stdout(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    code, out, err = run(capsys, "export", sample_path)
    assert (code, err) == (0, "")
    assert out.startswith("# Sample talks\n")
    assert "All 7 events." in out
    assert [line for line in out.splitlines() if line.startswith("## ")] == ["## 1991", "## 1994", "## 2023"]


def test_export_filtered_says_so(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    code, out, _ = run(capsys, "export", sample_path, "--actor", "eu")
    assert code == 0
    assert "1 of 7 events, filtered by actor: European Union." in out  # ":" starts nothing here
    assert [line for line in out.splitlines() if line.startswith("### ")] == [
        '### <a id="event-brussels-meeting"></a>15 Jul 2023 · Leaders meet in Brussels'
    ]


def test_export_to_a_file_equals_stdout_and_is_reproducible(
    capsys: pytest.CaptureFixture[str], sample_path: Path, tmp_path: Path
) -> None:
    _, stdout_text, _ = run(capsys, "export", sample_path)
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    code, out, err = run(capsys, "export", sample_path, "-o", first)
    assert (code, out) == (0, "")
    assert err == f"timeline: wrote 7 events to {first}\n"
    run(capsys, "export", sample_path, "--output", second)
    assert first.read_bytes() == stdout_text.encode("utf-8")
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("talks.html", "html"),
        ("TALKS.HTML", "html"),
        ("talks.htm", "html"),
        ("notes.markdown", "markdown"),
        ("t.timelinejs.json", "timelinejs"),
        ("t.json", "json"),
        ("t.csv", "csv"),
        ("t.ics", "ics"),
        ("t.md", "markdown"),
        ("t.txt", "markdown"),
        ("t", "markdown"),
    ],
)
def test_export_without_a_format_writes_the_one_the_files_name_asks_for(
    capsys: pytest.CaptureFixture[str], sample_path: Path, tmp_path: Path, name: str, fmt: str
) -> None:
    target = tmp_path / name
    code, _, err = run(capsys, "export", sample_path, "-o", target)
    assert (code, err) == (0, f"timeline: wrote 7 events to {target}\n")
    _, given, _ = run(capsys, "export", sample_path, "-f", fmt)
    assert target.read_bytes() == given.encode("utf-8")
    assert export_format_of(name) == (None if name in ("t.txt", "t") else fmt)


def test_export_with_a_format_its_files_name_does_not_ask_for_writes_it_and_says_so(
    capsys: pytest.CaptureFixture[str], sample_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "talks.html"
    code, _, err = run(capsys, "export", sample_path, "-f", "markdown", "-o", target)
    assert code == 0
    assert err.splitlines() == [
        f"timeline: note: {target} is named for HTML; writing Markdown, as -f markdown asks",
        f"timeline: wrote 7 events to {target}",
    ]
    assert target.read_text("utf-8").startswith("# ")
    # an earlier web page exported there is replaced by a later one without -f
    code, _, err = run(capsys, "export", sample_path, "-f", "html", "-o", target, "--force")
    assert code == 0 and "note" not in err
    code, _, err = run(capsys, "export", sample_path, "--actor", "eu", "-o", target)
    assert (code, err) == (0, f"timeline: wrote 1 event to {target}\n")
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_export_to_a_file_counts_in_the_singular(
    capsys: pytest.CaptureFixture[str], sample_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "one.md"
    code, _, err = run(capsys, "export", sample_path, "--actor", "eu", "-o", target)
    assert (code, err) == (0, f"timeline: wrote 1 event to {target}\n")
    assert "</a>15 Jul 2023 · Leaders meet in Brussels\n" in target.read_text()


def test_export_dash_means_stdout(
    capsys: pytest.CaptureFixture[str], sample_path: Path, tmp_path: Path
) -> None:
    _, plain, _ = run(capsys, "export", sample_path)
    code, out, _ = run(capsys, "export", sample_path, "-o", "-")
    assert (code, out) == (0, plain)


def test_export_refuses_to_overwrite_a_timeline_it_reads(
    capsys: pytest.CaptureFixture[str], sample_path: Path, sample_text: str
) -> None:
    other_spelling = sample_path.parent / "." / sample_path.name
    code, out, err = run(capsys, "export", sample_path, "-o", other_spelling)
    assert (code, out) == (2, "")
    assert "timeline being exported" in err
    assert sample_path.read_text() == sample_text


@pytest.mark.parametrize("where", ["missing-folder/out.md", "."])
def test_export_to_an_unwritable_place_fails_cleanly(
    capsys: pytest.CaptureFixture[str], sample_path: Path, tmp_path: Path, where: str
) -> None:
    target = tmp_path / where
    code, out, err = run(capsys, "export", sample_path, "-o", target)
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("timeline: cannot write: ")


# -- check ------------------------------------------------------------------------------------


def test_check_valid_prints_one_summary_line(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    code, out, err = run(capsys, "check", sample_path)
    assert (code, err) == (0, "")
    assert out == f"{sample_path}: valid: 7 events, 4 actors, 2 sources, 1991–2023\n"


def test_check_counts_in_the_singular(
    capsys: pytest.CaptureFixture[str], write_timeline: Write, head_text: str, event_text: Callable[..., str]
) -> None:
    head = (
        head_text.split("  nk:")[0] + head_text[head_text.index("sources:") :].split("  s2:")[0] + "events:\n"
    )
    path = write_timeline(head + event_text("e1"))
    code, out, _ = run(capsys, "check", path)
    assert (code, out) == (0, f"{path}: valid: 1 event, 1 actor, 1 source, 2023\n")


def test_check_invalid_prints_located_problems(
    capsys: pytest.CaptureFixture[str],
    write_timeline: Write,
    timeline_text: Callable[..., str],
    event_text: Callable[..., str],
    locate: Callable[..., tuple[int, int]],
) -> None:
    text = timeline_text(
        event_text("e1", kind="statment"),
        event_text("e2", date="2023-02-30"),
        event_text("e3", actors="[turkey]"),
    )
    path = write_timeline(text)
    code, out, err = run(capsys, "check", path)
    assert code == 1
    lines = out.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        "{}:{}:{}".format(path, *locate(text, needle)) for needle in ("statment", "2023-02-30", "turkey")
    ]
    assert err == f"3 problems found in {path}\n"


# -- usage errors -----------------------------------------------------------------------------


def test_unknown_actor_exits_2_listing_known_actors(
    capsys: pytest.CaptureFixture[str], sample_path: Path
) -> None:
    code, out, err = run(capsys, "list", sample_path, "--actor", "Turkey")
    assert (code, out) == (2, "")
    assert "unknown actor 'Turkey'" in err
    assert "known actors: Azerbaijan, European Union, Nagorno-Karabakh, Russia" in err


@pytest.mark.parametrize("command", ["list", "export"])
def test_bad_from_date_exits_2(capsys: pytest.CaptureFixture[str], sample_path: Path, command: str) -> None:
    code, out, err = run(capsys, command, sample_path, "--from", "2023-13")
    assert (code, out) == (2, "")
    assert "--from" in err and "month 13" in err


def test_unknown_kind_exits_2(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    code, _, err = run(capsys, "list", sample_path, "--kind", "meetings")
    assert code == 2
    assert "meetings" in err


@pytest.mark.parametrize("size", ["abc", "", "nan", "inf", "1e400", "0", "-5M"])
def test_bad_max_size_exits_2(capsys: pytest.CaptureFixture[str], sample_path: Path, size: str) -> None:
    code, out, err = run(capsys, "check", sample_path, "--max-size", size)
    assert (code, out) == (2, "")
    assert "--max-size" in err


@pytest.mark.parametrize(
    ("size", "limit"), [("10k", None), ("1.5M", None), ("3KB", None), ("2k", "2,048"), ("100", "100")]
)
def test_max_size(
    capsys: pytest.CaptureFixture[str], sample_path: Path, size: str, limit: str | None
) -> None:
    assert 2048 < sample_path.stat().st_size < 3072
    code, out, _ = run(capsys, "check", sample_path, "--max-size", size)
    if limit is None:
        assert code == 0
    else:
        assert code == 1
        assert f"over the limit of {limit} bytes" in out


@pytest.mark.parametrize(
    "argv", [["--help"], ["-h"], ["list", "--help"], ["export", "--help"], ["check", "-h"]]
)
def test_help_exits_0(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.startswith("usage: timeline")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"timeline {__version__}\n", "")
    for command in ("list", "export", "check", "open"):
        assert run(capsys, command, "--version") == (0, f"timeline {__version__}\n", "")


def test_a_reversed_date_range_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], sample_path: Path
) -> None:
    code, out, err = run(capsys, "list", sample_path, "--from", "2024", "--to", "2020")
    assert (code, out) == (2, "")
    assert "--from 2024 is after --to 2020" in err


def test_the_same_file_given_twice_is_loaded_once(
    capsys: pytest.CaptureFixture[str], sample_path: Path
) -> None:
    once = run(capsys, "list", sample_path)
    twice = run(capsys, "list", sample_path, sample_path.parent / "." / sample_path.name)
    assert once == twice and once[0] == 0


# -- files that cannot be read ------------------------------------------------------------------


def problem_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if re.match(r".+:\d+:\d+: ", line)]


@pytest.mark.parametrize("command", ["list", "export", "check"])
def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nope.yaml"
    code, out, err = run(capsys, command, missing)
    assert code == 1
    output = out + err
    lines = problem_lines(output)
    assert len(lines) == 1
    assert re.fullmatch(rf"{re.escape(str(missing))}:1:1: .*No such file or directory", lines[0])


def test_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "list", tmp_path)
    assert (code, out) == (1, "")
    assert re.fullmatch(rf"{re.escape(str(tmp_path))}:1:1: .*is a directory.*\n", err)
    assert len(err.splitlines()) == 1


def test_binary_file(capsys: pytest.CaptureFixture[str], write_timeline: Write) -> None:
    path = write_timeline(b"title: x\n\x00\x01\x02\xff", "binary.yaml")
    code, out, err = run(capsys, "list", path)
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert re.fullmatch(rf"{re.escape(str(path))}:2:1: .*binary.*\n", err)


def test_not_utf8(capsys: pytest.CaptureFixture[str], write_timeline: Write) -> None:
    path = write_timeline("title: caf\u00e9\n".encode("latin-1"), "latin.yaml")
    code, out, err = run(capsys, "export", path)
    assert (code, out) == (1, "")
    assert re.fullmatch(rf"{re.escape(str(path))}:1:\d+: .*UTF-8.*\n", err)


def test_yaml_syntax_error(capsys: pytest.CaptureFixture[str], write_timeline: Write) -> None:
    path = write_timeline("title: [unclosed\nactors: {}\n", "broken.yaml")
    code, _, err = run(capsys, "list", path)
    assert code == 1
    assert len(problem_lines(err)) == 1 and "YAML" in err


def test_real_process_runs_from_another_directory() -> None:
    result = shell("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"timeline {__version__}\n"


def test_real_process_has_no_traceback_on_a_missing_file(tmp_path: Path) -> None:
    result = shell("list", str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert result.stdout == ""
    missing = re.escape(str(tmp_path / "missing.yaml"))
    assert re.fullmatch(rf"{missing}:1:1: .*No such file or directory\n", result.stderr)


# -- write_atomic -----------------------------------------------------------------------------------


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    assert write_atomic(target, "first\n") == target
    assert target.read_text() == "first\n"
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    write_atomic(str(target), "caf\u00e9")
    assert target.read_bytes() == "caf\u00e9".encode()
    assert leftovers(tmp_path) == []


def test_write_atomic_keeps_an_existing_files_mode(tmp_path: Path, umask: Callable[[int], None]) -> None:
    umask(0o022)
    target = tmp_path / "out.md"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert mode(target) == 0o640
    target.chmod(0o604)
    write_atomic(target, "newer")
    assert mode(target) == 0o604


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_write_atomic_gives_a_new_file_the_umask_mode(
    tmp_path: Path, umask: Callable[[int], None], mask: int, expected: int
) -> None:
    umask(mask)
    target = tmp_path / "new.md"
    write_atomic(target, "text")
    assert mode(target) == expected  # what open() would give, not the temp file's 0600


def test_write_atomic_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is a directory"):
        write_atomic(tmp_path, "text")


def test_write_atomic_refuses_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.md"
    with pytest.raises(WriteError) as info:
        write_atomic(target, "text")
    message = str(info.value)
    assert "does not exist" in message and str(target.parent) in message
    assert "\n" not in message
    assert not (tmp_path / "no").exists()


def test_write_atomic_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, "first", overwrite=False)
    assert target.read_text() == "first"
    with pytest.raises(WriteError, match="already exists"):
        write_atomic(target, "second", overwrite=False)
    assert target.read_text() == "first"
    assert leftovers(tmp_path) == []


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", ""])
    proc.wait()
    return proc.pid


def test_write_atomic_removes_stale_temp_files_of_dead_writers(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    stale = tmp_path / f".out.md.{dead_pid()}.deadbeef.tmp"
    alive = tmp_path / f".out.md.{os.getpid()}.cafef00d.tmp"  # a writer still running: kept
    other = tmp_path / f".other.md.{dead_pid()}.deadbeef.tmp"  # another target's: kept
    for path in (stale, alive, other):
        path.write_text("partial")
    write_atomic(target, "content")
    assert not stale.exists()
    assert alive.exists() and other.exists()
    assert target.read_text() == "content"
    assert cleanup_stale(target) == []


# -- opening the explorer ---------------------------------------------------------------------------


def test_open_hands_files_and_filters_to_the_registered_explorer(
    capsys: pytest.CaptureFixture[str], sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.cli as cli

    calls: list[tuple[object, ...]] = []

    def explorer(paths: list[str], spec: object, *, max_bytes: int, cache: bool) -> int:
        calls.append((paths, spec, max_bytes, cache))
        return 0

    monkeypatch.setattr(cli, "find_explorer", lambda: explorer)
    assert run(capsys, sample_path, "--actor", "Baku", "--search", "talks", "--no-cache")[0] == 0
    (paths, spec, _max_bytes, cache), *_ = calls
    assert paths == [str(sample_path)] and cache is False
    assert spec.actors == ("Baku",) and spec.text == "talks"  # type: ignore[attr-defined]


def test_open_hands_at_view_and_lanes_to_the_explorer_when_given(
    capsys: pytest.CaptureFixture[str],
    write_timeline: Callable[..., Path],
    sample_text: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import timeline.cli as cli

    sample_path = write_timeline(sample_text + "views:\n  - name: v\n    tags: [talks]\n")
    calls: list[dict[str, object]] = []
    monkeypatch.setattr(cli, "find_explorer", lambda: lambda paths, spec, **kwargs: calls.append(kwargs) or 0)
    assert run(capsys, sample_path, "--at", "first-war", "--view", "v", "--lanes")[0] == 0
    assert run(capsys, sample_path)[0] == 0
    assert calls[0] == {
        "max_bytes": calls[0]["max_bytes"],
        "cache": True,
        "at": "first-war",
        "view": "v",
        "lanes": True,
    }
    assert set(calls[1]) == {"max_bytes", "cache"}


def test_open_without_an_explorer_says_what_still_works(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.cli as cli

    monkeypatch.setattr(cli, "find_explorer", lambda: None)
    code, _out, err = run(capsys)
    assert code == 2 and "no explorer is installed" in err and "list, export and check" in err


def test_the_package_registers_the_textual_explorer() -> None:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    target = project["entry-points"]["timeline.explorer"]["textual"]
    module, _, name = target.partition(":")
    import importlib

    from tui.app import run_app

    assert getattr(importlib.import_module(module), name) is run_app


# -- dates as chronologies write them (issue 11) ------------------------------------------------


def test_check_refuses_a_misreadable_date_where_it_is_written(
    capsys: pytest.CaptureFixture[str],
    write_timeline: Write,
    timeline_text: Callable[..., str],
    event_text: Callable[..., str],
    locate: Callable[..., tuple[int, int]],
) -> None:
    text = timeline_text(
        event_text("a", date="12/7/1941"),
        event_text("b", date="Tuesday 20 September 2023"),
        event_text("c", date='"2023-09-20 13:00 AMT"'),
        event_text("d", date="27 Sep – 10 Nov 2020", end="2020-11-10"),
        event_text("e", date="1994–1991"),
    )
    path = write_timeline(text)
    code, out, err = run(capsys, "check", path)
    assert code == 1
    lines = out.splitlines()
    needles = ("12/7/1941", "Tuesday", '"2023-09-20 13:00 AMT"', "2020-11-10\n", "1994–1991")
    places = [locate(text, n) for n in needles]
    assert [line.split(": ", 1)[0] for line in lines] == ["{}:{}:{}".format(path, *p) for p in places]
    assert "1941-12-07" in lines[0] and "Wednesday" in lines[1] and "Asia/Yerevan" in lines[2]
    assert "range in date" in lines[3] and "before it starts" in lines[4]
    assert "Warning" not in err and "site-packages" not in err + out  # no library warning leaks


def test_list_orders_same_day_events_by_time(
    capsys: pytest.CaptureFixture[str],
    write_timeline: Write,
    timeline_text: Callable[..., str],
    event_text: Callable[..., str],
) -> None:
    # file order: the 13:00 ceasefire before the 06:00 shelling and the untimed day
    path = write_timeline(
        timeline_text(
            event_text("ceasefire", date='"2023-09-20 13:00"', title="Ceasefire"),
            event_text("shelling", date="2023-09-20T06:00", title="Shelling"),
            event_text("day", date="2023-09-20", title="The day"),
            event_text("offensive", date="2023-09-19 13:00", end="2023-09-20 13:00", title="Offensive"),
        )
    )
    code, out, _ = run(capsys, "list", path)
    assert code == 0
    assert [line.split("\t")[:2] for line in out.splitlines()] == [
        ["19 Sep 2023 13:00 – 20 Sep 2023 13:00", "Offensive"],
        ["20 Sep 2023", "The day"],
        ["20 Sep 2023 06:00", "Shelling"],
        ["20 Sep 2023 13:00", "Ceasefire"],
    ]
    code, out, _ = run(capsys, "list", path, "--from", "2023-09-20 12:00")
    assert [line.split("\t")[1] for line in out.splitlines()] == ["Offensive", "The day", "Ceasefire"]
    code, out, _ = run(capsys, "export", path)
    assert escape("19 September 2023 13:00 – 20 September 2023 13:00 (24 hours)") in out


def test_a_timezone_converts_and_orders_by_instant(
    capsys: pytest.CaptureFixture[str],
    write_timeline: Write,
    timeline_text: Callable[..., str],
    event_text: Callable[..., str],
    head_text: str,
) -> None:
    head = head_text.replace("title: Test timeline\n", "title: Test timeline\ntimezone: Asia/Baku\n")
    path = write_timeline(
        timeline_text(
            event_text("late", date="2023-09-20T09:30Z", title="Written in UTC"),
            event_text("early", date='"2023-09-20 13:00"', title="Written in Baku time"),
            head=head,
        )
    )
    code, out, _ = run(capsys, "list", path)
    assert code == 0
    assert out.splitlines() == [
        "20 Sep 2023 13:00\tWritten in Baku time\tAzerbaijan",
        "20 Sep 2023 13:30\tWritten in UTC\tAzerbaijan",
    ]
    code, out, _ = run(capsys, "export", path)
    assert escape("20 September 2023 13:30 Asia/Baku (written 2023-09-20T09:30Z)") in out


def test_an_unknown_timezone_is_located(
    capsys: pytest.CaptureFixture[str],
    write_timeline: Write,
    timeline_text: Callable[..., str],
    head_text: str,
    locate: Callable[..., tuple[int, int]],
) -> None:
    text = timeline_text(
        head=head_text.replace("title: Test timeline\n", "title: T\ntimezone: Mars/Olympus\n")
    )
    path = write_timeline(text)
    code, out, _ = run(capsys, "check", path)
    assert code == 1
    assert out.startswith("{}:{}:{}: unknown time zone 'Mars/Olympus'".format(path, *locate(text, "Mars")))


def test_bc_years_work_through_check_list_and_filters(
    capsys: pytest.CaptureFixture[str],
    write_timeline: Write,
    timeline_text: Callable[..., str],
    event_text: Callable[..., str],
) -> None:
    path = write_timeline(
        timeline_text(
            event_text("caesar", date="15 March 44 BC", title="Caesar"),
            event_text("alexander", date="-0322", title="Alexander dies"),
            event_text("heraclius", date="602–629", title="Roman-Persian war"),
            event_text("now", date="2023", title="Now"),
        )
    )
    code, out, _ = run(capsys, "check", path)
    assert (code, out.rstrip().rsplit(", ", 1)[-1]) == (0, "323 BC–2023")
    code, out, _ = run(capsys, "list", path, "--from", "400 BC", "--to", "1 AD")
    assert [line.split("\t")[:2] for line in out.splitlines()] == [
        ["323 BC", "Alexander dies"],
        ["15 Mar 44 BC", "Caesar"],
    ]
    code, out, _ = run(capsys, "export", path)
    assert "## 323 BC" in out and "## 602" in out and "602 – 629 (28 years)" in out


def test_an_order_that_depends_on_the_timezone_is_checked_with_it(
    capsys: pytest.CaptureFixture[str],
    write_timeline: Write,
    timeline_text: Callable[..., str],
    event_text: Callable[..., str],
    head_text: str,
    locate: Callable[..., tuple[int, int]],
) -> None:
    # 01:00 in Baku on the 20th is 21:00 UTC on the 19th: before the day it starts on, in UTC
    event = event_text("e", date="2023-09-20", end='"2023-09-20T01:00+04:00"')
    text = timeline_text(event)
    path = write_timeline(text)
    code, out, _ = run(capsys, "check", path)
    assert code == 1
    assert out.startswith("{}:{}:{}: event 'e' ends".format(path, *locate(text, '"2023-09-20T01:00')))
    head = head_text.replace("title: Test timeline\n", "title: Test timeline\ntimezone: Asia/Baku\n")
    path = write_timeline(timeline_text(event, head=head))
    code, out, _ = run(capsys, "list", path)
    assert (code, out.split("\t")[0]) == (0, "20 Sep 2023 – 20 Sep 2023 01:00")


@pytest.mark.parametrize(
    "argv",
    [
        ["--no-cache", "check"],
        ["--max-size", "1M", "check"],
        ["--max-size=1M", "--no-cache", "check"],
    ],
)
def test_shared_options_may_come_before_the_command(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # A person writes the options the README calls "shared by all commands" first too: the
    # command must still be the command, not a file name handed to the explorer.
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "valid:" in out


def test_options_before_a_file_still_open_the_explorer_on_it() -> None:
    from timeline.cli import _normalise_argv

    assert _normalise_argv(["--actor", "check", "my.yaml"]) == ["open", "--actor", "check", "my.yaml"]
    assert _normalise_argv(["--search", "talks", "list"]) == ["list", "--search", "talks"]
    assert _normalise_argv(["my.yaml"]) == ["open", "my.yaml"]


def test_a_missing_file_is_said_before_the_explorer_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.cli as cli

    opened: list[object] = []
    monkeypatch.setattr(cli, "find_explorer", lambda: lambda *a, **k: opened.append(a) or 0)
    missing = tmp_path / "nope.yaml"
    assert main([str(missing)]) == 1
    assert opened == []
    assert capsys.readouterr().err.strip() == f"{missing}:1:1: cannot read file: No such file or directory"


def test_year_headings_follow_the_first_day_of_decades(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "late 1990s" starts in 1997: it comes after 1991, not under a second "1990"; a period date
    # goes under a heading naming the period, as shown (README, Markdown export).
    path = tmp_path / "t.yaml"
    events = "".join(
        f"  - {{id: e{n}, date: '{date}', title: T{n}, kind: other, summary: S.}}\n"
        for n, date in enumerate(["1990s", "1991–94", "late 1990s", "2006"])
    )
    path.write_text(f"title: Decades\nevents:\n{events}", encoding="utf-8")
    assert main(["export", str(path)]) == 0
    headings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("## ")]
    assert headings == ["## 1990s", "## 1991", "## late 1990s", "## 2006"]


def test_a_time_with_an_offset_is_filtered_by_the_day_it_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Without a timezone: times are shown as written, so their day is the written one (23:30 at
    # -05:00 is the 21st in UTC, but the timeline says the 20th).
    path = tmp_path / "t.yaml"
    path.write_text(
        "title: T\nevents:\n"
        "  - {id: e, date: '2023-09-20T23:30-05:00', title: Late, kind: other, summary: S.}\n",
        encoding="utf-8",
    )
    assert main(["list", str(path), "--to", "2023-09-20"]) == 0
    assert capsys.readouterr().out.startswith("20 Sep 2023 23:30 -05:00\tLate")
    assert main(["list", str(path), "--from", "2023-09-21"]) == 0
    assert capsys.readouterr().out == ""


def test_times_at_several_offsets_without_a_timezone_are_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "title: T\nevents:\n"
        "  - {id: a, date: '2023-12-31T23:30-05:00', title: A, kind: other, summary: S.}\n"
        "  - {id: b, date: '2024-01-01T01:00+04:00', title: B, kind: other, summary: S.}\n",
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 0  # a warning, not an error
    out = capsys.readouterr()
    said = out.out + out.err
    assert "another UTC offset" in said and "timezone" in said
    assert "2023–2024" in said  # the years covered, from the earliest day, whatever the order
    path.write_text(path.read_text(encoding="utf-8").replace("title: T\n", "title: T\ntimezone: UTC\n"))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr()
    assert "another UTC offset" not in out.out + out.err


def test_a_file_name_never_sends_control_sequences_nor_yaml_into_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The name is text from outside too: an OSC sequence in it must not reach the terminal, and a
    # line break in it must not write a key into the imported YAML.
    name = tmp_path / "evil\x1b]0;PWN\x07\nrequire: [actors]\n#.json"
    name.write_text('{"events": [{"start_date": {"year": "2020"}, "text": {"headline": "H"}}]}')
    out = tmp_path / "out.yaml"
    assert main(["import", str(name), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert "\nrequire:" not in text
    assert main(["check", str(out)]) == 0
    missing = tmp_path / "gone\x1b[2J.yaml"
    assert main(["check", str(missing)]) == 1
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err


def test_check_reports_a_date_against_the_files_date_order_at_its_place(
    capsys: pytest.CaptureFixture[str],
    write_timeline: Write,
    timeline_text: Callable[..., str],
    event_text: Callable[..., str],
    head_text: str,
    locate: Callable[..., tuple[int, int]],
) -> None:
    text = timeline_text(
        event_text("a", date="03/04/2011"),
        event_text("b", date="12/31/1999"),
        head="date-order: day-first\n" + head_text,
    )
    path = write_timeline(text)
    code, out, _ = run(capsys, "check", path)
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith("{}:{}:{}: ".format(path, *locate(text, "12/31/1999")))
    assert "month first" in line and "date-order: day-first" in line and "1999-12-31" in line


def test_a_refused_date_option_suggests_a_spelling(
    capsys: pytest.CaptureFixture[str], sample_path: Path
) -> None:
    code, _, err = run(capsys, "list", sample_path, "--from", "1999 March 3")
    assert code == 2 and "did you mean 3 March 1999?" in err
