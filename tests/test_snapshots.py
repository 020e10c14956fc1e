"""What the screen looks like in the states that matter, at 120×40, 100×30, 80×24 and 60×15.

Review changed SVGs (pytest --snapshot-update, then the report) before accepting them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gitrepo import repo_fixture  # noqa: F401  (the fixture 'repo')
from pilot import closed, settled, started, until
from rich.color import Color, ColorSystem
from textual.pilot import Pilot
from textual.widgets import Input

import tui.app
from timeline import bundled_path
from tui.app import TimelineApp
from tui.palette import ANSI

SIZES = [(120, 40), (100, 30), (80, 24), (60, 15)]


def app() -> TimelineApp:
    # A fixed folder so the export dialog proposes the same path on every machine.
    return TimelineApp([bundled_path()], watch=False, folder=Path("/tmp"))


async def still(pilot: Pilot[int]) -> None:
    """Wait for a screen that no longer changes, with its text cursors shown steadily.

    A field's cursor blinks every half second, a never-ending change: where the picture is
    taken a moment later (on a busy machine) it would be gone. With the blink off, the cursor
    shows as it does half of the time, whenever the picture is taken. Then the picture is taken
    once the screen stays the same (the footer, for one, fills in its keys after the first frame).
    """
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await settled(pilot, pilot.app.export_screenshot)


#: In the keys of a state: wait here for the dialog open to close before pressing on.
CLOSED = "<closed>"


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[int]) -> None:
        await started(pilot.app, pilot)
        for key in pressed:
            if key == CLOSED:
                await closed(pilot)
            else:
                await pilot.press(key)
        await still(pilot)

    return run


STATES = {
    "opening": keys(),
    "actor_filter": keys("a", *"russia", "enter", CLOSED, "j"),
    "search": keys("slash", *"yevlakh"),
    "actor_picker": keys("a", *"kara"),
    "help": keys("question_mark"),
    "export_dialog": keys("a", *"russia", "enter", CLOSED, "e"),
    "detail_focused": keys("j", "tab", "pagedown"),
    "wrapped_titles": keys("w", "j", "j"),
    # The end of the detail: sources with their URLs indented under them, whole where they fit.
    "detail_sources": keys("tab", "end"),
    # The arrows choose the format: title, (•) and the name's end (its extension) all follow.
    "export_timelinejs": keys("a", *"russia", "enter", CLOSED, "e", "tab", "right"),
    # The link list's hint, in shorter words where narrow; the date fields' whole examples.
    "link_dialog": keys("l"),
    "date_dialog": keys("d"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_screen(snap_compare, state: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app(), run_before=STATES[state], terminal_size=size)


#: Issue 24: lanes for March–August 2023 (the bundled view, opened from the chooser) and the chooser.
LANE_STATES = {
    "lanes_march_august_2023": ([(120, 40), (80, 24)], keys("v", "enter", CLOSED)),
    "view_chooser": ([(60, 15), (120, 40)], keys("v")),
}


@pytest.mark.parametrize(
    ("state", "size"),
    [(state, size) for state, (sizes, _) in LANE_STATES.items() for size in sizes],
    ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else v,
)
def test_lanes_and_views(snap_compare, state: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app(), run_before=LANE_STATES[state][1], terminal_size=size)


class SixteenColours(TimelineApp):
    """The app, pictured as a terminal with 16 colours shows it: the app runs as it does under
    ``TERM=xterm`` (no ``COLORTERM``), and each colour of the picture becomes the ANSI colour
    Rich sends for it (in the shades of tui.palette.ANSI)."""

    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))  # (relative: to this file)

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        svg = super().export_screenshot(title=title, simplify=simplify)

        def as_sent(match: re.Match[str]) -> str:
            number = Color.parse(match.group()).downgrade(ColorSystem.STANDARD).number
            return ANSI[number or 0]

        return re.sub(r"#[0-9a-fA-F]{6}\b", as_sent, svg)


@pytest.mark.parametrize("size", [(120, 40), (60, 15)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", ["actor_filter"])
def test_screen_in_16_colours(snap_compare, monkeypatch, state: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TERM", "xterm")
    for name in ("COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)
    sixteen = SixteenColours([bundled_path()], watch=False, folder=Path("/tmp"))
    assert sixteen.console.color_system == "standard"
    assert snap_compare(sixteen, run_before=STATES[state], terminal_size=size)


#: The bundled timeline with its first event re-dated and retitled and an event added after it.
SINCE_ADDED = """
  - id: a-new-one
    date: 1993-04-30
    title: An event added since [b]not markup[/b]
    kind: statement
    actors: [armenia]
    summary: Something new.
    sources: [eurasianet-2023-08]"""


@pytest.mark.parametrize("size", [(120, 40), (60, 15)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_since_screen(snap_compare, repo, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """``--since HEAD``: the marks in the rows and the overview, the detail's "Changed since", the
    status line (a repository whose commit has a fixed hash: fixed names and dates)."""
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(name, "2024-01-01T12:00:00+00:00")
    text = bundled_path().read_text(encoding="utf-8")
    repo.commit(text, "the bundled timeline", name="events.yaml")
    changed = text.replace(
        "title: First Karabakh war ends in victory for the Armenian side",
        "title: First Karabakh war ends in an Armenian victory",
        1,
    ).replace('date: "1991"\n    end: "1994-05-12"', 'date: "1992"\n    end: "1994-05-12"', 1)
    first = changed.index("\n  - id:")
    repo.write(changed[:first] + SINCE_ADDED + changed[first:], "events.yaml")
    since_app = TimelineApp([repo.path / "events.yaml"], watch=False, folder=Path("/tmp"), since="HEAD")

    async def compared(pilot: Pilot[int]) -> None:
        await started(pilot.app, pilot)
        assert await until(pilot, lambda: since_app.state.since is not None)
        await still(pilot)

    assert snap_compare(since_app, run_before=compared, terminal_size=size)
