"""Notifications at small sizes: one at a time, brief, compact, clear of the selected row; a
path in one whole on its line (issue 24's follow-up, item 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pilot import closed, notifications, settled, started, until
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget

import tui.app
from timeline import bundled_path
from timeline.filters import FilterSpec
from tui.app import COMPACT_TIMEOUT, TimelineApp
from tui.screens.export import ExportDialog, FormatSet
from tui.toasts import middle, toast_text_width, whole_lines
from tui.widgets.event_list import EventList

RUSSIA = FilterSpec(actors=("Russia",))


def toasts(app: TimelineApp) -> list[Widget]:
    """The toasts on screen (found by their CSS type: the class is not public), laid out."""
    return [toast for toast in app.screen.query("Toast") if toast.region.area]


def drawn(toast: Widget) -> list[str]:
    """A toast's lines as drawn, wrapped at its width."""
    return [strip.text.strip(" ▌") for strip in toast.render_lines(Region(0, 0, *toast.outer_size))]


def test_a_word_too_wide_is_shortened_in_the_middle_keeping_its_end() -> None:
    name = "azerbaijan-nagorno-karabakh-talks-actor-russia.timelinejs.json"
    assert middle(name, 80) == name
    short = middle(name, 40)
    assert len(short) == 40 and short.endswith("russia.timelinejs.json") and short.startswith("azerbaijan")
    assert short.count("…") == 1
    # Only lines that are one word: sentences wrap at their spaces as usual.
    said = f"Exported 16 events as TimelineJS JSON to a file with a long name:\n{name}"
    assert whole_lines(said, 40).splitlines() == [said.splitlines()[0], short]
    # The toast is as wide as its longest line, within the screen.
    assert toast_text_width(60, said) == 55 and toast_text_width(200, said) == len(said.splitlines()[0])


async def test_at_60_by_15_a_toast_replaces_the_last_briefly(monkeypatch: pytest.MonkeyPatch) -> None:
    """``o`` then ``y`` at 60×15: one toast at a time (the newest), for at most a few seconds,
    and the selected row stays in sight."""
    monkeypatch.setattr("tui.app.open_link", lambda url: "")  # no browser: the link is shown
    monkeypatch.setattr("tui.handoff.clipboard_tools", list)  # no tool: saved to a file
    timeouts: list[float | None] = []
    real = App.notify

    def notify(self: App[Any], message: str, **kwargs: Any) -> None:
        timeouts.append(kwargs.get("timeout"))
        real(self, message, **kwargs)

    monkeypatch.setattr(App, "notify", notify)  # what the app hands to Textual
    app = TimelineApp([bundled_path()], RUSSIA, watch=False)
    async with app.run_test(size=(60, 15), notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("j", "j", "o")
        assert await until(pilot, lambda: len(toasts(app)) == 1)
        await pilot.press("y")
        assert await until(pilot, lambda: any("saved it to" in " ".join(drawn(t)) for t in toasts(app)))
        await settled(pilot, lambda: [t.region for t in toasts(app)])
        [toast] = toasts(app)
        assert len(timeouts) == 2 and all(t is not None and t <= COMPACT_TIMEOUT for t in timeouts), timeouts
        row = app.query_one(EventList).cursor_region
        assert row is not None and not row.overlaps(toast.region), (row, toast.region)
        # The file it was saved to, whole on its line (shortened in the middle where too wide).
        lines = drawn(toast)
        assert lines[-1].endswith(".md") and " " not in lines[-1], lines
        assert lines[-1].startswith(("~/", "/")) and len(lines[-1]) <= toast.content_region.width, lines


async def test_the_exported_file_is_named_whole_on_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tui.app, "COMPACT_TIMEOUT", 600.0)  # on screen while the test looks
    app = TimelineApp([bundled_path()], RUSSIA, watch=False, folder=tmp_path)
    said = notifications(app, monkeypatch)
    async with app.run_test(size=(60, 15), notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        assert await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one(FormatSet).focus()
        await pilot.press("right", "enter")
        await closed(pilot)
        assert await until(pilot, lambda: bool(toasts(app)))
        await settled(pilot, lambda: [drawn(t) for t in toasts(app)])
        [toast] = toasts(app)
        name = app.state.export_name("timelinejs")
        assert (tmp_path / name).exists() and said[-1].endswith(name)
        lines = drawn(toast)
        width = toast.content_region.width
        assert len(name) > width  # too wide for the toast: shortened, not broken
        assert lines[-1] == middle(name, width), lines
        assert "TimelineJS" in lines[0], lines


async def test_a_tall_toast_rises_to_the_top_rather_than_cover_the_selected_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tui.app, "COMPACT_TIMEOUT", 600.0)
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(60, 15), notifications=True) as pilot:
        await started(app, pilot)
        events = app.query_one(EventList)
        # The selection on the list's last row in sight, where a tall toast at the bottom lands.
        for _ in range(20):
            await pilot.press("j")
            row = events.cursor_region
            if row is not None and row.y >= events.scrollable_content_region.bottom - 1:
                break
        await settled(pilot, lambda: events.cursor_region)
        row = events.cursor_region
        assert row is not None and row.y == events.scrollable_content_region.bottom - 1, row
        app.notify("A message of several lines,\none\ntwo\nthree\nfour\nfive", markup=False)
        assert await until(pilot, lambda: bool(toasts(app)))
        await settled(pilot, lambda: [t.region for t in toasts(app)])
        [toast] = toasts(app)
        assert not toast.region.overlaps(row), (toast.region, row)
        status = app.query_one("#status").region
        assert not toast.region.overlaps(status)
