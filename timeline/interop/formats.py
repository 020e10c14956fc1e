"""Every format timeline writes or reads, in one table: a new format is one entry here.

Each :class:`Format` says what the command line calls it (``-f NAME``), what the app's export
dialog calls it, how sentences and messages name it, the file name it proposes, one line of
help, and the functions that write it and read it where there are some. Everything that lists
formats reads this table: ``timeline export -f`` and ``timeline import --format`` (choices and
help), the app's export dialog (its choices, labels and proposed names), recognising an imported
file's format, and the exporters' entry points (:mod:`timeline.interop.export`). The
tests compare each of them with it, and the README's lists too (tests/test_formats.py), so they
say where the README needs a line for a new format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..filters import Filter
from ..markdown import to_markdown
from ..model import Timeline
from . import carried, ics, jsonin, sheet, timelinejs
from .html import GENERATOR, html_page
from .jsonout import FORMAT_NAME, to_json
from .report import ImportReport

__all__ = [
    "DEFAULT_EXPORT",
    "EXPORTS",
    "FORMATS",
    "IMPORTS",
    "Format",
    "Reader",
    "Writer",
    "export_format_of",
    "spoken",
]

#: Writes the events at the given rows of a timeline, with the filter that chose them (if any): as
#: text, or already in UTF-8 (the web page, made in bytes as it goes: see :func:`.html.html_page`).
Writer = Callable[[Timeline, Sequence[int], Filter | None], str | bytearray]

#: Reads (file name, bytes, report, default title) into the mapping of a timeline YAML file, noting
#: in the report what has no place in it; :class:`~.report.ImportFailed` if it is not this format.
Reader = Callable[[str, bytes, ImportReport, str], dict[str, Any]]


@dataclass(frozen=True)
class Format:
    """One format: its names, its file name, and what writes and reads it."""

    #: On the command line (``-f NAME``, ``--format NAME``), in the app and in tests.
    name: str
    #: In the app's export dialog, where space is short.
    label: str
    #: In sentences and messages (``imported 20 events from TimelineJS JSON``).
    title: str
    #: Ends the file name proposed for it; two formats never share one, so the name says which.
    extension: str
    #: One line for ``--help``.
    help: str
    write: Writer | None = None
    read: Reader | None = None
    #: Whether the start of a file's text (at most 4 KiB, BOM and leading blanks removed) is this format.
    recognise: Callable[[str], bool] | None = None
    #: What :attr:`recognise` looks for, in words, for the refusal when no format recognises a file.
    looks_like: str = ""
    #: Whether a file's bytes are an earlier export in this format, which ``export -o`` may
    #: replace without ``--force`` (anything else, a timeline above all, it refuses to replace).
    earlier_export: Callable[[bytes], bool] | None = None
    #: What an export in this format cannot hold of the events at the rows, one ``not kept: WHAT: N``
    #: line each, for a format no importer reads back (:func:`.roundtrip.export_losses` prints them).
    losses: Callable[[Timeline, Sequence[int]], list[str]] | None = None
    #: The rows an export in this format holds, where it must leave some out (an iCalendar date
    #: has no era); None: all of them. Read by :meth:`written`, which the messages count.
    kept: Callable[[Timeline, Sequence[int]], Sequence[int]] | None = None
    #: Other extensions a file of this format is often given (``.htm``): a name ending in one asks
    #: for it too (:func:`export_format_of`), though the name proposed has :attr:`extension`.
    also: tuple[str, ...] = ()

    @property
    def extensions(self) -> tuple[str, ...]:
        """Every extension that names this format: :attr:`extension`, then :attr:`also`."""
        return (self.extension, *self.also)

    def written(self, timeline: Timeline, rows: Sequence[int]) -> int:
        """How many of the events at ``rows`` an export in this format holds (``wrote N events``)."""
        return len(rows) if self.kept is None else len(self.kept(timeline, rows))

    def file_name(self, stem: str) -> str:
        """The file name proposed for an export of ``stem`` (a slug) in this format."""
        return stem + self.extension


def _json_object_or_list(head: str) -> bool:
    return head.startswith(("{", "["))


#: The line of a Markdown export that counts its events (see ``markdown._summary_line``).
_MARKDOWN_COUNT = re.compile(r"(?:All \d+ events?|\d+ of \d+ events(?:, filtered by .*)?)\.")
#: How much of a file is read to recognise an earlier export: the JSON formats are parsed whole.
_EXPORT_HEAD = 1 << 20


def _markdown_export(data: bytes) -> bool:
    """A Markdown export: a ``# title`` line, then before any year heading the line counting
    its events (``All 56 events.``, ``3 of 56 events, filtered by ...``)."""
    try:
        text = data[:_EXPORT_HEAD].decode("utf-8", "strict" if len(data) <= _EXPORT_HEAD else "ignore")
    except UnicodeDecodeError:
        return False
    lines = text.split("\n")
    if not lines[0].startswith("# "):
        return False
    for line in lines[1:]:
        if line.startswith("## "):
            return False
        if _MARKDOWN_COUNT.fullmatch(line):
            return True
    return False


def _json_document(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _html_export(data: bytes) -> bool:
    """Our page: an HTML document whose head names timeline-explorer as its generator."""
    head = data[:4096]
    return head.startswith(b"<!DOCTYPE html>") and GENERATOR.encode() in head


def _timelinejs_export(data: bytes) -> bool:
    """Our TimelineJS JSON: an object with a list of ``events`` and what rides along (a TimelineJS
    file someone else wrote, which may be the user's source, has no ``timeline_explorer``)."""
    doc = _json_document(data)
    return isinstance(doc, dict) and isinstance(doc.get("events"), list) and carried.KEY in doc


def _csv_export(data: bytes) -> bool:
    """Our sheet: its first row is exactly the template's columns and the column of what rides
    along (the template alone may be anyone's sheet)."""
    first = data[:4096].split(b"\n", 1)[0].rstrip(b"\r").removeprefix(b"\xef\xbb\xbf")
    return first == ",".join((*sheet.COLUMNS, sheet.CARRIED)).encode()


def _json_export(data: bytes) -> bool:
    """Our JSON: an object whose ``format`` is ``timeline-explorer``, with a ``version``."""
    doc = _json_document(data)
    return isinstance(doc, dict) and doc.get("format") == FORMAT_NAME and isinstance(doc.get("version"), int)


#: In the order offered: the first is the default export. Readable formats are recognised in this order.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "markdown",
            "Markdown",
            "Markdown",
            ".md",
            "GitHub-flavoured Markdown",
            write=lambda tl, rows, flt: to_markdown(tl, rows, flt),
            earlier_export=_markdown_export,
            also=(".markdown",),
        ),
        Format(
            "timelinejs",
            "TimelineJS",
            "TimelineJS JSON",
            ".timelinejs.json",
            "TimelineJS JSON",
            write=lambda tl, rows, flt: timelinejs.timelinejs_text(tl, rows),
            read=timelinejs.read,
            # any JSON object but ours, which the "json" entry below reads
            recognise=lambda head: _json_object_or_list(head) and not jsonin.recognise(head),
            looks_like="a JSON object",
            earlier_export=_timelinejs_export,
        ),
        Format(
            "csv",
            "CSV sheet",
            "TimelineJS sheet (CSV)",
            ".csv",
            "the TimelineJS sheet template as CSV",
            write=lambda tl, rows, flt: sheet.to_csv(tl, rows),
            read=sheet.read,
            recognise=sheet.looks_like_sheet,
            looks_like="CSV whose first row names the columns Year, Month, Day, ..., Headline, Text",
            earlier_export=_csv_export,
        ),
        Format(
            "json",
            "JSON",
            "JSON",
            ".json",
            "JSON for programs",
            write=lambda tl, rows, flt: to_json(tl, rows, flt.describe(tl) if flt is not None else ""),
            read=jsonin.read,
            recognise=jsonin.recognise,
            looks_like=jsonin.looks_like,
            earlier_export=_json_export,
        ),
        Format(
            "ics",
            "iCalendar",
            "iCalendar",
            ".ics",
            "an iCalendar file (RFC 5545) for calendar programs",
            write=ics.to_ics,
            earlier_export=ics.is_export,
            losses=ics.losses,
            kept=ics.kept,
        ),
        Format(
            "html",
            "Web page",
            "HTML",
            ".html",
            "one self-contained web page, with filters, that makes no request",
            write=lambda tl, rows, flt: html_page(tl, rows, flt),
            earlier_export=_html_export,
            also=(".htm",),
        ),
    )
}

#: ``timeline export -f`` choices, in the order offered.
EXPORTS = tuple(name for name, f in FORMATS.items() if f.write is not None)
#: ``timeline import --format`` choices, in the order tried when recognising a file.
IMPORTS = tuple(name for name, f in FORMATS.items() if f.read is not None)
DEFAULT_EXPORT = EXPORTS[0]


def export_format_of(name: str) -> str | None:
    """The export format a file name asks for by its extension (``talks.html``: ``html``), the
    longest that fits (``.timelinejs.json`` before ``.json``), in any case; None for none. The
    command line writes in it when no ``-f`` is given, and the app's export dialog follows it."""
    lowered = name.lower()
    named = [(len(x), f) for f in EXPORTS for x in FORMATS[f].extensions if lowered.endswith(x)]
    return max(named)[1] if named else None


def spoken(words: Sequence[str], conjunction: str = "or") -> str:
    """``a, b, c or d``: a list in a sentence."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
