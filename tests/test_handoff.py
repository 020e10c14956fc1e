"""Clipboard and browser hand-off: what the app may claim after `y`, `Y` and `o`."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tui.handoff import Delivery, clipboard_tools, copy_text, open_link


def test_tools_follow_the_session() -> None:
    def every(name: str) -> str:
        return "/usr/bin/" + name

    assert clipboard_tools({}, "linux", every) == []
    x11 = clipboard_tools({"DISPLAY": ":0"}, "linux", every)
    assert [c[0] for c in x11] == ["xclip", "xsel"]
    wayland = clipboard_tools({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", every)
    assert wayland[0] == ["wl-copy"]
    assert clipboard_tools({}, "darwin", every) == [["pbcopy"]]
    assert clipboard_tools({"WSL_DISTRO_NAME": "Debian"}, "linux", every) == [["clip.exe"]]
    # A tool that is not installed is not offered.
    assert clipboard_tools({"DISPLAY": ":0"}, "linux", lambda n: None) == []


def test_a_tool_that_works_is_named(tmp_path: Path) -> None:
    seen: list[tuple[list[str], str]] = []

    def run(command: Sequence[str], text: str) -> bool:
        seen.append((list(command), text))
        return command[0] == "xsel"

    got = copy_text("hello", tools=[["xclip"], ["xsel", "--clipboard", "--input"]], folder=tmp_path, run=run)
    assert got == Delivery(tool="xsel")
    assert [c[0] for c, _ in seen] == ["xclip", "xsel"]  # the failing one was tried first
    assert got.describe("the event") == "Copied the event to the clipboard (xsel)."
    assert not list(tmp_path.iterdir())  # nothing saved when the clipboard took it


def test_without_a_tool_the_text_is_saved_and_the_claim_is_modest(tmp_path: Path) -> None:
    got = copy_text("# Ümlaut\n", tools=[], folder=tmp_path / "sub", name="event.md")
    assert got.tool == "" and got.terminal
    assert got.saved == tmp_path / "sub" / "event.md"
    assert got.saved.read_text(encoding="utf-8") == "# Ümlaut\n"
    message = got.describe("the event")
    assert "Copied" not in message
    assert "OSC 52" in message and str(got.saved) in message


def test_a_real_tool_failing_falls_back(tmp_path: Path) -> None:
    # A real process that exits non-zero: the exit status, not hope, decides.
    got = copy_text("x", tools=[["false"]], folder=tmp_path)
    assert got.tool == "" and got.saved is not None


def test_a_real_tool_that_reads_stdin(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    got = copy_text("abc ü", tools=[["sh", "-c", f"cat > {out}"]], folder=tmp_path / "f")
    assert got.tool == "sh"
    assert out.read_text(encoding="utf-8") == "abc ü"


def test_a_folder_that_cannot_be_made_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    got = copy_text("x", tools=[], folder=blocker / "sub")
    assert got.saved is None and got.terminal
    assert "saving it failed" in got.describe("the event")


def test_no_folder_at_all() -> None:
    got = Delivery(terminal=True, error="there is no folder to save it in")
    assert got.describe("the view") == (
        "Asked the terminal to copy the view (OSC 52; not every terminal allows it) "
        "but there is no folder to save it in."
    )


class _Graphical(webbrowser.BackgroundBrowser):
    def __init__(self, result: bool) -> None:
        super().__init__("firefox")
        self.result = result
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return self.result


def test_a_graphical_browser_is_used() -> None:
    browser = _Graphical(True)
    assert open_link("https://example.org/a b", get=lambda: browser) == "firefox"
    assert browser.opened == ["https://example.org/a b"]


def test_a_browser_that_did_not_start_is_reported() -> None:
    assert open_link("https://example.org", get=lambda: _Graphical(False)) == ""


def test_no_browser_at_all() -> None:
    def none() -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    assert open_link("https://example.org", get=none) == ""


def test_a_console_browser_is_never_started_over_the_app() -> None:
    class Lynx(webbrowser.GenericBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            raise AssertionError("a console browser would draw over the explorer")

    assert open_link("https://example.org", get=lambda: Lynx("lynx")) == ""


def test_only_web_links_are_opened() -> None:
    browser = _Graphical(True)
    assert open_link("file:///etc/passwd", get=lambda: browser) == ""
    assert open_link("javascript:alert(1)", get=lambda: browser) == ""
    assert browser.opened == []


def test_a_saved_file_comes_whole_on_a_line_of_its_own(tmp_path: Path) -> None:
    got = copy_text(
        "x", tools=[], folder=tmp_path / "a-rather-long-folder-name", name="bratislava-meeting-proposal.md"
    )
    assert got.saved is not None
    *words, path = got.describe("the event").split("\n")
    assert path == str(got.saved) and words[0].endswith("saved it to:")


def test_paths_are_shown_short_and_usable_from_the_shell(tmp_path: Path) -> None:
    from tui.handoff import shown_path

    home, cwd = tmp_path / "home", tmp_path / "home" / "work"
    assert shown_path(cwd / "out" / "a.md", cwd, home) == "out/a.md"
    assert shown_path(home / ".cache" / "v.md", cwd, home) == "~/.cache/v.md"
    assert shown_path(Path("/srv/x.md"), cwd, home) == "/srv/x.md"


def test_the_command_suggested_is_the_one_that_runs_this_program(tmp_path: Path) -> None:
    """After the README's quick start `timeline` is `.venv/bin/timeline`, not on the PATH."""
    from tui.handoff import own_command

    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    script = venv_bin / "timeline"
    script.write_text("#!/bin/sh\n")
    nowhere: Callable[[str], str | None] = lambda name: None  # noqa: E731
    assert own_command(str(script), which=nowhere) == str(script)
    assert own_command(str(script), which=lambda name: str(script)) == "timeline"  # on the PATH
    # Another `timeline` on the PATH is not this one: the path it was started by.
    other = tmp_path / "other-timeline"
    other.write_text("")
    assert own_command(str(script), which=lambda name: str(other)) == str(script)
    # Started as a module: this interpreter, as a module again.
    python = str(tmp_path / "my env" / "bin" / "python")
    assert own_command("/x/timeline/__main__.py", which=nowhere, python=python) == f"'{python}' -m timeline"


async def test_the_installed_copy_toast_suggests_commands_that_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled timeline inside the installed package: copy it, then open the copy with the
    command that started the app (not a bare `timeline`, which the quick start puts nowhere)."""
    from pilot import notifications, started, until

    import tui.app
    from timeline import bundled_path
    from tui.handoff import own_command

    monkeypatch.setattr(tui.app, "installed_copy", lambda path: True)
    app = tui.app.TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(60, 15)) as pilot:
        await started(app, pilot)
        shown = notifications(app, monkeypatch)
        await pilot.press("E")
        assert await until(pilot, lambda: bool(shown))
    lines = shown[0].splitlines()
    assert lines[-2].startswith("cp ") and lines[-2].endswith(" my-timeline.yaml")
    assert lines[-1] == f"{own_command()} my-timeline.yaml"
    assert not lines[-1].startswith("timeline ") or own_command() == "timeline"
