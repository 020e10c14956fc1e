"""What the screen looks like in the states that matter, at 120×40, 100×30, 80×24 and 60×15.

Review changed SVGs (pytest --snapshot-update, then the report) before accepting them.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from timeline import bundled_path
from tui.app import TimelineApp

SIZES = [(120, 40), (100, 30), (80, 24), (60, 15)]


def app() -> TimelineApp:
    # A fixed folder so the export dialog proposes the same path on every machine.
    return TimelineApp([bundled_path()], watch=False, folder=Path("/tmp"))


async def loaded(pilot: Pilot[int]) -> None:
    with contextlib.suppress(WorkerCancelled):
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[int]) -> None:
        await loaded(pilot)
        await pilot.press(*pressed)
        await pilot.pause()

    return run


STATES = {
    "opening": keys(),
    "actor_filter": keys("a", *"russia", "enter", "j"),
    "search": keys("slash", *"yevlakh"),
    "actor_picker": keys("a", *"kara"),
    "help": keys("question_mark"),
    "export_dialog": keys("a", *"russia", "enter", "e"),
    "detail_focused": keys("j", "tab", "pagedown"),
    "wrapped_titles": keys("w", "j", "j"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_screen(snap_compare, state: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app(), run_before=STATES[state], terminal_size=size)
