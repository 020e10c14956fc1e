"""One entry point for every export format, used by the command line and the app alike."""

from __future__ import annotations

from collections.abc import Sequence

from ..filters import Filter
from ..markdown import to_markdown
from ..model import Timeline
from . import EXPORT_FORMATS
from .jsonout import to_json
from .sheet import to_csv
from .timelinejs import timelinejs_text

__all__ = ["EXPORT_FORMATS", "export_text"]


def export_text(fmt: str, timeline: Timeline, rows: Sequence[int], flt: Filter | None = None) -> str:
    """The events at ``rows`` in format ``fmt`` (a key of :data:`EXPORT_FORMATS`)."""
    if fmt == "markdown":
        return to_markdown(timeline, rows, flt)
    if fmt == "timelinejs":
        return timelinejs_text(timeline, rows)
    if fmt == "csv":
        return to_csv(timeline, rows)
    if fmt == "json":
        return to_json(timeline, rows, flt.describe(timeline) if flt is not None else "")
    raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORT_FORMATS)}")
