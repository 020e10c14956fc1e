"""One entry point for every export format, used by the command line and the app alike."""

from __future__ import annotations

from collections.abc import Sequence

from ..filters import Filter
from ..model import Timeline
from .formats import EXPORTS, FORMATS

__all__ = ["export_text"]


def export_text(fmt: str, timeline: Timeline, rows: Sequence[int], flt: Filter | None = None) -> str:
    """The events at ``rows`` in format ``fmt`` (one of :data:`~.formats.EXPORTS`)."""
    write = FORMATS[fmt].write if fmt in FORMATS else None
    if write is None:
        raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORTS)}")
    return write(timeline, rows, flt)
