"""Helpers the app's Pilot tests share (imported by them: ``tests/`` is on the path under pytest)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled


async def started(app: App[Any], pilot: Pilot[Any]) -> None:
    """Wait for loading to finish (the app may have exited meanwhile)."""
    with contextlib.suppress(WorkerCancelled):
        await app.workers.wait_for_complete()
    await pilot.pause()


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


def notifications(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages of the notifications the app shows from now on."""
    shown: list[str] = []
    real = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(message)
        real(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return shown
