"""``timeline import``: recognise a file's format, read it, and write our YAML."""

from __future__ import annotations

import os

from ..sanitize import clean
from . import sheet, timelinejs
from .report import ImportFailed, ImportReport
from .yamlout import dump

__all__ = ["FORMAT_NAMES", "detect", "import_text"]

FORMAT_NAMES = {"timelinejs": "TimelineJS JSON", "csv": "TimelineJS sheet (CSV)"}


def detect(name: str, data: bytes) -> str:
    """``timelinejs`` or ``csv``, from the content (not the name); :class:`ImportFailed` if neither."""
    head = data[:4096].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return "timelinejs"
    if sheet.looks_like_sheet(head):
        return "csv"
    raise ImportFailed(
        f"{name}:1:1: neither TimelineJS JSON nor the TimelineJS sheet template as CSV "
        "(its first row names the columns Year, Month, Day, ..., Headline, Text); "
        "give --format if it is one of them"
    )


def import_text(name: str, data: bytes, fmt: str | None = None) -> tuple[str, ImportReport, int]:
    """The YAML text of the timeline in ``data``, what could not be kept, and its number of events."""
    fmt = fmt or detect(name, data)
    report = ImportReport()
    # A title is one line: a file name may hold line breaks (and control characters, replaced).
    stem = clean(" ".join(os.path.splitext(os.path.basename(name))[0].split()))[0]
    default_title = stem or "Imported timeline"
    reader = timelinejs.read if fmt == "timelinejs" else sheet.read
    doc = reader(name, data, report, default_title)
    header = [
        f"Imported from {os.path.basename(name)} ({FORMAT_NAMES[fmt]}) by 'timeline import'.",
        "Check it with: timeline check FILE",
    ]
    return dump(doc, header), report, len(doc["events"])
