"""A parse cache: a loaded timeline kept as JSON in the user's cache folder.

Loading a large timeline means parsing and validating every value; when the
same files are loaded again unchanged, the built model is read back from the
cache instead.  The cache is only ever a shortcut, never a source of truth:

* one entry per list of file names, in the user's cache folder (:func:`cache_dir`:
  ``$XDG_CACHE_HOME/timeline-explorer`` or ``~/.cache/timeline-explorer`` on Linux);
* an entry holds a digest of the files' names and bytes (and of the cache
  format and of the loader's own code): any change to any file, or to the
  code that checks it, is a miss;
* an entry is JSON with a checksum of its body, made from the model's dataclass
  fields (a field added to the model needs no change here) and read back through
  type-checked columns: reading one cannot run code (no pickle), and an entry
  that is missing, stale, truncated, corrupt or of another shape is a miss,
  silently, and is replaced by the next fresh parse;
* entries are written atomically (:func:`timeline.atomic.write_atomic`) and
  only for files that loaded without errors (warnings are kept with them);
* small files are not cached: parsing them is quicker than it is worth.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import inspect
import json
import os
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, islice
from operator import attrgetter
from pathlib import Path
from typing import Any

import platformdirs

from .atomic import write_atomic
from .datenumeric import DATE_ORDERS
from .dates import FuzzyDate, check_zone, make_date
from .gcpause import gc_paused
from .model import KINDS, LINK_TYPES, OUTCOMES, REQUIRABLE, Event, Link, NamedView, Timeline
from .problems import Problem
from .version import __version__

__all__ = ["FORMAT", "MIN_BYTES", "cache_dir", "digest", "entry_path", "read", "write"]

#: Bumped whenever what an entry holds, or how the model reads, changes.
FORMAT = 4  # 4: tables made from the model's dataclass fields (3: dates with zones; eras, links, accounts)
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


#: The modules whose code decides what loading a file gives (the model, its checks, its messages):
#: every module of the package that ``load`` imports, directly or not (a test checks it).
_LOADER_MODULES = (
    "atomic",
    "cache",
    "datecalendar",
    "dategrammar",
    "datemodel",
    "datenumeric",
    "dateranges",
    "datereread",
    "dateshort",
    "dates",
    "datesuggest",
    "datezones",
    "filters",
    "format",
    "gcpause",
    "load",
    "model",
    "names",
    "problems",
    "sanitize",
    "search",
    "version",
    "views",
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


# -- the encoding ----------------------------------------------------------------------
#
# An entry's body is made from the model's own dataclass fields (``dataclasses.fields`` and
# their types), so that a field added to the model is stored and read back with no change
# here.  Each class is stored as a table: one JSON list per field (by column), so that checking
# and building many objects is a few passes over flat lists rather than a Python loop over
# many small ones.  A field's column follows its type:
#
# * ``str``, ``int``, ``bool`` (or None): the values; a ``str`` column with few distinct values
#   (kinds, file names) as ``{"values": [the distinct values], "index": [one number a row]}``;
# * ``tuple[str, ...]`` and ``frozenset[str]``: numbers into the entry's ``lists``, where each
#   distinct list of strings is stored once (the same actors and tags recur from event to event);
# * one frozen dataclass (a date, a span): numbers into the entry's ``pools``, where each
#   distinct value of the class is stored once, in a table of its own (-1 for None);
# * ``tuple[X, ...]`` or ``dict[str, X]`` of a dataclass (events, quotes, actors): the number
#   of items each row holds, then the items of all rows as one table of ``X`` (with the keys).
#
# A field of a type not listed makes the first use of the cache a TypeError naming the field:
# give its type a column here.
# Reading checks every column's types, every number's range and, where the model's classes do
# not check them themselves, the values of the fields in :data:`_CHECKS`.

_TABLE_SIZE = "#"  # a table's number of rows (no field can be called that)


def _stored_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The fields that make a value of ``cls``: given to its constructor, compared, and public.

    Not stored: what the class works out itself (``init=False``, as a date's day numbers),
    private fields (a timeline's ``_names``) and what equality ignores (its search index).
    """
    return [f for f in dataclasses.fields(cls) if f.init and f.compare and not f.name.startswith("_")]


def _one_of(allowed: Iterable[object]) -> Callable[[set[Any]], bool]:
    return frozenset(allowed).union([None]).issuperset


def _zones(values: set[Any]) -> bool:
    for zone in values - {None}:
        check_zone(zone)  # a DateError (a ValueError) for a zone that does not exist
    return True


#: What the values of a field must be, beyond their type, where the model's classes do not check
#: it themselves (each is given the set of a column's distinct values, the strings of lists).
_CHECKS: dict[tuple[type, str], Callable[[set[Any]], bool]] = {
    (Timeline, "timezone"): _zones,
    (Timeline, "require"): _one_of(REQUIRABLE),
    (Timeline, "date_order"): _one_of(DATE_ORDERS),
    (Event, "kind"): _one_of(KINDS),
    (Event, "outcome"): _one_of(OUTCOMES),
    (Link, "type"): _one_of(LINK_TYPES),
    (NamedView, "match"): _one_of(("any", "all")),
    (FuzzyDate, "qualifier"): _one_of(("early", "mid", "late", "first half", "second half")),
    (FuzzyDate, "part"): _one_of((21, 22, 23, 24, 33, 34, 35, 36)),
    (FuzzyDate, "zone"): _zones,
}

#: The parts of a date :func:`make_date` checks (that the day exists...), by name.
_DATE_PARTS = tuple(inspect.signature(make_date).parameters)[1:]


def _checked_dates(columns: dict[str, list[Any]]) -> list[FuzzyDate]:
    """Dates made by :func:`make_date`, which refuses a part that does not exist (30 February);
    the fields it does not take (the zone) are then set where a date has them."""
    dates = list(map(functools.partial(make_date, "cache"), *(columns[name] for name in _DATE_PARTS)))
    for f in _stored_fields(FuzzyDate):
        if f.name not in _DATE_PARTS:
            for n, value in enumerate(columns[f.name]):
                if f.default is dataclasses.MISSING or value != f.default:
                    dates[n] = dataclasses.replace(dates[n], **{f.name: value})
    return dates


#: Classes whose values are made by a function that checks them, not by their constructor
#: (given the columns by field name, it gives the values).
_BUILDERS: dict[type, Callable[[dict[str, list[Any]]], list[Any]]] = {FuzzyDate: _checked_dates}


def _checked_range(values: Any, n: int, lo: int, hi: int) -> list[int]:
    """``values`` if it is a list of ``n`` whole numbers from ``lo`` to ``hi`` (excluded)."""
    if type(values) is not list or len(values) != n or not _only(values, int):
        raise _Corrupt
    if values and (min(values) < lo or max(values) >= hi):
        raise _Corrupt
    return values


def _only(values: list[Any], *kinds: type) -> bool:
    return set(map(type, values)) <= set(kinds)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _Corrupt
    return value


class _Writer:
    """What the tables of one entry share as they are made: the distinct lists and pooled values."""

    def __init__(self, tables: dict[type, _Table], pooled: Iterable[type]) -> None:
        self.tables = tables
        self.lists: dict[tuple[str, ...], int] = {}
        self.pools: dict[type, dict[Any, int]] = {cls: {} for cls in pooled}


class _Reader:
    """What the tables of one entry share as they are read."""

    def __init__(self, tables: dict[type, _Table], lists: Any) -> None:
        if (
            type(lists) is not list
            or not _only(lists, list)
            or not _only(list(chain.from_iterable(lists)), str)
        ):
            raise _Corrupt
        self.tables = tables
        self.lists: list[tuple[str, ...]] = list(map(tuple, lists))
        self.pools: dict[type, list[Any]] = {}


class _Column:
    """How one field's values are stored; ``check`` is the field's entry in :data:`_CHECKS`."""

    check: Callable[[set[Any]], bool] | None = None

    def encode(self, values: list[Any], writer: _Writer) -> Any:
        raise NotImplementedError

    def decode(self, column: Any, n: int, reader: _Reader) -> list[Any]:
        raise NotImplementedError

    def _checked(self, values: Iterable[Any]) -> None:
        if self.check is not None and not self.check(set(values)):
            raise _Corrupt


class _Scalars(_Column):
    """``str``, ``int`` or ``bool`` values (or None), as they are."""

    def __init__(self, kind: type, optional: bool) -> None:
        self.kinds = (kind, type(None)) if optional else (kind,)
        self.shared = kind is str

    def encode(self, values: list[Any], writer: _Writer) -> Any:
        if self.shared:
            distinct = dict.fromkeys(values)
            if len(distinct) * 2 <= len(values):
                number = {value: n for n, value in enumerate(distinct)}
                return {"values": list(distinct), "index": [number[v] for v in values]}
        return values

    def decode(self, column: Any, n: int, reader: _Reader) -> list[Any]:
        if type(column) is dict and self.shared:
            distinct = column["values"]
            if type(distinct) is not list or not _only(distinct, *self.kinds):
                raise _Corrupt
            self._checked(distinct)
            return list(map(distinct.__getitem__, _checked_range(column["index"], n, 0, len(distinct))))
        if type(column) is not list or len(column) != n or not _only(column, *self.kinds):
            raise _Corrupt
        self._checked(column)
        return column


class _Strings(_Column):
    """``tuple[str, ...]`` or ``frozenset[str]`` values, as numbers into the entry's lists."""

    def __init__(self, kind: type) -> None:
        self.kind = kind

    def encode(self, values: list[Any], writer: _Writer) -> Any:
        lists = writer.lists
        if self.kind is frozenset:
            values = [tuple(sorted(v)) for v in values]
        return [lists.setdefault(v, len(lists)) for v in values]

    def decode(self, column: Any, n: int, reader: _Reader) -> list[Any]:
        lists = reader.lists
        values = list(map(lists.__getitem__, _checked_range(column, n, 0, len(lists))))
        if self.check is not None:
            self._checked(chain.from_iterable(set(values)))
        return values if self.kind is tuple else list(map(frozenset, values))


class _Pooled(_Column):
    """Values of a frozen dataclass (maybe None), as numbers into its pool; -1 for None."""

    def __init__(self, cls: type, optional: bool) -> None:
        self.cls = cls
        self.optional = optional

    def encode(self, values: list[Any], writer: _Writer) -> Any:
        pool = writer.pools[self.cls]
        if self.optional:
            return [-1 if v is None else pool.setdefault(v, len(pool)) for v in values]
        return [pool.setdefault(v, len(pool)) for v in values]

    def decode(self, column: Any, n: int, reader: _Reader) -> list[Any]:
        pool = reader.pools[self.cls]
        if self.optional:
            pool = [*pool, None]  # -1 is the last
            return list(map(pool.__getitem__, _checked_range(column, n, -1, len(pool) - 1)))
        return list(map(pool.__getitem__, _checked_range(column, n, 0, len(pool))))


class _Items(_Column):
    """``tuple[X, ...]`` (or, keyed, ``dict[str, X]``) values of a dataclass ``X``: how many
    items each row holds, then every row's items as one table (and their keys)."""

    def __init__(self, cls: type, keyed: bool) -> None:
        self.cls = cls
        self.keyed = keyed

    def encode(self, values: list[Any], writer: _Writer) -> Any:
        items = list(chain.from_iterable(v.values() for v in values) if self.keyed else chain(*values))
        column = {"counts": list(map(len, values)), "items": writer.tables[self.cls].encode(items, writer)}
        if self.keyed:
            column["keys"] = list(chain.from_iterable(values))
        return column

    def decode(self, column: Any, n: int, reader: _Reader) -> list[Any]:
        if type(column) is not dict:
            raise _Corrupt
        items = reader.tables[self.cls].decode(column["items"], reader)
        counts = _checked_range(column["counts"], n, 0, len(items) + 1)
        if sum(counts) != len(items):
            raise _Corrupt
        if self.keyed:
            keys = column["keys"]
            if type(keys) is not list or len(keys) != len(items) or not _only(keys, str):
                raise _Corrupt
            pairs = iter(zip(keys, items, strict=True))
            return [dict(islice(pairs, count)) for count in counts]
        if not items:
            return [()] * n
        rest = iter(items)
        return [tuple(islice(rest, count)) if count else () for count in counts]


def _dataclass(hint: Any) -> bool:
    return isinstance(hint, type) and dataclasses.is_dataclass(hint)


def _column(owner: type, name: str, hint: Any) -> _Column:
    """How field ``name`` of class ``owner``, of type ``hint``, is stored (see the list above)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    optional = origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args
    if optional:
        hint = next(a for a in args if a is not type(None))
        origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in (str, int, bool):
        return _Scalars(hint, optional)
    if _dataclass(hint) and hint.__dataclass_params__.frozen:
        return _Pooled(hint, optional)
    if not optional and origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:
            return _Strings(tuple)
        if _dataclass(args[0]):
            return _Items(args[0], keyed=False)
    if not optional and origin is frozenset and args == (str,):
        return _Strings(frozenset)
    if not optional and origin is dict and args[:1] == (str,) and _dataclass(args[1]):
        return _Items(args[1], keyed=True)
    raise TypeError(
        f"the parse cache cannot store {owner.__name__}.{name} ({hint}): "
        "give values of its type a column in timeline/cache.py"
    )


class _Table:
    """The values of one dataclass, stored by column, one column per stored field."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        hints = typing.get_type_hints(cls)
        self.columns: dict[str, _Column] = {}
        for f in _stored_fields(cls):
            column = self.columns[f.name] = _column(cls, f.name, hints[f.name])
            column.check = _CHECKS.get((cls, f.name))
        init = [f.name for f in dataclasses.fields(cls) if f.init]
        #: Whether the stored fields come first in the constructor's order: then values are made
        #: from the columns by position, the quickest way.
        self.by_position = init[: len(self.columns)] == list(self.columns)

    def encode(self, values: list[Any], writer: _Writer) -> dict[str, Any]:
        table: dict[str, Any] = {_TABLE_SIZE: len(values)}
        for name, column in self.columns.items():
            table[name] = column.encode(list(map(attrgetter(name), values)), writer)
        return table

    def decode(self, table: Any, reader: _Reader) -> list[Any]:
        if type(table) is not dict:
            raise _Corrupt
        n = _int(table[_TABLE_SIZE])
        columns = {name: column.decode(table[name], n, reader) for name, column in self.columns.items()}
        build = _BUILDERS.get(self.cls)
        if build is not None:
            return build(columns)
        if not columns:
            return [self.cls() for _ in range(n)]
        if self.by_position:
            return list(map(self.cls, *columns.values()))
        names = list(columns)
        return [self.cls(**dict(zip(names, row, strict=True))) for row in zip(*columns.values(), strict=True)]


class _Codec:
    """Entries' bodies for lists of values of the root classes: the tables of every class their
    fields lead to, the pooled values and the lists of strings.

    ``{"tables": {root class name: table}, "pools": {class name: table}, "lists": [[str]]}``
    """

    def __init__(self, *roots: type) -> None:
        self.roots = roots
        self.tables: dict[type, _Table] = {}
        #: The pooled classes, each after those its own values hold (the dates before the spans).
        self.pooled: list[type] = []
        for root in roots:
            self._add(root)
        names = [cls.__name__ for cls in (*roots, *self.pooled)]
        if len(set(names)) != len(names):
            raise TypeError(f"the parse cache names its tables by class: two classes share a name in {names}")

    def _add(self, cls: type) -> None:
        if cls in self.tables:
            return
        table = self.tables[cls] = _Table(cls)
        for column in table.columns.values():
            if isinstance(column, (_Pooled, _Items)):
                self._add(column.cls)
                if isinstance(column, _Pooled) and column.cls not in self.pooled:
                    self.pooled.append(column.cls)

    def encode(self, *values: list[Any]) -> dict[str, Any]:
        """The body for a list of values of each root class."""
        writer = _Writer(self.tables, self.pooled)
        tables = {
            cls.__name__: self.tables[cls].encode(v, writer)
            for cls, v in zip(self.roots, values, strict=True)
        }
        pools = {}
        for cls in reversed(self.pooled):  # the spans first: storing them pools their dates
            pools[cls.__name__] = self.tables[cls].encode(list(writer.pools[cls]), writer)
        return {"tables": tables, "pools": pools, "lists": list(writer.lists)}

    def decode(self, body: Any) -> list[list[Any]]:
        """The lists of values of each root class in ``body``; :class:`_Corrupt` (or a ValueError,
        KeyError...) if it is not a body this codec makes."""
        if type(body) is not dict or type(body["tables"]) is not dict or type(body["pools"]) is not dict:
            raise _Corrupt
        reader = _Reader(self.tables, body["lists"])
        for cls in self.pooled:  # the dates first: the spans refer to them
            reader.pools[cls] = self.tables[cls].decode(body["pools"][cls.__name__], reader)
        return [self.tables[cls].decode(body["tables"][cls.__name__], reader) for cls in self.roots]


@functools.cache
def _entry_codec() -> _Codec:
    """What an entry holds: a timeline and its warnings (made on first use, not at import: a
    millisecond or two that small timelines, never cached, need not wait for).

    A field of a type with no column, or a check of a field not stored, is a TypeError here.
    """
    codec = _Codec(Timeline, Problem)
    for cls, name in _CHECKS:
        if name not in getattr(codec.tables.get(cls), "columns", ()):
            raise TypeError(f"_CHECKS names {cls.__name__}.{name}, which the parse cache does not store")
    return codec


def _encode(timeline: Timeline, warnings: Sequence[Problem]) -> dict[str, Any]:
    return _entry_codec().encode([timeline], list(warnings))


def _decode(body: Any) -> tuple[Timeline, list[Problem]]:
    timelines, warnings = _entry_codec().decode(body)
    if len(timelines) != 1 or not all(p.warning for p in warnings):
        raise _Corrupt
    return timelines[0], warnings


def read(path: Path, expected: str) -> tuple[Timeline, list[Problem]] | None:
    """The timeline and warnings stored at ``path`` if it is a sound entry for ``expected``; else None."""
    _entry_codec()  # a model the cache cannot store is a mistake to show, not a miss to hide
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
