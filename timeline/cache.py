"""A parse cache: a loaded timeline kept as JSON in the user's cache folder.

Loading a large timeline means parsing and validating every value; when the
same files are loaded again unchanged, the built model is read back from the
cache instead.  The cache is only ever a shortcut, never a source of truth:

* one entry per list of file names, in the user's cache folder (:func:`cache_dir`:
  ``$XDG_CACHE_HOME/timeline-explorer`` or ``~/.cache/timeline-explorer`` on Linux);
* an entry holds a digest of the files' names and bytes (and of the cache
  format and of the loader's own code): any change to any file, or to the
  code that checks it, is a miss;
* an entry is JSON with a checksum of its body, read into the model through
  type-checked tuples: reading one cannot run code (no pickle), and an entry
  that is missing, stale, truncated, corrupt or of another shape is a miss,
  silently, and is replaced by the next fresh parse;
* entries are written atomically (:func:`timeline.atomic.write_atomic`) and
  only for files that loaded without errors (warnings are kept with them);
* small files are not cached: parsing them is quicker than it is worth.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import platformdirs

from . import __version__
from .atomic import write_atomic
from .dates import DateError, FuzzyDate, Span, check_zone, make_date
from .gcpause import gc_paused
from .model import (
    KINDS,
    LINK_TYPES,
    OUTCOMES,
    REQUIRABLE,
    Account,
    Actor,
    Era,
    Event,
    Link,
    Quote,
    Source,
    Timeline,
)
from .problems import Problem

__all__ = ["FORMAT", "MIN_BYTES", "cache_dir", "digest", "entry_path", "read", "write"]

#: Bumped whenever what an entry holds, or how the model reads, changes.
FORMAT = 3  # 3: dates with decades, seasons, times, zones and BC years; eras, require, links, accounts
#: Timelines smaller than this (all files together) are parsed every time.
MIN_BYTES = 128 * 1024
#: Entries kept; the least recently used ones beyond this are removed.
MAX_ENTRIES = 24
#: ...and beyond this many bytes in all (the newest entry is always kept).
MAX_TOTAL_BYTES = 1024 * 1024 * 1024

_APP = "timeline-explorer"
_MAGIC = "timeline-explorer-cache"


class _Corrupt(Exception):
    """The entry is not what this version writes: treat it as a miss."""


def cache_dir() -> Path | None:
    """The cache folder (not created); None when there is no home to put it in.

    The platform's user cache folder (``platformdirs``): ``$XDG_CACHE_HOME/timeline-explorer`` on
    Linux (``~/.cache/timeline-explorer`` when that is unset or, as the XDG spec says, relative),
    ``~/Library/Caches/timeline-explorer`` on macOS, the local AppData cache folder on Windows.
    """
    folder = platformdirs.user_cache_dir(_APP, appauthor=False)
    if os.path.isabs(folder):
        return Path(folder)
    try:  # a relative $XDG_CACHE_HOME is ignored
        return Path.home() / ".cache" / _APP
    except (RuntimeError, KeyError):
        return None


def _name_bytes(name: str) -> bytes:
    return name.encode("utf-8", "surrogateescape")


#: The modules whose code decides what loading a file gives (the model, its checks, its messages).
_LOADER_MODULES = (
    "cache",
    "dategrammar",
    "datemodel",
    "dateranges",
    "dates",
    "load",
    "model",
    "problems",
    "sanitize",
    "yamlsrc",
)


@functools.cache
def _loader_fingerprint() -> str:
    """A digest of the loader's own code, so that an entry made by other code is never used."""
    h = hashlib.sha256(__version__.encode())
    for name in _LOADER_MODULES:
        try:
            h.update((Path(__file__).with_name(f"{name}.py")).read_bytes())
        except OSError:  # installed without its sources: the version alone says which code it is
            h.update(name.encode())
    return h.hexdigest()


def digest(files: Sequence[tuple[str, bytes]]) -> str:
    """What an entry must match: the format, the loader's code, and every file's name and bytes."""
    h = hashlib.sha256(f"{_MAGIC}\0{FORMAT}\0{_loader_fingerprint()}\0{len(files)}\0".encode())
    for name, data in files:
        raw = _name_bytes(name)
        h.update(b"%d\0" % len(raw))
        h.update(raw)
        h.update(b"%d\0" % len(data))
        h.update(data)
    return h.hexdigest()


def entry_path(names: Sequence[str], folder: Path | None = None) -> Path | None:
    """Where the entry for these files lives (one per list of names, whatever their content)."""
    folder = folder or cache_dir()
    if folder is None:
        return None
    h = hashlib.sha256(f"{_MAGIC}\0{FORMAT}\0".encode())
    for name in names:
        raw = _name_bytes(os.path.abspath(name))
        h.update(b"%d\0" % len(raw))
        h.update(raw)
    return folder / f"{h.hexdigest()[:40]}.json"


# -- reading -------------------------------------------------------------------------
#
# An entry's body is a JSON object; the events are stored by column (one list per
# field), so that checking and building them is a few passes over flat lists rather
# than a Python loop over many small ones.


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _Corrupt
    return value


def _strs(value: Any) -> tuple[str, ...]:
    if type(value) is not list or not _only(value, str):
        raise _Corrupt
    return tuple(value)


def _only(values: list[Any], kind: type) -> bool:
    return set(map(type, values)) <= {kind}


def _column(columns: Any, name: str, kind: type, n: int) -> list[Any]:
    values = columns[name]
    if type(values) is not list or len(values) != n or not _only(values, kind):
        raise _Corrupt
    return values


def _indexes(columns: Any, name: str, n: int, size: int) -> list[int]:
    values = _column(columns, name, int, n)
    if values and (min(values) < 0 or max(values) >= size):
        raise _Corrupt
    return values


_QUALIFIERS = (None, "early", "mid", "late")


_NO_OFFSET = 100_000


def _date(row: Any, zone: str | None = None) -> FuzzyDate:
    """A date from ``[year, month, day, qualifier, marks, decade, part, hour, minute, second, offset,
    zoned]`` (0 for no month, day, part or qualifier; -1 for no hour, minute or second;
    100000 for no offset; zoned 1 when the timeline's zone applies to it)."""
    if type(row) is not list or len(row) != 12 or not _only(row, int):
        raise _Corrupt
    year, month, day, qualifier, marks, decade, part, hour, minute, second, offset, zoned = row
    if not (0 <= qualifier <= 3 and 0 <= marks <= 3 and decade in (0, 1) and zoned in (0, 1)):
        raise _Corrupt
    try:
        date = make_date(
            "cache",
            year,
            month or None,
            day or None,
            _QUALIFIERS[qualifier],
            bool(marks & 1),
            bool(marks & 2),
            bool(decade),
            part or None,
            None if hour == -1 else hour,
            None if minute == -1 else minute,
            None if second == -1 else second,
            None if offset == _NO_OFFSET else offset,
        )
    except DateError:
        raise _Corrupt from None
    if part and part not in (21, 22, 23, 24, 33, 34, 35, 36):
        raise _Corrupt
    if zoned:
        if zone is None or not date.timed:
            raise _Corrupt
        return date.in_zone(zone)
    return date


def _date_row(date: FuzzyDate) -> list[int]:
    qualifier = _QUALIFIERS.index(date.qualifier)
    return [
        date.year,
        date.month or 0,
        date.day or 0,
        qualifier,
        date.approximate + 2 * date.uncertain,
        int(date.decade),
        date.part or 0,
        -1 if date.hour is None else date.hour,
        -1 if date.minute is None else date.minute,
        -1 if date.second is None else date.second,
        _NO_OFFSET if date.offset is None else date.offset,
        int(date.zone is not None),
    ]


_OUTCOME = {"": None, **{o: o for o in OUTCOMES}}


def _decode(body: Any) -> tuple[Timeline, list[Problem]]:
    if type(body) is not dict:
        raise _Corrupt
    zone = body["timezone"]
    if zone is not None:
        try:
            check_zone(_str(zone))
        except DateError:
            raise _Corrupt from None
    dates = [_date(row, zone) for row in body["dates"]]
    actors: dict[str, Actor] = {}
    for actor_id, name, short, aliases, actor_description in body["actors"]:
        actors[_str(actor_id)] = Actor(
            actor_id, _str(name), _str(short), _strs(aliases), _str(actor_description)
        )
    sources: dict[str, Source] = {}
    for source_id, source_title, publisher, date, url, authors in body["sources"]:
        sources[_str(source_id)] = Source(
            source_id, _str(source_title), _str(publisher), dates[_int(date)], _str(url), _strs(authors)
        )
    files = _strs(body["files"])
    # Lists of ids repeated from event to event (actors, sources, tags) are stored once.
    stored = body["lists"]
    if (
        type(stored) is not list
        or not _only(stored, list)
        or not _only(list(chain.from_iterable(stored)), str)
    ):
        raise _Corrupt
    lists = list(map(tuple, stored))
    columns = body["events"]
    if type(columns) is not dict:
        raise _Corrupt
    n = _int(columns["count"])
    # Spans, each a start and an end date number (-1: no end), stored once.
    spans = []
    for start, end in body["spans"]:
        if end != -1 and not 0 <= _int(end) < len(dates):
            raise _Corrupt
        spans.append(Span(dates[_int(start)], dates[end] if end != -1 else None))
    kinds = _column(columns, "kind", str, n)
    if not set(kinds) <= set(KINDS):
        raise _Corrupt
    quotes: list[tuple[Quote, ...]] = [()] * n
    for event_no, text, by, actor, source in body["quotes"]:
        if not 0 <= _int(event_no) < n:
            raise _Corrupt
        quote = Quote(_str(text), _str(by), _str(actor) or None, _str(source) or None)
        quotes[event_no] = (*quotes[event_no], quote)
    links: list[tuple[Link, ...]] = [()] * n
    for event_no, to, link_type, note in body["links"]:
        if not 0 <= _int(event_no) < n or link_type not in LINK_TYPES:
            raise _Corrupt
        links[event_no] = (*links[event_no], Link(_str(to), link_type, _str(note)))
    accounts: list[tuple[Account, ...]] = [()] * n
    for event_no, text, by, actor, source in body["accounts"]:
        if not 0 <= _int(event_no) < n:
            raise _Corrupt
        account = Account(_str(text), _str(by), _str(actor) or None, _str(source))
        accounts[event_no] = (*accounts[event_no], account)
    eras = tuple(
        Era(_str(name), dates[_int(start)], dates[_int(end)], _str(era_description))
        for name, start, end, era_description in body["eras"]
    )
    require = frozenset(_strs(body["require"]))
    if not require <= set(REQUIRABLE):
        raise _Corrupt
    events = list(
        map(
            Event,
            _column(columns, "id", str, n),
            map(spans.__getitem__, _indexes(columns, "when", n, len(spans))),
            _column(columns, "title", str, n),
            kinds,
            map(lists.__getitem__, _indexes(columns, "actors", n, len(lists))),
            _column(columns, "summary", str, n),
            map(lists.__getitem__, _indexes(columns, "sources", n, len(lists))),
            map(_OUTCOME.__getitem__, _column(columns, "outcome", str, n)),
            map(lists.__getitem__, _indexes(columns, "declined_by", n, len(lists))),
            _column(columns, "location", str, n),
            map(lists.__getitem__, _indexes(columns, "tags", n, len(lists))),
            quotes,
            map(files.__getitem__, _indexes(columns, "file", n, len(files))),
            _column(columns, "line", int, n),
            links,
            accounts,
        )
    )
    warnings = [
        Problem(_str(file), _int(line), _int(col), _str(message), warning=True)
        for file, line, col, message in body["warnings"]
    ]
    timeline = Timeline(
        title=_str(body["title"]),
        actors=actors,
        sources=sources,
        events=tuple(events),
        description=_str(body["description"]),
        files=files[: _int(body["named"])],
        timezone=zone,
        eras=eras,
        require=require,
    )
    return timeline, warnings


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _Corrupt
    return value


def read(path: Path, expected: str) -> tuple[Timeline, list[Problem]] | None:
    """The timeline and warnings stored at ``path`` if it is a sound entry for ``expected``; else None."""
    try:
        with open(path, "rb") as fh:
            header = json.loads(fh.readline(4096))
            if (
                type(header) is not dict
                or header.get("magic") != _MAGIC
                or header.get("format") != FORMAT
                or header.get("version") != __version__
                or header.get("digest") != expected
            ):
                return None
            raw = fh.read()
        if len(raw) != header.get("size") or hashlib.sha256(raw).hexdigest() != header.get("body"):
            return None
        with gc_paused():
            loaded = _decode(json.loads(raw.decode("utf-8", "surrogatepass")))
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, _Corrupt):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when old entries are pruned
    return loaded


# -- writing -------------------------------------------------------------------------


def _encode(timeline: Timeline, warnings: Sequence[Problem]) -> dict[str, Any]:
    events = timeline.events
    files = list(timeline.files)
    file_no = {name: n for n, name in enumerate(files)}
    for event in events:
        if event.file not in file_no:
            file_no[event.file] = len(files)
            files.append(event.file)
    list_no: dict[tuple[str, ...], int] = {(): 0}
    date_no: dict[FuzzyDate, int] = {}
    span_no: dict[tuple[int, int], int] = {}

    def ids(values: Sequence[tuple[str, ...]]) -> list[int]:
        return [list_no.setdefault(v, len(list_no)) for v in values]

    def date(value: FuzzyDate) -> int:
        return date_no.setdefault(value, len(date_no))

    def span(value: Span) -> int:
        key = (date(value.start), -1 if value.end is None else date(value.end))
        return span_no.setdefault(key, len(span_no))

    era_rows = [[e.name, date(e.start), date(e.end), e.description] for e in timeline.eras]
    source_rows = [
        [s.id, s.title, s.publisher, date(s.date), s.url, s.authors] for s in timeline.sources.values()
    ]

    columns = {
        "count": len(events),
        "id": [e.id for e in events],
        "when": [span(e.when) for e in events],
        "title": [e.title for e in events],
        "kind": [e.kind for e in events],
        "actors": ids([e.actors for e in events]),
        "summary": [e.summary for e in events],
        "sources": ids([e.sources for e in events]),
        "outcome": [e.outcome or "" for e in events],
        "declined_by": ids([e.declined_by for e in events]),
        "location": [e.location for e in events],
        "tags": ids([e.tags for e in events]),
        "file": [file_no[e.file] for e in events],
        "line": [e.line for e in events],
    }
    return {
        "title": timeline.title,
        "description": timeline.description,
        "timezone": timeline.timezone,
        "files": files,
        "named": len(timeline.files),
        "actors": [[a.id, a.name, a.short, a.aliases, a.description] for a in timeline.actors.values()],
        "sources": source_rows,
        "dates": [_date_row(d) for d in date_no],
        "spans": list(span_no),
        "lists": list(list_no),
        "events": columns,
        "quotes": [
            [n, q.text, q.by, q.actor or "", q.source or ""] for n, e in enumerate(events) for q in e.quotes
        ],
        "links": [[n, k.to, k.type, k.note] for n, e in enumerate(events) for k in e.links],
        "accounts": [
            [n, a.text, a.by, a.actor or "", a.source] for n, e in enumerate(events) for a in e.accounts
        ],
        "eras": era_rows,
        "require": sorted(timeline.require),
        "warnings": [[p.file, p.line, p.col, p.message] for p in warnings],
    }


def write(path: Path, expected: str, timeline: Timeline, warnings: Sequence[Problem]) -> bool:
    """Store the entry; False (and nothing said) when it cannot be written."""
    if any(not p.warning for p in warnings):
        return False  # only valid timelines are cached
    raw = json.dumps(_encode(timeline, warnings), ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )
    header = {
        "magic": _MAGIC,
        "format": FORMAT,
        "version": __version__,
        "digest": expected,
        "size": len(raw),
        "body": hashlib.sha256(raw).hexdigest(),
    }
    data = json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + raw
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, data)
    except (OSError, ValueError):  # WriteError is an OSError
        return False
    _prune(path.parent)
    return True


def _prune(folder: Path) -> None:
    """Remove the least recently used entries beyond ``MAX_ENTRIES`` or ``MAX_TOTAL_BYTES``."""
    entries = []
    for path in folder.glob("*.json"):
        with contextlib.suppress(OSError):
            st = path.stat()
            entries.append((st.st_mtime, st.st_size, path))
    entries.sort(key=lambda e: e[0], reverse=True)
    total = 0
    for n, (_, size, path) in enumerate(entries):
        total += size
        if n >= MAX_ENTRIES or (n > 0 and total > MAX_TOTAL_BYTES):
            with contextlib.suppress(OSError):
                path.unlink()
