"""Usage errors: the failing command's short usage, one error line naming what may have been meant
("did you mean", built once in timeline.names), exit 2, nothing on standard output, no traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from clirun import run
from pilot import started

from timeline import FilterSpec, Timeline, UnknownEventError, bundled_path, load
from timeline import cli as cli_module
from timeline.cli import COMMANDS
from timeline.dates import DateError, parse_date
from timeline.datesuggest import teach
from timeline.interop.formats import EXPORTS
from timeline.model import KINDS
from timeline.names import did_you_mean, suggest, unknown
from timeline.problems import LoadError
from tui.app import TimelineApp


def usage(command: str, operands: str = "[FILE ...]") -> str:
    """The one usage line a refused ``timeline COMMAND`` starts with."""
    return f"usage: timeline {command} [OPTION ...] {operands}   (more: timeline {command} --help)"


# -- the one "did you mean" ------------------------------------------------------------------------


def test_suggest_finds_the_name_meant_and_not_every_name_alike() -> None:
    names = ["Russia", "United States", "USA", "Armenia"]
    assert suggest("Rusia", names) == ["Russia"]  # 'USA' is alike too, but much less
    assert suggest("rusia", names) == ["Russia"]  # in any case
    assert suggest("Meeting", KINDS) == ["meeting"]  # a name differing only in case is suggested
    assert suggest("zzz", names) == [] and suggest("", names) == [] and suggest("   ", names) == []
    assert suggest("Russia", ["Russia"]) == []  # never the name itself


def test_suggest_looks_at_the_words_of_a_name_when_no_whole_name_is_alike() -> None:
    names = ["Ilham Aliyev", "Nagorno-Karabakh", "talks", "direct-talks"]
    assert suggest("Aliev", names) == ["Ilham Aliyev"]
    assert suggest("karabah", names) == ["Nagorno-Karabakh"]
    assert suggest("talk", names) == ["talks"]  # alike as a whole: not also 'direct-talks'


def test_suggest_by_spelling_names_each_meaning_once() -> None:
    spellings = {
        "ru": "Russia",
        "Russia": "Russia",
        "Moscow": "Russia",
        "Kremlin": "Russia",
        "az": "Azerbaijan",
    }
    assert suggest("Moskow", spellings, meaning=spellings) == ["Russia"]
    assert suggest("Kremln", spellings, meaning=spellings) == ["Russia"]
    assert suggest("Rusia", spellings, meaning=spellings) == ["Russia"]


def test_suggest_gives_at_most_n_likeliest_first() -> None:
    ids = ["talks-1", "talks-2", "talks-3", "talks-4"]
    assert suggest("talks-5", ids) == ["talks-1", "talks-2", "talks-3"]
    assert suggest("talks-5", ids, n=1) == ["talks-1"]
    assert suggest("talks-22", ids) == ["talks-2"]


def test_did_you_mean_wording() -> None:
    assert did_you_mean([]) == ""
    assert did_you_mean(["talks"]) == "did you mean 'talks'?"
    assert did_you_mean(["a", "b", "c"]) == "did you mean 'a' or 'b' or 'c'?"
    assert did_you_mean(["3 March 1999"], quote=False) == "did you mean 3 March 1999?"


def test_unknown_lists_the_known_names_when_none_is_close_or_they_are_few() -> None:
    many = [f"tag-{n:02}" for n in range(30)] + ["talks"]
    assert unknown("tag", "talk", many) == "unknown tag 'talk'; did you mean 'talks'?"
    assert unknown("tag", "zzz", many) == f"unknown tag 'zzz'; known tags: {', '.join(many)}"
    assert unknown("outcome", "hld", ["held", "declined", "not-held", "pending"]) == (
        "unknown outcome 'hld'; did you mean 'held'? known outcomes: held, declined, not-held, pending"
    )
    assert unknown("id", "zzz", many, listing=False) == "unknown id 'zzz'"


def test_the_dates_suggestions_are_worded_the_same() -> None:
    with pytest.raises(DateError) as info:
        parse_date("1999 March 3")
    assert did_you_mean(["3 March 1999"], quote=False) in teach(str(info.value), "1999 March 3")
    with pytest.raises(DateError) as info:
        parse_date("3 Mrach 1999")
    assert did_you_mean(["3 March 1999"], quote=False) in teach(str(info.value), "3 Mrach 1999")


def test_the_model_names_what_was_meant(sample: Timeline) -> None:
    with pytest.raises(LookupError) as info:
        FilterSpec(actors=("Kremln",)).resolve(sample)  # an alias, mistyped: the actor's name
    assert str(info.value).startswith("unknown actor 'Kremln'; did you mean 'Russia'?")
    with pytest.raises(UnknownEventError) as event:
        sample.event_index("peacekeeper-talk")
    assert str(event.value) == "no event has the id 'peacekeeper-talk'; did you mean 'peacekeeper-talks'?"
    assert sample.event_index("peacekeeper-talks") == sample.by_id["peacekeeper-talks"]


# -- the command line ------------------------------------------------------------------------------

ACTORS = "Azerbaijan, European Union, Nagorno-Karabakh, Russia"
OUTCOMES = "held, declined, not-held, pending"

CASES = [
    # (the arguments after the file, the command's usage line, the error after "timeline CMD: error: ")
    (
        ["list", "--actor", "Rusia"],  # the sample's four actors are few enough to list beside it
        usage("list"),
        f"unknown actor 'Rusia'; did you mean 'Russia'? known actors: {ACTORS}",
    ),
    (
        ["list", "--actor", "Moskow"],  # an alias, mistyped: the actor's name is suggested
        usage("list"),
        f"unknown actor 'Moskow'; did you mean 'Russia'? known actors: {ACTORS}",
    ),
    (["list", "--actor", "Turkey"], usage("list"), f"unknown actor 'Turkey'; known actors: {ACTORS}"),
    (
        ["list", "--tag", "talk"],  # the sample's four tags are few enough to list beside it
        usage("list"),
        "unknown tag 'talk'; did you mean 'talks'? known tags: blockade, mediation, talks, war",
    ),
    (
        ["list", "--kind", "meetng"],  # the kinds are too many to list beside a suggestion
        usage("list"),
        "argument --kind: unknown kind 'meetng'; did you mean 'meeting'?",
    ),
    (
        ["export", "--outcome", "hld"],
        usage("export"),
        f"argument --outcome: unknown outcome 'hld'; did you mean 'held'? known outcomes: {OUTCOMES}",
    ),
    (
        ["list", "--links", "peacekeeper-talk"],
        usage("list"),
        "no event has the id 'peacekeeper-talk'; did you mean 'peacekeeper-talks'?",
    ),
    (["list", "--links", "zzz"], usage("list"), "no event has the id 'zzz'"),
    (["list", "--actr", "Russia"], usage("list"), "unknown option '--actr'; did you mean '--actor'?"),
    (["list", "--actr=Russia"], usage("list"), "unknown option '--actr'; did you mean '--actor'?"),
    (["export", "--serch", "x"], usage("export"), "unknown option '--serch'; did you mean '--search'?"),
    (["check", "--kind", "war"], usage("check"), "unknown option '--kind'"),
    (
        ["list", "--view", "declned"],
        usage("list"),
        "unknown view 'declned': the timeline names no views (views: in the file)",
    ),
    (
        ["export", "-f", "mardown"],
        usage("export"),
        "argument -f/--format: unknown value 'mardown'; did you mean 'markdown'? "
        f"known values: {', '.join(EXPORTS)}",
    ),
    (
        ["list", "--from", "2024", "--to", "2020"],
        usage("list"),
        "--from 2024 is after --to 2020: no event can match",
    ),
    (
        ["export", "--actor", "Rusia"],
        usage("export"),
        f"unknown actor 'Rusia'; did you mean 'Russia'? known actors: {ACTORS}",
    ),
]


@pytest.mark.parametrize(("argv", "usage_line", "error"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_usage_error_says_the_commands_usage_and_what_was_meant(
    capsys: pytest.CaptureFixture[str], sample_path: Path, argv: list[str], usage_line: str, error: str
) -> None:
    command = argv[0]
    code, out, err = run(capsys, command, sample_path, *argv[1:])
    assert (code, out) == (2, "")
    assert err.splitlines() == [usage_line, f"timeline {command}: error: {error}"]


def test_without_a_command_the_usage_is_opens(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    code, out, err = run(capsys, "--actr", "Russia", sample_path)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        usage("open"),
        "timeline open: error: unknown option '--actr'; did you mean '--actor'?",
    ]


def test_import_takes_one_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    code, out, err = run(capsys, "import", a, b)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        usage("import", "FILE"),
        "timeline import: error: import takes one FILE (got 2)",
    ]
    code, _, err = run(capsys, "import", "--format", "csvv", a)
    assert code == 2
    assert err.splitlines()[1] == (
        "timeline import: error: argument --format: unknown value 'csvv'; did you mean 'csv'? "
        "known values: timelinejs, csv, json"
    )


def test_schema_takes_no_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schema", "extra")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "usage: timeline schema [OPTION ...]   (more: timeline schema --help)",
        "timeline schema: error: schema takes no arguments (got 'extra')",
    ]


@pytest.mark.parametrize(("typed", "meant"), [("lst", "list"), ("chek", "check"), ("exprt", "export")])
def test_a_mistyped_command_is_not_taken_for_a_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    meant: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, typed, "--actor", "Russia")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "usage: timeline [COMMAND] [OPTION ...] [FILE ...]   (more: timeline --help)",
        f"timeline: error: unknown command {typed!r}; did you mean {meant!r}? "
        f"known commands: {', '.join(COMMANDS)}",
    ]


def test_a_file_of_that_name_is_opened_and_a_word_like_no_command_is_a_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sample_text: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lst").write_text(sample_text)
    opened: list[list[str]] = []

    def explorer(paths: list[str], spec: FilterSpec, **_: object) -> int:
        opened.append([str(p) for p in paths])
        return 0

    monkeypatch.setattr(cli_module, "find_explorer", lambda: explorer)
    assert run(capsys, "lst") == (0, "", "")
    assert opened == [["lst"]]
    code, out, err = run(capsys, "notes")  # like no command: a file, which is missing
    assert (code, out, err) == (1, "", "notes:1:1: cannot read file: No such file or directory\n")


def test_refusals_about_files_stay_one_line(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    code, out, err = run(capsys, "export", sample_path, "-o", sample_path)
    assert (code, out) == (2, "")
    assert err == f"timeline: {sample_path} is a timeline being exported; write the export to another file\n"


def test_help_still_gives_the_whole_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--help")
    assert code == 0
    assert out.startswith("usage: timeline list [-h]") and "--actor NAME" in out


def test_in_a_shell(tmp_path: Path) -> None:
    """As a person types it: the bundled timeline, the real process, its exit status."""
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "list", "--actor", "Rusia", "--tag", "talks"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [
        usage("list"),
        "timeline list: error: unknown actor 'Rusia'; did you mean 'Russia'?",  # of 16: not listed
    ]
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "list", "--tag", "talk"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[1] == "timeline list: error: unknown tag 'talk'; did you mean 'talks'?"


# -- the explorer says the same ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (FilterSpec(actors=("Rusia",)), "timeline: unknown actor 'Rusia'; did you mean 'Russia'?"),
        (FilterSpec(tags=("talk",)), "timeline: unknown tag 'talk'; did you mean 'talks'?"),
    ],
)
async def test_the_explorer_names_what_was_meant(spec: FilterSpec, message: str) -> None:
    app = TimelineApp([bundled_path()], spec, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
    assert app.return_code == 2
    assert app.exit_message == message


def test_the_loaders_suggestions_stay(
    write_timeline: Callable[..., Path], timeline_text: Callable[..., str], event_text: Callable[..., str]
) -> None:
    path = write_timeline(timeline_text(event_text("e1", kind="meating", actors="[rus]")))
    with pytest.raises(LoadError) as info:
        load([path])
    messages = [p.message for p in info.value.problems]
    assert any(
        "kind 'meating' is not one of the kinds; did you mean 'meeting'? kinds:" in m for m in messages
    )
    assert "unknown actor id 'rus'; did you mean 'ru'?" in messages


def test_a_usage_error_shows_no_control_character(capsys: pytest.CaptureFixture[str]) -> None:
    parser = cli_module._build_parser()
    with pytest.raises(SystemExit) as info:
        parser.error("unknown actor \x1b[2Jhere")
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "unknown actor \N{REPLACEMENT CHARACTER}[2Jhere" in err


# -- the explorer's start-up names: refused before the screen is taken over ------------------------


@pytest.fixture
def constructed(monkeypatch: pytest.MonkeyPatch) -> list[TimelineApp]:
    """The real explorer behind the command line, each app it makes recorded and not run (no
    terminal is taken over): what reached the app, or, empty, that it never started."""
    from tui import app as app_module

    made: list[TimelineApp] = []

    class Recording(app_module.TimelineApp):
        def run(self, *args: object, **kwargs: object) -> None:
            made.append(self)

    monkeypatch.setattr(app_module, "TimelineApp", Recording)
    monkeypatch.setattr(cli_module, "find_explorer", lambda: app_module.run_app)
    return made


START_UP = [
    (
        ["--at", "bratislava-meeting-proposl"],
        "no event has the id 'bratislava-meeting-proposl'; did you mean 'bratislava-meeting-proposal'?",
    ),
    (["--at", "nosuchevent"], "no event has the id 'nosuchevent'"),
    (["--view", "declind"], "unknown view 'declind'; did you mean 'declined'?"),
    (["--view", "nosuchview"], "unknown view 'nosuchview'; the views are: march-august-2023, declined"),
    (
        ["open", "--view", "march-augst-2023"],
        "unknown view 'march-augst-2023'; did you mean 'march-august-2023'?",
    ),
    (["--actor", "Armenai"], "unknown actor 'Armenai'; did you mean 'Armenia'?"),
    (["--tag", "blokade"], "unknown tag 'blokade'; did you mean 'blockade'?"),
    (
        ["--actor", "Armenia", "--at", "frist-war"],
        "no event has the id 'frist-war'; did you mean 'first-war'?",
    ),
    # the view is found first; its own 'at' is checked when the file is loaded
    (
        ["--view", "declined", "--at", "frist-war"],
        "no event has the id 'frist-war'; did you mean 'first-war'?",
    ),
]


@pytest.mark.parametrize(("argv", "error"), START_UP, ids=[" ".join(c[0]) for c in START_UP])
def test_an_unknown_start_up_name_is_refused_before_the_explorer_starts(
    capsys: pytest.CaptureFixture[str], constructed: list[TimelineApp], argv: list[str], error: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.splitlines() == [usage("open"), f"timeline open: error: {error}"]
    assert constructed == []  # never made, so never run: no screen drawn


def test_at_is_refused_in_the_words_show_uses(
    capsys: pytest.CaptureFixture[str], constructed: list[TimelineApp]
) -> None:
    _, _, shown = run(capsys, "show", "frist-war")
    _, _, opened = run(capsys, "--at", "frist-war")
    assert shown.splitlines()[1].removeprefix("timeline show: ") == opened.splitlines()[1].removeprefix(
        "timeline open: "
    )
    assert constructed == []


def test_known_start_up_names_still_open_the_explorer(
    capsys: pytest.CaptureFixture[str], constructed: list[TimelineApp]
) -> None:
    assert run(capsys, "--at", "bratislava-meeting-proposal") == (0, "", "")
    assert run(capsys, "open", "--view", "declined", "--lanes") == (0, "", "")
    first, second = constructed
    assert (first.state.at, first.state.view_name) == ("bratislava-meeting-proposal", None)
    assert (second.state.view_name, second.state.lanes) == ("declined", True)


def test_a_timeline_that_fails_to_load_is_said_before_a_bad_start_up_name(
    capsys: pytest.CaptureFixture[str], write_timeline: Callable[..., Path], constructed: list[TimelineApp]
) -> None:
    broken = write_timeline(
        bundled_path().read_text(encoding="utf-8").replace("kind: meeting", "kind: [meeting", 1)
    )
    with pytest.raises(LoadError) as info:
        load([broken])
    said = "".join(f"{problem}\n" for problem in info.value.problems)  # as the explorer says it
    for argv in (["--at", "nosuchevent"], ["--view", "nosuchview"]):
        assert run(capsys, broken, *argv) == (1, "", said)
    assert constructed == []


def test_an_unknown_start_up_name_in_a_shell_draws_no_screen(tmp_path: Path) -> None:
    """The real process with the real explorer: one refusal, and no terminal control sequence
    (the explorer's alternate screen, "\\x1b[?1049h", was drawn and cleared before the fix)."""
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "--at", "frist-war"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "\x1b" not in done.stderr
    assert done.stderr.splitlines() == [
        usage("open"),
        "timeline open: error: no event has the id 'frist-war'; did you mean 'first-war'?",
    ]
