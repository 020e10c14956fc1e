"""Loading the timeline files (in a worker thread, or at once when they are small) and noticing changes.

Nothing here draws: the load reports through the messages of :mod:`tui.messages`, which the
app handles on its own thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from textual.message import Message

from timeline import LoadError, Timeline, load

from .messages import LoadProgress, TimelineFailed, TimelineLoaded

#: Files smaller than this (all together) are loaded before the first frame, so that it shows
#: the events (the bundled timeline, 82 kB, loads in a few tens of milliseconds); larger ones load in the
#: background, with progress in the status line.
SYNC_LOAD_BYTES = 1024 * 1024


class LoadCancelled(Exception):
    """The load was cancelled (the app is quitting, or a newer load started)."""


def total_size(paths: Sequence[str]) -> int | None:
    """The files' size together; None when one cannot be read (the load will say why)."""
    try:
        return sum(os.stat(p).st_size for p in paths)
    except OSError:
        return None


def loads_at_once(paths: Sequence[str]) -> bool:
    """Whether the files are small enough to load before the first frame."""
    size = total_size(paths)
    return size is not None and size < SYNC_LOAD_BYTES


def run_load(
    paths: Sequence[str],
    *,
    max_bytes: int,
    cache: bool,
    initial: bool,
    post: Callable[[Message], object],
    cancelled: Callable[[], bool] = lambda: False,
    index: bool = True,
    shown_wait: float = 0.0,
) -> None:
    """Load ``paths`` and post what came of it; then (``index``) build the search's word index.

    ``cancelled`` is asked every few thousand events: the load stops quietly when it says so.
    A fresh parse's cache entry is written after the post: when the app handles the message on
    another thread, once it has drawn the timeline (waiting up to ``shown_wait`` seconds), as
    writing it (about as long as the load at 10,000 events) would slow that frame.
    """

    def check() -> None:
        if cancelled():
            raise LoadCancelled

    def progress(fraction: float) -> None:
        check()
        post(LoadProgress(fraction))

    try:
        loaded = load(paths, max_bytes=max_bytes, cache=cache, progress=progress, write_later=True)
        loaded.timeline.prepare()  # the indexes filters and the panes use, built here, not in the UI
    except LoadCancelled:
        return
    except LoadError as exc:
        post(TimelineFailed(exc.problems, initial))
        return
    sent = TimelineLoaded(loaded, initial)
    post(sent)
    waited = 0.0
    while waited < shown_wait and not sent.shown.wait(0.05):
        if cancelled():
            return
        waited += 0.05
    loaded.write_cache()  # for the next start
    if index:
        build_index(loaded.timeline, cancelled)


def build_index(timeline: Timeline, cancelled: Callable[[], bool]) -> None:
    """Build the word index that keeps search quick as you type (until it is ready, search scans
    the events' text: the same rows, found more slowly: nothing on screen changes when it is)."""

    def check() -> None:
        if cancelled():
            raise LoadCancelled

    try:
        timeline.build_search_index(check)
    except LoadCancelled:
        return


class FileWatcher:
    """Notices when any of the files changes (its modification time or size), by polling."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = list(paths)
        self._signatures = self._stat()

    def _stat(self) -> list[tuple[int, int] | None]:
        out: list[tuple[int, int] | None] = []
        for path in self.paths:
            try:
                st = os.stat(path)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return out

    def changed(self) -> bool:
        """Whether a file changed since the last call (or since the watcher was made)."""
        signatures = self._stat()
        if signatures == self._signatures:
            return False
        self._signatures = signatures
        return True
