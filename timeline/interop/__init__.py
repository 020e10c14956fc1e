"""Doors in and out: TimelineJS JSON, its spreadsheet template as CSV, JSON for programs (and back).

Importers turn a foreign file into the text of a timeline YAML file (:mod:`.yamlout`),
reporting in an :class:`~.report.ImportReport` everything that had no place in our format;
exporters turn a loaded :class:`~timeline.model.Timeline` (or a filtered view of it) into text.
The formats, and what writes and reads each, are listed once, in :mod:`.formats`.
Nothing here imports Textual.
"""

from __future__ import annotations

from .report import ImportFailed, ImportReport

__all__ = ["ImportFailed", "ImportReport"]
