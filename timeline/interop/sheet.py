"""TimelineJS's Google-sheet template as CSV, in (:func:`read`) and out (:func:`to_csv`).

The template's columns: Year, Month, Day, Time, End Year, End Month, End Day, End Time,
Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type,
Group, Background.  A row whose Type is ``title`` is the title slide, ``era`` an era.

Written CSV is UTF-8 with a byte order mark and CRLF line ends, every field that needs it
quoted (newlines included): Excel reads UTF-8 only with the mark, LibreOffice and Google
Sheets accept it, and CRLF is what RFC 4180 and Google's own CSV download use.  Reading
accepts the file with or without the mark.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
taken for a formula by a spreadsheet (CSV injection): it is written with a leading ``'``,
which spreadsheets read as "this is text", and reading strips that ``'`` again.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from ..model import Timeline
from . import carried
from .convert import convert
from .report import ImportFailed, ImportReport
from .textin import CSV_FIX, decode, sheet_delimiter
from .timelinejs import to_timelinejs

__all__ = ["COLUMNS", "looks_like_sheet", "read", "to_csv"]

COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
#: One more column, after the template's, holding what rides along (see :mod:`.carried`) as JSON:
#: TimelineJS reads the template's columns by name and has no use for it.  The title row holds the
#: timeline's part but for its actors and sources: each of those rides on the row of the first
#: event that refers to it, under ``defines`` (a spreadsheet cell holds at most 32,767 characters
#: in Excel, 50,000 in Google Sheets: one cell for every source would overflow).
CARRIED = carried.KEY
_DEFINES = "defines"
#: The columns a sheet must have to be taken for the template.
REQUIRED = ("Year", "Headline", "Text")

# where each value of a slide comes from: path in the slide → column
_PLACES: dict[tuple[str, ...], str] = {
    ("start_date", "year"): "Year",
    ("start_date", "month"): "Month",
    ("start_date", "day"): "Day",
    ("start_date", "hour"): "Time",
    ("start_date", "minute"): "Time",
    ("start_date", "second"): "Time",
    ("end_date", "year"): "End Year",
    ("end_date", "month"): "End Month",
    ("end_date", "day"): "End Day",
    ("end_date", "hour"): "End Time",
    ("end_date", "minute"): "End Time",
    ("end_date", "second"): "End Time",
    ("start_date",): "Year",
    ("end_date",): "End Year",
    ("display_date",): "Display Date",
    ("text", "headline"): "Headline",
    ("text", "text"): "Text",
    ("media", "url"): "Media",
    ("media", "credit"): "Media Credit",
    ("media", "caption"): "Media Caption",
    ("media", "thumbnail"): "Media Thumbnail",
    ("group",): "Group",
    ("background",): "Background",
}

#: The columns holding dates and times: never text, never prefixed.
_DATE_COLUMNS = frozenset(COLUMNS[:8])
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value: str) -> str:
    """A text cell a spreadsheet cannot take for a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _restore(value: str) -> str:
    """The text of a cell written by :func:`_defuse` (or typed with the same ``'``)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


_TIME = re.compile(
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<ms>\d{1,3}))?)?\s*(?P<ampm>[ap]\.?m\.?)?",
    re.IGNORECASE,
)


def looks_like_sheet(text: str) -> bool:
    """Whether the first line of ``text`` names the template's Year and Headline columns
    (separated by commas, semicolons or tabs: see :func:`.textin.sheet_delimiter`)."""
    return sheet_delimiter(text.lstrip("\ufeff").split("\n", 1)[0]) is not None


def _time(value: str, where: str) -> dict[str, str]:
    value = value.strip()
    if not value:
        return {}
    m = _TIME.fullmatch(value)
    if not m:
        raise ImportFailed(f"{where}: time {value!r} is not HH:MM or HH:MM:SS")
    hour = int(m["h"])
    if m["ampm"]:
        if not 1 <= hour <= 12:
            raise ImportFailed(f"{where}: time {value!r} has hour {hour} with am/pm")
        hour = hour % 12 + (12 if m["ampm"][0].lower() == "p" else 0)
    out = {"hour": str(hour), "minute": m["m"]}
    if m["s"]:
        out["second"] = m["s"]
    if m["ms"]:
        out["millisecond"] = m["ms"]
    return out


def read(name: str, data: bytes, report: ImportReport, default_title: str) -> dict[str, Any]:
    """The timeline YAML mapping for a sheet saved as CSV; :class:`ImportFailed` if it is not one."""
    text = decode(name, data, CSV_FIX)
    delimiter = sheet_delimiter(text.split("\n", 1)[0]) or ","
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise ImportFailed(f"{name}:1:1: empty file: not a TimelineJS sheet")
        columns: dict[str, int] = {}
        for i, col in enumerate(header):
            key = " ".join(col.split()).casefold()
            if not key:
                continue
            canonical = next((c for c in (*COLUMNS, CARRIED) if c.casefold() == key), col.strip())
            if canonical in columns:
                raise ImportFailed(f"{name}:1:{i + 1}: column {col.strip()!r} appears twice")
            columns[canonical] = i
            if canonical not in (*COLUMNS, CARRIED):
                report.lose(f"unknown columns ({col.strip()})")
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise ImportFailed(
                f"{name}:1:1: not a TimelineJS sheet: no {', '.join(repr(c) for c in missing)} column "
                f"(the template's columns are {', '.join(COLUMNS)})"
            )
        rows: list[tuple[int, list[str]]] = []
        line = 1
        for row in reader:
            rows.append((line + 1, row))
            line = reader.line_num
    except csv.Error as exc:
        raise ImportFailed(f"{name}:{reader.line_num}:1: not a readable CSV file: {exc}") from None

    def cell(row: list[str], column: str) -> str:
        i = columns.get(column)
        value = row[i] if i is not None and i < len(row) else ""
        return value if column in _DATE_COLUMNS else _restore(value)

    def at(row_line: int, column: str) -> str:
        return f"{name}:{row_line}:{columns.get(column, 0) + 1}"

    def carried_cell(row_line: int, row: list[str]) -> Any:
        value = cell(row, CARRIED).strip()
        if not value:
            return None
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise ImportFailed(
                f"{at(row_line, CARRIED)}: column {CARRIED} is not valid JSON: {exc.msg}"
            ) from None
        except RecursionError:
            raise ImportFailed(f"{at(row_line, CARRIED)}: column {CARRIED} is nested too deeply") from None

    defined: list[tuple[int, Any]] = []  # (line, the "defines" of an event row)
    doc: dict[str, Any] = {"events": []}
    places: dict[tuple[str, int], int] = {}  # ("events"|"eras", index) → line
    title_line = 0
    for row_line, row in rows:
        if not any(c.strip() for c in row):
            continue
        kind = cell(row, "Type").strip().casefold()
        slide: dict[str, Any] = {}
        start = {k: cell(row, c) for k, c in (("year", "Year"), ("month", "Month"), ("day", "Day"))}
        start.update(_time(cell(row, "Time"), at(row_line, "Time")))
        end = {k: cell(row, c) for k, c in (("year", "End Year"), ("month", "End Month"), ("day", "End Day"))}
        end.update(_time(cell(row, "End Time"), at(row_line, "End Time")))
        if any(v.strip() for v in start.values()):
            slide["start_date"] = start
        if any(v.strip() for v in end.values()):
            slide["end_date"] = end
        slide["text"] = {"headline": cell(row, "Headline"), "text": cell(row, "Text")}
        media = {
            "url": cell(row, "Media"),
            "credit": cell(row, "Media Credit"),
            "caption": cell(row, "Media Caption"),
            "thumbnail": cell(row, "Media Thumbnail"),
        }
        if any(v.strip() for v in media.values()):
            slide["media"] = media
        for key, column in (("display_date", "Display Date"), ("group", "Group")):
            if cell(row, column).strip():
                slide[key] = cell(row, column)
        if cell(row, "Background").strip():
            slide["background"] = {"url": cell(row, "Background")}
        ride = carried_cell(row_line, row)
        if kind == "title":
            if title_line:
                raise ImportFailed(
                    f"{at(row_line, 'Type')}: a second title row (the first is row {title_line})"
                )
            title_line = row_line
            if ride is not None:
                doc[CARRIED] = ride
            for key in ("start_date", "end_date", "group", "display_date"):
                if key in slide:
                    report.lose("dates and groups of the title row")
                    del slide[key]
            doc["title"] = slide
        elif kind == "era":
            doc.setdefault("eras", [])
            places[("eras", len(doc["eras"]))] = row_line
            for key in ("media", "group", "display_date", "background"):
                if key in slide:
                    report.lose(f"era {key}s")
                    del slide[key]
            if ride is not None:
                slide[CARRIED] = ride
            doc["eras"].append(slide)
        elif kind in ("", "start"):
            places[("events", len(doc["events"]))] = row_line
            if isinstance(ride, dict) and _DEFINES in ride:
                defined.append((row_line, ride.pop(_DEFINES)))
            if ride is not None:
                slide[CARRIED] = ride
            doc["events"].append(slide)
        else:
            raise ImportFailed(
                f"{at(row_line, 'Type')}: unknown type {cell(row, 'Type').strip()!r} (title, era or empty)"
            )
    if not doc["events"]:
        raise ImportFailed(f"{name}:{(rows[-1][0] + 1) if rows else 2}:1: the sheet has no event rows")
    for row_line, defines in defined:  # the actors and sources, back with the timeline's part
        if not isinstance(defines, dict) or not isinstance(doc.setdefault(CARRIED, {}), dict):
            raise ImportFailed(f"{at(row_line, CARRIED)}: column {CARRIED}: {_DEFINES} must be an object")
        for kind, entries in defines.items():
            top = doc[CARRIED].setdefault(kind, {})
            if (
                kind not in ("actors", "sources")
                or not isinstance(entries, dict)
                or not isinstance(top, dict)
            ):
                raise ImportFailed(
                    f"{at(row_line, CARRIED)}: column {CARRIED}: {_DEFINES} holds actors and sources, by id"
                )
            top.update(entries)

    def where(path: tuple[Any, ...]) -> str:
        if len(path) >= 2 and (path[0], path[1]) in places:
            row_line = places[(path[0], path[1])]
            column = _PLACES.get(tuple(path[2:4])) or _PLACES.get(tuple(path[2:3])) or ""
            return at(row_line, column) if column else f"{name}:{row_line}:1"
        if path[:1] == ("title",) and title_line:
            return f"{name}:{title_line}:1"
        return f"{name}:1:1"

    return convert(doc, name, where, report, default_title)


# -- out ---------------------------------------------------------------------------------


def _time_cell(d: dict[str, str]) -> str:
    if "hour" not in d:
        return ""
    text = f"{int(d['hour']):02d}:{int(d.get('minute', '0')):02d}"
    if "second" in d:
        text += f":{int(d['second']):02d}"
    return text


def _row(slide: dict[str, Any], kind: str = "", ride: Any = None) -> list[str]:
    start = slide.get("start_date", {})
    end = slide.get("end_date", {})
    text = slide.get("text", {})
    values = {
        "Year": start.get("year", ""),
        "Month": start.get("month", ""),
        "Day": start.get("day", ""),
        "Time": _time_cell(start),
        "End Year": end.get("year", ""),
        "End Month": end.get("month", ""),
        "End Day": end.get("day", ""),
        "End Time": _time_cell(end),
        "Display Date": slide.get("display_date", ""),
        "Headline": text.get("headline", ""),
        "Text": text.get("text", ""),
        "Type": kind,
        "Group": slide.get("group", ""),
    }
    cells = [values.get(c, "") if c in _DATE_COLUMNS else _defuse(values.get(c, "")) for c in COLUMNS]
    return [*cells, _defuse(json.dumps(ride, ensure_ascii=False)) if ride else ""]


def _refers(ride: dict[str, Any]) -> dict[str, list[str]]:
    """The actors and the sources an event's carried fields refer to."""
    quotes, accounts = ride.get("quotes", []), ride.get("accounts", [])
    actors = [*ride.get("actors", []), *ride.get("declined_by", [])]
    actors += [x["actor"] for x in (*quotes, *accounts) if x.get("actor")]
    sources = [*ride.get("sources", []), *(x["source"] for x in (*quotes, *accounts) if x.get("source"))]
    return {"actors": actors, "sources": sources}


def to_csv(timeline: Timeline, rows: Sequence[int] | None = None) -> str:
    """The events at ``rows`` (all when None) as the sheet template: a title row, era rows, event rows."""
    doc = to_timelinejs(timeline, rows)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    top = dict(doc.get(CARRIED, {}))
    pending = {kind: dict(top.pop(kind, {})) for kind in ("actors", "sources")}
    event_rides = []
    for slide in doc["events"]:
        ride = slide.get(CARRIED)
        if ride:
            refers = _refers(ride)
            defines = {k: {i: pending[k].pop(i) for i in refers[k] if i in pending[k]} for k in pending}
            defines = {k: v for k, v in defines.items() if v}
            if defines:
                ride = {**ride, _DEFINES: defines}
        event_rides.append(ride)
    top.update({k: v for k, v in pending.items() if v})  # referred to by no event: kept all the same
    writer.writerow((*COLUMNS, CARRIED))
    writer.writerow(_row(doc["title"], "title", top))
    for era in doc.get("eras", ()):
        writer.writerow(_row(era, "era", era.get(CARRIED)))
    for slide, ride in zip(doc["events"], event_rides, strict=True):
        writer.writerow(_row(slide, "", ride))
    return "\ufeff" + out.getvalue()
