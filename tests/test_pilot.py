"""The tests' own pause (``pilot.draining``): it waits for the keys a test typed to be handled,
even where Textual's wait for an idle process returns at once, as it does on a busy machine."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import textual.pilot
from pilot import busy, started
from textual import events

from timeline import bundled_path
from tui.app import TimelineApp
from tui.widgets.event_list import EventList
from tui.widgets.search_bar import SearchBar


async def _at_once(*args: Any, **kwargs: Any) -> None:
    """Textual's wait for an idle process, on a machine too busy to schedule the test's process: the
    CPU time did not move while it slept, so the process looks idle however much is still to do.
    It lets the event loop take one turn, and no more (no time passes)."""
    turn = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(turn.set_result, None)
    await turn


async def test_a_pause_waits_for_keys_still_on_their_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual.pilot, "wait_for_idle", _at_once)
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        # "/" moves the focus to the search field; Escape there hands it back; the "j"s behind
        # them go from the field to the list, and each bubbles up from the list to the app,
        # one queue at a time, before it moves the cursor
        for key, char in [("slash", "/"), ("k", "k"), ("escape", "\x1b"), ("j", "j"), ("j", "j")]:
            app.post_message(events.Key(key, char))
        assert busy(app)
        await pilot.pause()
        assert not busy(app)
        assert not app.query_one(SearchBar).display and app.focused is app.query_one(EventList)
        assert app.query_one(EventList).cursor == 2


async def test_a_resize_is_made_before_the_pause_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual.pilot, "wait_for_idle", _at_once)
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.resize_terminal(120, 40)  # (the app makes a resize 1/120 s after it hears of it)
        assert app.screen.size == (120, 40)
        assert app.query_one(EventList).size.height > 24 - 6
