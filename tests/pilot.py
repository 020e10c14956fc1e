"""Helpers the app's Pilot tests share (imported by them: ``tests/`` is on the path under pytest)."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import pytest
from textual.app import App
from textual.message import Message
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

if TYPE_CHECKING:
    from tui.app import TimelineApp


#: How many more pauses ``pilot.pause()`` takes, at most, for the messages already sent to be handled.
DRAIN_LIMIT = 500

#: How many messages are being handled now, in any app of this process (see ``draining``).
handling = 0


def busy(app: App[Any]) -> bool:
    """Whether the app has work on its way: a message queued or being handled in any of its parts
    (the app, its screens, its widgets), a resize not yet made, or a refresh its screen has still
    to make (a layout, a repaint, the callbacks waiting for it): the keys a test typed, and what
    they set off, are still on their way."""
    if handling or getattr(app, "_resize_timer", None) is not None:  # (a resize waits 1/120 s for the next)
        return True
    pumps: list[Any] = [app, *app.screen_stack, *list(app._registry)]
    if any(p._pending_message or p._next_callbacks or not p._message_queue.empty() for p in pumps):
        return True
    screen: Any = app.screen
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
        or screen._callbacks
    )


def counting(real: Callable[[Any, Message], Awaitable[None]]) -> Callable[[Any, Message], Awaitable[None]]:
    """``MessagePump._dispatch_message`` that keeps ``handling`` up to date."""

    async def dispatch(self: Any, message: Message) -> None:
        global handling
        handling += 1
        try:
            await real(self, message)
        finally:
            handling -= 1

    return dispatch


def draining(real: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """``Pilot.pause`` that, when given no delay, also waits for every message already sent to be handled.

    Textual's pause waits until the process *looks* idle, by its CPU time. On a busy machine it
    looks idle while it is not scheduled, and the pause returns with keys still on their way: a
    key goes to the app, then to the focused widget, then bubbles back up through each parent,
    one queue at a time. So the test would check a state the keys have not made yet. This waits
    for the state instead: no message queued or being handled anywhere in the app. Installed for
    every test by ``conftest.py``, with ``counting``; ``DRAIN_LIMIT`` bounds it, for an app that
    never settles (a running animation), where it ends as Textual's own pause would.
    """

    async def pause(self: Pilot[Any], delay: float | None = None) -> None:
        await real(self, delay)
        if delay is None:
            for _ in range(DRAIN_LIMIT):
                if not busy(self.app):
                    return
                await real(self, None)

    return pause


async def started(app: TimelineApp, pilot: Pilot[Any], *, limit: int = 1000) -> None:
    """Wait for loading to finish: the timeline shown and its word index built, no worker left
    (or the app gone, as when the load failed).

    Waiting for the workers alone is not enough: ``run_test`` hands over before the app's first
    frame, and the app starts its background work (the load of a large file, the word index)
    only once that frame is drawn (``on_ready``). Until then there is no worker to wait for,
    and one starting later would run while the test goes on (on a busy machine, making every
    ``pilot.pause()`` wait a second for the process to look idle). ``limit`` bounds the pauses
    before that frame, to fail with a message rather than hang.
    """
    for _ in range(limit):
        if app.return_code is not None:
            return
        timeline = app.timeline
        if timeline is not None and timeline.search_index is not None:
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete()
            await pilot.pause()
            return
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
    raise AssertionError(f"still loading after {limit} pauses: {app.timeline!r}")


async def settled(pilot: Pilot[Any], look: Callable[[], object], *, calm: int = 2, limit: int = 50) -> None:
    """Pause until ``look()`` gives the same value ``calm`` pauses in a row.

    ``pilot.pause()`` waits until the process looks idle, by its CPU time: on a busy machine
    (the suite runs in several processes) it can return while a refresh that a message asked
    for is still to come. A test that compares what happened between two moments waits for
    what it looks at to stop changing instead.
    """
    last, same = look(), 0
    for _ in range(limit):
        await pilot.pause()
        now = look()
        same = same + 1 if now == last else 0
        if same >= calm:
            return
        last = now
    raise AssertionError(f"still changing after {limit} pauses: {last!r}")


async def until(pilot: Pilot[Any], check: Callable[[], object], *, limit: int = 500) -> bool:
    """Pause until ``check()`` is true; whether it became true within ``limit`` pauses.

    For a test to wait for the state it checks, not for a time: the app's work is done in
    hops (a message, then the idle handler, then a timer...), and each ``pilot.pause()`` lets
    the app take at least one; on a busy machine one pause may let it take only that one.
    The caller asserts the result, with the message that says what never came.
    """
    for _ in range(limit):
        if check():
            return True
        await pilot.pause()
    return bool(check())


async def closed(pilot: Pilot[Any]) -> None:
    """Wait until no dialog is open (the main screen is the app's screen again).

    Keys that arrive right behind the Enter or Esc that closes a dialog reach the dialog before
    it is gone: they are lost, or even change what the Enter chose. A user typing that fast is
    rare; ``pilot.press`` on a busy machine is not (between keys it waits only until the
    process looks idle, which it does while it is not scheduled). A test presses on once the
    dialog is closed.
    """
    assert await until(pilot, lambda: len(pilot.app.screen_stack) == 1), f"still open: {pilot.app.screen!r}"


def notifications(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages of the notifications the app shows from now on."""
    shown: list[str] = []
    real = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(message)
        real(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return shown
