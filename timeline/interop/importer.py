"""``timeline import``: recognise a file's format, read it, and write our YAML."""

from __future__ import annotations

import os

from ..sanitize import clean
from .formats import FORMATS, IMPORTS
from .report import ImportFailed, ImportReport
from .textin import head_text, refuse_unmarked_utf16
from .yamlout import dump

__all__ = ["detect", "import_text"]


def detect(name: str, data: bytes) -> str:
    """The name of the format ``data`` is in, from its content (not its name): the first of
    :data:`~.formats.IMPORTS` to recognise it; :class:`ImportFailed` if none does."""
    head = head_text(data).lstrip("\ufeff \t\r\n")
    for fmt in IMPORTS:
        recognise = FORMATS[fmt].recognise
        if recognise is not None and recognise(head):
            return fmt
    refuse_unmarked_utf16(name, data)  # which no format recognises: say what it is and the fix
    kinds = "; ".join(f"{FORMATS[f].title}: {FORMATS[f].looks_like}" for f in IMPORTS)
    raise ImportFailed(
        f"{name}:1:1: not a format 'timeline import' reads ({kinds}); give --format if it is one of them"
    )


def import_text(name: str, data: bytes, fmt: str | None = None) -> tuple[str, ImportReport, int]:
    """The YAML text of the timeline in ``data``, what could not be kept, and its number of events."""
    fmt = fmt or detect(name, data)
    read = FORMATS[fmt].read if fmt in FORMATS else None
    if read is None:
        raise ValueError(f"unknown import format {fmt!r}; formats: {', '.join(IMPORTS)}")
    report = ImportReport()
    # A title is one line: a file name may hold line breaks (and control characters, replaced).
    stem = clean(" ".join(os.path.splitext(os.path.basename(name))[0].split()))[0]
    default_title = stem or "Imported timeline"
    doc = read(name, data, report, default_title)
    header = [
        f"Imported from {os.path.basename(name)} ({FORMATS[fmt].title}) by 'timeline import'.",
        "Check it with: timeline check FILE",
    ]
    return dump(doc, header), report, len(doc["events"])
