"""``--since REV`` in the app: working out what changed (in a worker) and drawing it.

The model says everything (:mod:`timeline.since`): which events are new or changed, their marks,
the words. Here: the messages the worker posts, the work itself (git and a load of the timeline
at the revision, through the parse cache, off the app's thread), and the styles of the marks (the
detail pane styles its "Changed since" lines by their roles, as the rest of the detail). Every
piece of text from the file stays plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.message import Message

from timeline import LoadError, Timeline
from timeline.gitrev import GitError
from timeline.since import Since, compare

__all__ = ["MARK_STYLES", "SinceFailed", "SinceReady", "run_compare"]

#: The style of each mark in the rows and of its cells in the overview: the glyph says it without colour.
MARK_STYLES = {"+": "bold $success", "~": "bold $warning"}


@dataclass
class SinceReady(Message):
    """What changed since the revision, worked out for ``timeline`` (the one shown when it began)."""

    since: Since
    timeline: Timeline


@dataclass
class SinceFailed(Message):
    """It could not be worked out (the revision went away, the file at it is no timeline…): why."""

    message: str


def run_compare(
    rev: str,
    paths: Sequence[str],
    timeline: Timeline,
    *,
    max_bytes: int,
    cache: bool,
    post: Callable[[Message], object],
) -> None:
    """Work out what changed in ``timeline`` since ``rev`` and post it (in a worker thread)."""
    try:
        since = compare(rev, paths, timeline, max_bytes=max_bytes, cache=cache)
    except GitError as exc:
        post(SinceFailed(str(exc)))
        return
    except LoadError as exc:
        post(SinceFailed(str(exc.problems[0]) if exc.problems else f"{rev}: the timeline does not load"))
        return
    post(SinceReady(since, timeline))
