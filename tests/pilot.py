"""Helpers the app's Pilot tests share (imported by them: ``tests/`` is on the path under pytest)."""

from __future__ import annotations

import contextlib
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


def notifications(app: App[Any], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages of the notifications the app shows from now on."""
    shown: list[str] = []
    real = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(message)
        real(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return shown
