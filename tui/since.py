"""``--since REV`` in the app: working out what changed (in a worker) and drawing it.

The model says everything (:mod:`timeline.since`): which events are new or changed, their marks,
the words. Here: the messages the worker posts, the work itself (git and a load of the timeline
at the revision, through the parse cache, off the app's thread), and the styles of the marks and
of the detail's "Changed since" lines. Every piece of text from the file stays plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message

from timeline import LoadError, Timeline
from timeline.gitrev import GitError
from timeline.since import Line, Since, compare

__all__ = ["MARK_STYLES", "SinceFailed", "SinceReady", "run_compare", "since_content"]

#: The style of each mark in the rows and of its cells in the overview: the glyph says it without colour.
MARK_STYLES = {"+": "bold $success", "~": "bold $warning"}

#: The style of each role of the detail's "Changed since" lines (see :data:`timeline.since.ROLES`).
ROLE_STYLES = {
    "heading": "bold",
    "label": "bold $text-muted",
    "old": "$text-error",
    "new": "$text-success",
    "same": "",
    "note": "italic $text-muted",
}


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


def since_content(lines: Sequence[Line]) -> Content:
    """The detail's "Changed since" lines as Content (each line ended by a newline)."""
    parts: list[Content | tuple[str, str] | str] = []
    for line in lines:
        parts += [(text, ROLE_STYLES.get(role, "")) for text, role in line if text]
        parts.append("\n")
    return Content.assemble(*parts)
