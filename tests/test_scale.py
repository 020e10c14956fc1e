"""The fast paths give exactly what the straightforward ones give: the parse cache, the
indexed filters, the row layout and the overview's density; and a cache entry that is
missing, stale, corrupt or foreign is never used.

Timings are not tested here: ``benchmarks/bench.py`` measures them.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import gc
import hashlib
import json
import operator
import os
import pickle
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import timeline.load
import timeline.yamlsrc
from timeline import Filter, FuzzyDate, Loaded, LoadError, Timeline, bundled_path, load, parse_date
from timeline import cache as tcache
from timeline.cli import main as cli_main
from timeline.dates import from_day_number
from timeline.load import load_text
from timeline.model import KINDS, OUTCOMES, Era
from timeline.search import bits_from_rows, rows_from_bits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bundled_shaped import shaped
from generate import generate

tload = sys.modules["timeline.load"]  # the module (the package's `load` is the function)


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test here caches under its own folder, never in the real one, and caches small files too."""
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setattr(tcache, "MIN_BYTES", 0)
    return home / "timeline-explorer"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the fresh parses (calls of load_text made by load)."""
    import importlib

    module = importlib.import_module("timeline.load")
    calls: list[int] = []
    fresh = module.load_text

    def counting(*args: Any, **kwargs: Any) -> Loaded:
        calls.append(1)
        return fresh(*args, **kwargs)

    monkeypatch.setattr(module, "load_text", counting)
    return calls


def synthetic(n: int, seed: int = 7) -> str:
    return "".join(generate(n, seed))


WARNED = """\
title: "Warned \\u202e timeline"
require: [actors, sources]
eras:
  - {name: The talks, start: 2023-07, end: late 2023, description: "Talks \\x07 of a kind"}
  - {name: Before, start: "2020?", end: 2023-06-30}
actors:
  az: {name: Azerbaijan, short: AZ, aliases: [Baku, "Bakı"]}
  nk: {name: Nagorno-Karabakh, aliases: [Stepanakert]}
sources:
  s1: {title: A source, publisher: Eurasianet, date: 2023-08, url: "https://example.com/a"}
  s2: {title: Another, publisher: Reuters, authors: [A. Writer], date: "early 2023~", url: "https://example.com/b"}
events:
  - id: e1
    date: 2023-07-05
    end: late 2023-08
    title: "A title with a control \\x1b[31m escape"
    kind: meeting
    outcome: declined
    declined_by: [nk]
    actors: [az, nk]
    location: Yevlakh
    tags: [talks, war]
    summary: |
      First paragraph.

      Second paragraph.
    quotes:
      - {text: "said something", by: Someone, actor: az, source: s1}
      - {text: "said more", by: Another}
    sources: [s1, s2]
    links:
      - {to: e2, type: leads-to, note: "and then \\x1b this"}
      - {to: e3, type: see-also}
    accounts:
      - {by: Baku's ministry, actor: az, text: "We offered.", source: s1}
      - {by: A witness, text: "Nobody came.", source: s2}
      - {actor: nk, text: "It was an ultimatum.", source: s1}
  - id: e2
    date: 1 August 2023
    title: Second
    kind: statement
    actors: [az]
    summary: Short.
    sources: [s2]
  - id: e3
    date: "2023?"
    title: Third
    kind: proposal
    outcome: pending
    actors: [nk]
    summary: Uncertain.
    sources: [s1]
    links: [{to: e1, type: responds-to}]
"""


#: A small timeline whose ids clash with nothing else here, for merging.
EXTRA = """\
title: Extra
actors:
  ex: {name: Extra actor}
sources:
  xs: {title: X, publisher: P, date: "2020", url: "https://e.org/x"}
events:
  - id: extra-1
    date: 2020-01-01
    title: "Extra one \\x07"
    kind: statement
    actors: [ex]
    summary: Extra.
    sources: [xs]
"""


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


# -- the cache gives exactly what a fresh parse gives ----------------------------------------------


def test_cached_load_equals_a_fresh_parse_with_its_warnings(
    tmp_path: Path, cache_home: Path, parses: list[int]
) -> None:
    path = tmp_path / "warned.yaml"
    path.write_text(WARNED, encoding="utf-8")
    fresh = load([path], cache=False)
    assert fresh.warnings, "the sample is meant to have warnings"
    tl = fresh.timeline  # and to hold every part of the format
    assert len(tl.eras) == 2 and tl.require == {"actors", "sources"}
    assert sum(len(e.links) for e in tl.events) == 3 and sum(len(e.accounts) for e in tl.events) == 3
    first = load([path])
    second = load([path])
    assert len(parses) == 2  # the cache=False load and the first cached one; the second was read back
    assert len(entries(cache_home)) == 1
    for loaded in (first, second):
        assert loaded.timeline == fresh.timeline
        assert loaded.warnings == fresh.warnings
        assert [e.when for e in loaded.timeline.events] == [e.when for e in fresh.timeline.events]
        assert [(e.file, e.line) for e in loaded.timeline.events] == [
            (e.file, e.line) for e in fresh.timeline.events
        ]


def test_cached_synthetic_timeline_and_merged_files_equal_fresh_ones(
    tmp_path: Path, cache_home: Path, parses: list[int]
) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(synthetic(400), encoding="utf-8")
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    for paths in ([one], [one, extra]):
        fresh = load(paths, cache=False)
        load(paths)
        parses.clear()
        cached = load(paths)
        assert parses == []
        assert cached.timeline == fresh.timeline
        assert cached.warnings == fresh.warnings
        assert cached.timeline.files == tuple(map(str, paths))
    assert len(entries(cache_home)) == 2  # one entry per list of files


def test_the_bundled_timeline_round_trips_through_the_cache(parses: list[int]) -> None:
    fresh = load([bundled_path()], cache=False)
    load([bundled_path()])
    parses.clear()
    assert load([bundled_path()]) == fresh
    assert parses == []


def _through_the_cache_format(timeline: Timeline) -> Timeline:
    back, _ = tcache._decode(json.loads(json.dumps(tcache._encode(timeline, []))))
    return back


def test_dates_round_trip_through_the_cache_format() -> None:
    texts = ["2023", "2023-07", "2023-07-05", "early 2023", "late 2023-02", "2023-07~", "1991?", "2023%"]
    # every part a date can have since format 2: decades, seasons, quarters, BC, times, offsets
    texts += [
        "early 1990s",
        "spring 2023",
        "Q3 2023",
        "300 BC",
        "9 Aug 602",
        "2023-09-20T13:00:05+04:00",
        "2023-09-20 13:00",
        "c. 1988?",
    ]
    dates = [parse_date(text) for text in texts]
    eras = tuple(Era(text, date, date) for text, date in zip(texts, dates, strict=True))
    back = _through_the_cache_format(Timeline("Dates", {}, {}, (), eras=eras))
    assert [era.start for era in back.eras] == dates
    assert [era.start.display() for era in back.eras] == [date.display() for date in dates]
    zoned = parse_date("2023-09-20T09:00Z").in_zone("Asia/Baku")
    back = _through_the_cache_format(
        Timeline("Zoned", {}, {}, (), timezone="Asia/Baku", eras=(Era("Zoned", zoned, zoned),))
    )
    assert back.eras[0].start == zoned and back.eras[0].start.display() == "20 Sep 2023 13:00"


def test_a_timezone_and_timed_spans_survive_the_cache() -> None:
    text = """\
title: Zoned
timezone: Asia/Baku
eras: [{name: Offensive, start: "2023-09-19T09:00Z", end: "2023-09-20 13:00"}]
actors: {az: {name: Azerbaijan}}
sources: {s: {title: S, publisher: P, date: 2023, url: "https://example.com"}}
events:
  - {id: a, date: "2023-09-19 13:00 – 2023-09-20T09:00Z", title: A, kind: statement, actors: [az],
     summary: S, sources: [s]}
  - {id: b, date: 300 BC, title: B, kind: statement, actors: [az], summary: S, sources: [s]}
"""
    timeline = load_text([("t.yaml", text.encode())]).timeline
    back = _through_the_cache_format(timeline)
    assert back == timeline and back.timezone == "Asia/Baku"
    assert back.eras[0].when.display() == "19 Sep 2023 13:00 – 20 Sep 2023 13:00"  # in the zone
    assert [e.when.long() for e in back.events] == [e.when.long() for e in timeline.events]
    assert (
        back.events[1].when.long() == "19 September 2023 13:00 – 20 September 2023 13:00 Asia/Baku"
        " (written 2023-09-20T09:00Z) (24 hours)"
    )


# -- a changed file is a miss ----------------------------------------------------------------------


def test_one_changed_byte_is_a_miss(tmp_path: Path, cache_home: Path, parses: list[int]) -> None:
    path = tmp_path / "t.yaml"
    text = synthetic(50)
    path.write_text(text, encoding="utf-8")
    load([path])
    assert len(parses) == 1
    changed = text.replace("Synthetic", "Synthetik", 1)
    assert len(changed.encode()) == len(text.encode())
    path.write_text(changed, encoding="utf-8")
    loaded = load([path])
    assert len(parses) == 2
    assert loaded.timeline.title.startswith("Synthetik")
    assert loaded.timeline == load([path], cache=False).timeline
    assert len(entries(cache_home)) == 1  # replaced, not added


def _imported_by(module: str, package: Path) -> set[str]:
    """The modules of ``package`` that ``module`` imports, directly or through others (by ``from .x``)."""
    found: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    todo.append(node.module.split(".")[0])
                else:
                    todo.extend(alias.name for alias in node.names if (package / f"{alias.name}.py").exists())
    return {name for name in found if (package / f"{name}.py").exists()}


def test_the_cache_fingerprints_every_module_the_loader_reads() -> None:
    """A change to any module that decides what loading gives (the format table, a date rule...)
    must make old cache entries misses."""
    package = Path(tcache.__file__).parent
    assert _imported_by("load", package) <= set(tcache._LOADER_MODULES)
    assert all((package / f"{name}.py").exists() for name in tcache._LOADER_MODULES)


def test_other_loader_code_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[int]
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(WARNED, encoding="utf-8")
    load([path])
    load([path])
    assert len(parses) == 1
    monkeypatch.setattr(tcache, "_loader_fingerprint", lambda: "other code")
    load([path])
    assert len(parses) == 2


def test_the_same_content_under_another_name_is_not_mixed_up(tmp_path: Path, parses: list[int]) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(WARNED, encoding="utf-8")
    b.write_text(WARNED, encoding="utf-8")
    load([a])
    loaded = load([b])
    assert len(parses) == 2
    assert {e.file for e in loaded.timeline.events} == {str(b)}
    assert {p.file for p in loaded.warnings} == {str(b)}


def test_errors_are_never_cached(tmp_path: Path, cache_home: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(WARNED.replace("kind: statement", "kind: statment"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(LoadError) as info:
            load([path])
        assert "statment" in str(info.value)
    assert entries(cache_home) == []


def test_small_timelines_are_not_cached_by_default(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tcache, "MIN_BYTES", 128 * 1024)
    path = tmp_path / "small.yaml"
    path.write_text(WARNED, encoding="utf-8")
    load([path])
    assert entries(cache_home) == []
    big = tmp_path / "big.yaml"
    big.write_text(synthetic(400), encoding="utf-8")
    assert big.stat().st_size >= tcache.MIN_BYTES
    load([big])
    assert len(entries(cache_home)) == 1


# -- a bad entry is a silent miss, and is replaced ---------------------------------------------------


def _entry_bytes(body: Any, digest: str, **header: Any) -> bytes:
    raw = json.dumps(body).encode()
    head = {
        "magic": "timeline-explorer-cache",
        "format": tcache.FORMAT,
        "version": timeline.__version__,
        "digest": digest,
        "size": len(raw),
        "body": hashlib.sha256(raw).hexdigest(),
        **header,
    }
    return json.dumps(head).encode() + b"\n" + raw


class _Payload:
    """Unpickling this would write a marker file."""

    marker = ""

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.write_text, (Path(self.marker), "pickle ran"))


def _corruptions(good: bytes, digest: str, marker: Path) -> Iterator[tuple[str, bytes]]:
    body = json.loads(good.split(b"\n", 1)[1])
    yield "empty", b""
    yield "truncated", good[: len(good) // 2]
    yield "truncated header", good[:20]
    yield "garbage", os.urandom(3000)
    yield "not utf-8", b"\xff\xfe" * 500
    yield "json of another shape", _entry_bytes({"title": "x"}, digest)
    yield "a list", _entry_bytes([1, 2, 3], digest)
    yield "deep json", _entry_bytes(json.loads("[" * 50 + "]" * 50), digest)

    def changed(*changes: tuple[tuple[str, ...], Any]) -> bytes:
        """The entry with the first value of each column named by a path into its body changed
        (``...``: the column removed)."""
        wrong = json.loads(json.dumps(body))
        for (*where, name), value in changes:
            table = functools.reduce(operator.getitem, where, wrong)
            column = table[name]
            if value is ...:
                del table[name]
            elif type(column) is dict:  # a column of few distinct strings
                column["values"][column["index"][0]] = value
            elif type(column) is list:
                column[0] = value
            else:
                table[name] = value

        return _entry_bytes(wrong, digest)

    events = ("tables", "Timeline", "events", "items")
    dates = ("pools", "FuzzyDate")
    yield "a number for a title", changed(((*events, "title"), 12))
    yield "a list number out of range", changed(((*events, "actors"), 10**6))
    yield "a negative list number", changed(((*events, "actors"), -1))
    yield "a day that does not exist", changed(((*dates, "month"), 2), ((*dates, "day"), 30))
    yield "a time that does not exist", changed(((*dates, "day"), 5), ((*dates, "hour"), 25))
    yield "an unknown kind", changed(((*events, "kind"), "party"))
    yield "an unknown link type", changed(((*events, "links", "items", "type"), "similar-to"))
    yield "a zone that does not exist", changed((("tables", "Timeline", "timezone"), "Mars/Olympus_Mons"))
    yield "a wrong count", changed(((*events, "#"), 4))
    yield "quotes that do not add up", changed(((*events, "quotes", "counts"), 3))
    yield "a missing column", changed(((*events, "location"), ...))
    yield "another version", _entry_bytes(body, digest, version="0.0.0-other")
    yield "another format", _entry_bytes(body, digest, format=tcache.FORMAT + 1)
    yield "another digest", _entry_bytes(body, "0" * 64)
    yield "a body that does not match its checksum", good.replace(b"Azerbaijan", b"Azerbaijam", 1)
    _Payload.marker = str(marker)
    yield "a pickle", pickle.dumps(_Payload())
    yield "a pickle after a good header", good.split(b"\n", 1)[0] + b"\n" + pickle.dumps(_Payload())


def test_a_bad_entry_is_ignored_silently_and_replaced(
    tmp_path: Path, cache_home: Path, parses: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(WARNED, encoding="utf-8")
    fresh = load([path], cache=False)
    load([path])
    (entry,) = entries(cache_home)
    good = entry.read_bytes()
    digest = tcache.digest([(str(path), path.read_bytes())])
    marker = tmp_path / "pickle-ran"
    for name, data in _corruptions(good, digest, marker):
        entry.write_bytes(data)
        parses.clear()
        loaded = load([path])
        assert parses == [1], name  # a miss: parsed afresh
        assert loaded == fresh, name
        assert entry.read_bytes() != data, name  # replaced by a sound entry...
        parses.clear()
        assert load([path]) == fresh, name
        assert parses == [], name  # ...which is then used
        assert not marker.exists(), name
    assert capsys.readouterr() == ("", "")


def test_reading_an_entry_never_unpickles(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    _Payload.marker = str(marker)
    entry = tmp_path / "entry.json"
    entry.write_bytes(pickle.dumps(_Payload()))
    assert tcache.read(entry, "0" * 64) is None
    assert not marker.exists()


def test_an_unreadable_or_unwritable_cache_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(WARNED, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the cache folder cannot be made
    assert load([path]) == load([path], cache=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    entry = tcache.entry_path([str(path)])
    assert entry is not None
    entry.mkdir(parents=True)  # a folder where the entry should be: cannot be read or replaced
    assert load([path]) == load([path], cache=False)


# -- where and how entries are written ---------------------------------------------------------------


def test_xdg_cache_home_is_respected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(WARNED, encoding="utf-8")
    other = tmp_path / "elsewhere"
    monkeypatch.setenv("XDG_CACHE_HOME", str(other))
    load([path])
    assert len(entries(other / "timeline-explorer")) == 1
    # unset, or relative (which the XDG spec says to ignore): ~/.cache
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for value in (None, "relative/path"):
        if value is None:
            monkeypatch.delenv("XDG_CACHE_HOME")
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", value)
        assert tcache.cache_dir() == tmp_path / "home" / ".cache" / "timeline-explorer"
    load([path])
    assert len(entries(tmp_path / "home" / ".cache" / "timeline-explorer")) == 1
    assert not (tmp_path / "relative").exists()


def test_entries_are_written_atomically(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(WARNED, encoding="utf-8")
    written: list[Path] = []
    real = tcache.write_atomic

    def spy(target: Any, data: Any, **kwargs: Any) -> Path:
        written.append(Path(target))
        return real(target, data, **kwargs)

    monkeypatch.setattr(tcache, "write_atomic", spy)
    load([path])
    assert written == entries(cache_home)
    assert [p.name for p in cache_home.iterdir()] == [written[0].name]  # no temporary file left

    # A write that fails half-way leaves the old entry whole, and the load still succeeds.
    old = written[0].read_bytes()
    path.write_text(WARNED.replace("Second", "Changed"), encoding="utf-8")

    def failing_replace(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    loaded = load([path])
    assert "Changed" in [e.title for e in loaded.timeline.events]
    assert written[0].read_bytes() == old
    assert [p.name for p in cache_home.iterdir()] == [written[0].name]


def test_old_entries_are_pruned(tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tcache, "MAX_ENTRIES", 3)
    for n in range(5):
        path = tmp_path / f"t{n}.yaml"
        path.write_text(WARNED, encoding="utf-8")
        load([path])
        os.utime(tcache.entry_path([str(path)]), (n, n))  # type: ignore[arg-type]
    load([tmp_path / "t0.yaml"])  # used again: kept
    assert len(entries(cache_home)) == 3
    assert tcache.entry_path([str(tmp_path / "t0.yaml")]) in entries(cache_home)
    # and no more than so many bytes, the newest entry always kept
    size = entries(cache_home)[0].stat().st_size
    monkeypatch.setattr(tcache, "MAX_TOTAL_BYTES", int(size * 1.5))
    path = tmp_path / "t9.yaml"
    path.write_text(WARNED, encoding="utf-8")
    load([path])
    assert entries(cache_home) == [tcache.entry_path([str(path)])]


def test_no_cache_option_writes_nothing(
    tmp_path: Path, cache_home: Path, capsys: pytest.CaptureFixture[str], parses: list[int]
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(WARNED, encoding="utf-8")
    for command in (["check"], ["list"], ["export"]):
        assert cli_main([*command, "--no-cache", str(path)]) == 0
    assert not cache_home.exists()
    assert len(parses) == 3
    assert cli_main(["check", str(path)]) == 0
    assert len(entries(cache_home)) == 1
    parses.clear()
    out = capsys.readouterr()
    assert cli_main(["list", str(path)]) == 0
    assert parses == []
    listed = capsys.readouterr()
    assert cli_main(["list", "--no-cache", str(path)]) == 0
    assert capsys.readouterr() == listed  # the same lines and warnings either way
    assert "warning" in out.out


def test_the_app_passes_no_cache_on(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import app as app_module

    seen: list[bool] = []

    class Recording(app_module.TimelineApp):
        def run(self, *args: Any, **kwargs: Any) -> Any:
            seen.append(self.cache)

    monkeypatch.setattr(app_module, "TimelineApp", Recording)
    import timeline.cli as cli  # the explorer the package registers (installed or not)

    monkeypatch.setattr(cli, "find_explorer", lambda: app_module.run_app)
    path = tmp_path / "t.yaml"
    path.write_text(WARNED, encoding="utf-8")
    cli_main(["open", "--no-cache", str(path)])
    cli_main([str(path)])
    assert seen == [False, True]


async def test_the_app_loads_without_the_cache(tmp_path: Path, cache_home: Path) -> None:
    from pilot import started

    from tui.app import TimelineApp

    path = tmp_path / "t.yaml"
    path.write_text(synthetic(30), encoding="utf-8")
    app = TimelineApp([path], watch=False, cache=False)
    async with app.run_test() as pilot:
        await started(app, pilot)
        assert app.timeline is not None and len(app.timeline.events) == 30
    assert not cache_home.exists()


def test_a_cache_entry_can_be_written_later(tmp_path: Path, cache_home: Path, parses: list[int]) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(synthetic(50), encoding="utf-8")
    loaded = load([path], write_later=True)
    assert entries(cache_home) == []
    loaded.write_cache()
    assert len(entries(cache_home)) == 1
    loaded.write_cache()  # once only
    assert len(entries(cache_home)) == 1
    parses.clear()
    assert load([path]) == loaded
    assert parses == []


async def test_the_app_writes_the_cache_once_it_has_drawn_the_timeline(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A timeline loaded in the background is drawn before the worker writes its cache entry."""
    from pilot import started

    from tui import app as app_module
    from tui import loading

    monkeypatch.setattr(loading, "SYNC_LOAD_BYTES", 0)  # load in the background whatever the size
    path = tmp_path / "t.yaml"
    path.write_text(synthetic(30), encoding="utf-8")
    order: list[str] = []
    write = tcache.write

    def recording(*args: Any) -> bool:
        order.append("cache written")
        return write(*args)

    monkeypatch.setattr(tcache, "write", recording)
    show = app_module.TimelineApp._show_view

    def showing(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.timeline is not None and "timeline drawn" not in order:
            self.call_after_refresh(order.append, "timeline drawn")
        return show(self, *args, **kwargs)

    monkeypatch.setattr(app_module.TimelineApp, "_show_view", showing)
    app = app_module.TimelineApp([path], watch=False)
    async with app.run_test() as pilot:
        await started(app, pilot)  # the load starts once the first frame is drawn
        assert app.timeline is not None and len(app.timeline.events) == 30
    assert order == ["timeline drawn", "cache written"]
    assert len(entries(cache_home)) == 1


# -- progress -----------------------------------------------------------------------------------------


def test_progress_is_reported_every_thousand_events(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(synthetic(2500, seed=1), encoding="utf-8")
    b.write_text(EXTRA, encoding="utf-8")
    seen: list[float] = []
    loaded = load([a, b], cache=False, progress=seen.append)
    assert len(loaded.timeline.events) == 2501
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert 0 < seen[0] < 1
    assert len(seen) == 2 + 1 + 1  # after 1000 and 2000 events of a, the end of a, the end of b
    size_a = a.stat().st_size
    assert abs(seen[2] - size_a / (size_a + b.stat().st_size)) < 1e-9


def test_an_exception_from_progress_stops_the_load(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(synthetic(3000), encoding="utf-8")

    class Stop(Exception):
        pass

    def stop(fraction: float) -> None:
        raise Stop

    with pytest.raises(Stop):
        load([path], progress=stop)
    assert tcache.entry_path([str(path)]) is not None
    assert not tcache.entry_path([str(path)]).exists()  # type: ignore[union-attr]


# -- the cycle collector --------------------------------------------------------------------------------


def _collector_seen_by_progress(path: Path, **kwargs: Any) -> list[bool]:
    seen: list[bool] = []
    load([path], progress=lambda _: seen.append(gc.isenabled()), **kwargs)
    return seen


def test_the_collector_is_paused_while_a_timeline_is_built_and_back_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(synthetic(2500), encoding="utf-8")
    assert gc.isenabled()
    # A fresh parse: progress comes after 1000 and 2000 events and at the end, all in the pause.
    assert _collector_seen_by_progress(path) == [False] * 3
    assert gc.isenabled()
    decoded: list[bool] = []
    decode = tcache._decode

    def watched(body: Any) -> Any:
        decoded.append(gc.isenabled())
        return decode(body)

    monkeypatch.setattr(tcache, "_decode", watched)
    load([path])  # read back from the cache the fresh parse wrote
    assert decoded == [False]
    assert gc.isenabled()


def test_the_collector_is_back_after_a_failed_load_and_stays_off_if_it_was(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(synthetic(10).replace("events:", "events: [", 1), encoding="utf-8")
    with pytest.raises(LoadError):
        load([bad], cache=False)
    assert gc.isenabled()

    class Stop(Exception):
        pass

    def stop(fraction: float) -> None:
        raise Stop

    good = tmp_path / "good.yaml"
    good.write_text(synthetic(1500), encoding="utf-8")
    with pytest.raises(Stop):
        load([good], cache=False, progress=stop)
    assert gc.isenabled()
    gc.disable()
    try:
        load([good], cache=False)
        assert not gc.isenabled()  # whoever turned it off turns it back on
    finally:
        gc.enable()


def test_overlapping_pauses_resume_the_collector_when_the_last_ends() -> None:
    from timeline.gcpause import gc_paused

    first, second = gc_paused(), gc_paused()  # as two loads in threads: the first ends first
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


# -- the property: fast path == straightforward path ------------------------------------------------------

ACTOR_IDS = ["az", "nk", "ru", "eu"]
SOURCE_IDS = ["s1", "s2", "s3"]
DATES = [
    "2023",
    "2023-07",
    "2023-07-05",
    "early 2023-07",
    "late 2023",
    "mid 2022-02",
    "2023-07~",
    "2023?",
    "1991%",
    "5 August 2023",
    "July 2023",
    "early July 2023",
]
BAD_DATES = ["2023-13", "2023-02-30", "sometime", "07/2023", "early 2023-07-05", ""]


@dataclass
class Spec:
    """A generated timeline: the text of its files."""

    files: list[str]


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


@st.composite
def timelines(draw: st.DrawFn) -> Spec:
    valid = draw(st.booleans())
    bad = (lambda: draw(st.integers(0, 9)) == 0) if not valid else (lambda: False)
    lines = [f"title: {draw(st.sampled_from(['Talks', 'Война', 'A: quoted title']))!r}"]
    if draw(st.booleans()):
        lines.append("description: |\n  Some words.\n\n  More words.")
    lines.append("actors:")
    for actor in ACTOR_IDS:
        lines.append(f"  {actor}:")
        lines.append(f"    name: {'Name of ' + actor.upper() if not bad() else ''}")
        if draw(st.booleans()):
            lines.append(f"    aliases: {_yaml_list([actor.upper() + 'X', 'Alias ' + actor])}")
        if bad():
            lines.append("    nmae: typo")
    lines.append("sources:")
    for source in SOURCE_IDS:
        date = draw(st.sampled_from(BAD_DATES if bad() else DATES))
        lines.append(
            f"  {source}: {{title: Source {source}, publisher: P, date: {date!r}, url: https://e.org/{source}}}"
        )
    lines.append("events:")
    used: list[str] = []
    for n in range(draw(st.integers(1, 8))):
        event_id = f"e{n}" if not bad() else draw(st.sampled_from(["e0", "Bad Id", ""]))
        used.append(event_id)
        kind = draw(st.sampled_from(KINDS)) if not bad() else "meting"
        lines.append(f"  - id: {event_id!r}")
        date = draw(st.sampled_from(BAD_DATES if bad() else DATES))
        lines.append(f"    date: {date!r}")
        if draw(st.integers(0, 3)) == 0:
            lines.append(
                f"    end: {draw(st.sampled_from(['2024', '2025-01', '1990' if bad() else '2026']))!r}"
            )
        title = draw(
            st.sampled_from(["A title", "Talks: again", "Lachin corridor\\u202e", "x" if not bad() else ""])
        )
        lines.append(f'    title: "{title}"')
        lines.append(f"    kind: {kind}")
        if kind in ("meeting", "proposal") and not bad():
            outcome = draw(st.sampled_from(list(OUTCOMES)))
            lines.append(f"    outcome: {outcome}")
            if outcome == "declined":
                lines.append(f"    declined_by: [{draw(st.sampled_from(ACTOR_IDS))}]")
        actors = draw(
            st.lists(st.sampled_from(ACTOR_IDS + (["zz"] if bad() else [])), min_size=1, max_size=3)
        )
        lines.append(f"    actors: {_yaml_list(actors)}")
        if draw(st.booleans()):
            tags = draw(st.lists(st.sampled_from(["talks", "war", "Bad Tag" if bad() else "x"]), max_size=2))
            lines.append(f"    tags: {_yaml_list(tags)}")
        summary = draw(st.sampled_from(["Words.", "Words \\x1b[2J here.", "One.\\n\\nTwo."]))
        lines.append(f'    summary: "{summary}"')
        if draw(st.booleans()):
            lines.append("    quotes:")
            lines.append(f"      - {{text: Said, by: Someone, actor: {draw(st.sampled_from(ACTOR_IDS))}}}")
        lines.append(
            f"    sources: {_yaml_list(draw(st.lists(st.sampled_from(SOURCE_IDS), min_size=1, max_size=2)))}"
        )
        if bad():
            lines.append("    colour: red")
    text = "\n".join(lines) + "\n"
    if not valid and draw(st.booleans()):
        # break the YAML itself somewhere
        rows = text.split("\n")
        at = draw(st.integers(0, len(rows) - 1))
        # (Not a trailing tab: libyaml allows one after a value where PyYAML's pure parser does not.)
        damage = draw(st.sampled_from([": :", '"', "- [", "  ", "&a x", "*a", "!!python/none", " #"]))
        rows[at] = rows[at] + damage if damage != "  " else damage + rows[at]
        text = "\n".join(rows)
    files = [text]
    if draw(st.integers(0, 4)) == 0:
        files.append(text.replace("title:", "title: second", 1))
    return Spec(files)


def _outcome(paths: list[Path], *, cache: bool) -> tuple[str, Any]:
    try:
        loaded = load(paths, cache=cache)
    except LoadError as exc:
        return "error", exc.problems
    return "ok", loaded


@contextlib.contextmanager
def _pure_parser() -> Iterator[None]:
    """The pure-Python parser instead of libyaml."""
    saved = timeline.yamlsrc._Parser
    timeline.yamlsrc._Parser = yaml.SafeLoader
    try:
        yield
    finally:
        timeline.yamlsrc._Parser = saved


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=timelines())
def test_fast_path_gives_what_the_straightforward_path_gives(spec: Spec) -> None:
    """libyaml and the parse cache (written, then read back) against the pure-Python parser, uncached."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for n, text in enumerate(spec.files):
            path = folder / f"f{n}.yaml"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        old = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        try:
            writing = _outcome(paths, cache=True)
            reading = _outcome(paths, cache=True)
        finally:
            if old is None:
                del os.environ["XDG_CACHE_HOME"]
            else:
                os.environ["XDG_CACHE_HOME"] = old
        with _pure_parser():
            plain = _outcome(paths, cache=False)
    assert writing == reading
    assert writing[0] == plain[0], (writing, plain)
    syntax = writing[0] == "error" and any("YAML" in p.message for p in writing[1])
    event("valid" if writing[0] == "ok" else "YAML error" if syntax else "schema errors")
    if writing[0] == "ok":
        assert writing[1].timeline == plain[1].timeline
        assert writing[1].warnings == plain[1].warnings
        return
    fast, slow = writing[1], plain[1]
    assert [(p.file, p.line, p.warning) for p in fast] == [(p.file, p.line, p.warning) for p in slow]
    for a, b in zip(fast, slow, strict=True):
        if "YAML syntax error" in a.message:
            # the two parsers word their syntax errors differently (and may place the column
            # differently); the line is the same, and so is our hint
            assert a.message.partition("; ")[2] == b.message.partition("; ")[2]
        else:
            assert (a.col, a.message) == (b.col, b.message)


def _outcome_of(files: list[tuple[str, bytes]]) -> tuple[str, Any]:
    try:
        loaded = tload.load_text(files)
    except LoadError as exc:
        return "error", exc.problems
    return "ok", (loaded.timeline, loaded.warnings, [(e.file, e.line) for e in loaded.timeline.events])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=timelines())
def test_the_usual_value_reads_as_the_full_reader_reads_it(spec: Spec) -> None:
    """Each reader takes the usual value in a first branch when the file needs no cleaning; a
    backslash in a comment makes every value go the whole way, which must give the same."""
    plain = [(f"f{n}.yaml", text.encode("utf-8")) for n, text in enumerate(spec.files)]
    full = [(name, data + b"\n# a backslash: \\\n") for name, data in plain]
    sources = [timeline.yamlsrc.read_source(name, data, []) for name, data in full]
    assert not any(src.clean for src in sources if src is not None)
    first = _outcome_of(plain)
    # What the parser says at a syntax error can depend on what follows it, the comment too
    assume(first[0] == "ok" or not any("YAML" in p.message for p in first[1]))
    assert first == _outcome_of(full)
    clean = [timeline.yamlsrc.read_source(name, data, []) for name, data in plain]
    event("short way taken" if any(src is not None and src.clean for src in clean) else "escapes in the file")
    event("valid" if first[0] == "ok" else "errors")


def test_real_and_generated_files_read_the_same_the_short_way_and_the_whole_way() -> None:
    """The bundled timeline and the benchmark's generated one need no cleaning: read both ways."""
    for name, data in (("bundled.yaml", bundled_path().read_bytes()), ("gen.yaml", synthetic(400).encode())):
        src = timeline.yamlsrc.read_source(name, data, [])
        assert src is not None and src.clean
        assert _outcome_of([(name, data)]) == _outcome_of([(name, data + b"\n# \\\n")])


#: One event each, written in a way a loader could get wrong; {ok} is a valid event's lines.
ODD_EVENTS = [
    "  - &a\n{ok}",  # an anchored event
    "  - !!map\n{ok}",  # a tagged one
    "{ok}    colour: red\n",  # an unknown key
    "{ok}    id: again\n",  # a key twice
    "{ok}    <<: {{id: x}}\n",  # a merge key
    "{ok}    '<<': x\n",  # a quoted << is an unknown key
    "{ok}    tags: [a, &t b]\n",  # an anchor inside a list
    "{ok}    tags: [a, *t]\n",  # an alias
    "{ok}    tags: [[a]]\n",  # a list in a list
    "{ok}    quotes: [{{text: x, by: [y]}}]\n",  # a list in a quote
    "{ok}    quotes: [{{text: x, by: y, actor: &q az}}]\n",
    "{ok}    quotes: [x]\n",
    "{ok}    quotes: {{text: x}}\n",
    "{ok}    quotes: ~\n",
    "{ok}    quotes: []\n",
    "{ok}    quotes: [{{text: ' ', by: y}}]\n",
    "{ok}    quotes: [{{text: x, by: y, actor: '', source: ~}}]\n",
    "{ok}    quotes: [{{text: x, by: y, actor: zz, source: s1}}]\n",
    '{ok}    quotes: [{{text: "x\\u202e", by: y, colour: red}}]\n',
    "{ok}    location: ~\n",
    "{ok}    location: ''\n",
    '{ok}    location: "two\\nlines"\n',
    "{ok}    location: [a]\n",
    "{ok}    tags: ~\n",
    "{ok}    tags: []\n",
    "{ok}    tags: ['', a]\n",
    "{ok}    tags: [Bad Tag]\n",
    "{ok}    tags: 'talks'\n",
    '{ok}    tags: ["a\\x1b"]\n',
    "{ok}    end: ~\n",
    "{ok}    end: 1990\n",
    "{ok}    end: 2024-02-30\n",
    "{ok}    end: [2024]\n",
    "{ok}    declined_by: [az]\n",
    "{ok}    outcome: held\n",
    "{ok}    outcome: ''\n",
    "{ok}    outcome: ~\n",
    "  - id: e1\n    date: 2023-07-05\n    title: t\n    kind: meeting\n    outcome: declined\n"
    "    declined_by: [nk, '  nk ']\n    actors: [az]\n    summary: s\n    sources: [s1]\n",
    "  - id: e1\n    date: 2023-07-05\n    title: t\n    kind: meeting\n    actors: [az]\n"
    "    summary: s\n    sources: [s1]\n",
    "  - id: e1\n    date: 2023-07-05\n    title: t\n    kind: meeting\n    outcome: never\n"
    "    actors: [az]\n    summary: s\n    sources: [s1]\n",
    "  - id: e1\n    date: 2023-07-05\n    title: t\n    kind: meating\n"
    "    actors: [az]\n    summary: s\n    sources: [s1]\n",
    "  - id: E 1\n    date: 2023\n    title: ' Spaced   title '\n    kind: statement\n"
    "    actors: [' az ', 'a  z']\n    summary: '  s  '\n    sources: [s1, s1]\n",
    '  - id: e1\n    date: 2023\n    title: "two\\nlines"\n    kind: statement\n'
    "    actors: []\n    summary: ''\n    sources: ~\n",
    "  - id: e1\n    date: NO\n    title: null\n    kind: ~\n    actors: [~]\n    summary: 007\n"
    "    sources: [Null]\n",
    '  - id: e1\n    date: 5 August 2023\n    title: "A \\u202e title"\n    kind: statement\n'
    '    actors: [az]\n    summary: "\\x07"\n    sources: [s1]\n',
    "  - id: e1\n    date: 2023\r\n    title: t\r\n    kind: statement\r\n"
    "    actors: [az]\r\n    summary: |\r\n      line\r\n      line\r\n    sources: [s1]\r\n",
    # unknown ids, settled at the end with their places
    "  - id: e1\n    date: 2023\n    title: t\n    kind: statement\n    actors: [zz]\n    summary: s\n"
    "    sources: [s1, nope]\n    quotes: [{{text: x, by: y, actor: nk, source: nope}}]\n",
    "  - id: e1\n    date: 2023\n    title: t\n    kind: statement\n    actors: [az]\n    summary: s\n"
    "    sources: [s1]\n    quotes: [{{text: x, by: y, actor: Azerbaijan}}]\n",
    "{ok}  - {ok_inline}\n",  # the same id twice, in two events
    "{ok}    tags: [a, &t b, *t, [[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]\n",  # too deep after an anchor
    "{ok}    tags: [a, &t b\n",  # a syntax error after an anchor, in the same event
    '{ok}    summary: "never closed\n',
    "  - [a, list]\n",
    "  - just text\n",
    "  - ~\n",
]


def _dated(date: str, end: str | None = None) -> str:
    """The valid event with another date (and an end)."""
    lines = ODD_OK.replace("date: 2023-07-05", f"date: {date}").replace("e0", "e1")
    return lines + (f"    end: {end}\n" if end is not None else "")


ODD_HEAD = """\
title: Odd
actors:
  az: {name: Azerbaijan}
  nk: {name: Nagorno-Karabakh}
sources:
  s1: {title: S, publisher: P, date: 2023, url: "https://e.org/s"}
events:
"""
ODD_OK = (
    "  - id: e0\n    date: 2023-07-05\n    title: A title\n    kind: statement\n"
    "    actors: [az, nk]\n    summary: Words.\n    sources: [s1]\n"
)
ODD_HEADS = ["", "timezone: Asia/Baku\nrequire: [actors]\n"]
ODD_OK_INLINE = "{id: e0, date: 2023, title: T, kind: war, actors: [az], summary: S, sources: [s1]}"


# the date model: ranges in one value, times, offsets, BC years
ODD_EVENTS += [
    _dated("27 Sep – 10 Nov 2020"),
    _dated("27 Sep – 10 Nov 2020", "2021"),
    _dated("1990", "1991–1994"),
    _dated("1990", "~"),
    _dated("~"),
    _dated("2020-09-27T13:00"),
    _dated("2020-09-27T13:00+04:00", "2020-09-27T14:00"),
    _dated("2020-09-27T13:00", "2020-09-27T12:00"),
    _dated("2020-09-27T13:00Z", "2020-09-27T12:30+01:00"),
    _dated("2020-09-27T13:00Z", "2020-09-27T14:30+01:00"),
    _dated("300 BC", "200 BC"),
    _dated("200 BC", "300 BC"),
    _dated("'2023-07-05'", "'2023-07-04'"),
    ODD_OK.replace("    actors: [az, nk]\n", "").replace("e0", "e1"),
    ODD_OK.replace("[s1]", "[]").replace("e0", "e1"),
]


#: What the loader said of each odd event, with each parser: recorded from the located-tree
#: reader that was the reference before the loader had one path (every message, line and column
#: as it was; only the tag rule's wording has changed since), so the one path keeps them.
ODD_OUTCOMES = json.loads((Path(__file__).parent / "data" / "odd_events.json").read_text(encoding="utf-8"))


def _odd_outcome(text: str) -> dict[str, Any]:
    try:
        loaded = tload.load_text([("odd.yaml", text.encode("utf-8"))])
    except LoadError as exc:
        return {"errors": [str(p) for p in exc.problems]}
    return {
        "ok": [f"{e.id} {e.line} {e.when.display()}" for e in loaded.timeline.events],
        "warnings": [str(w) for w in loaded.warnings],
    }


def test_every_odd_event_has_its_recorded_outcome() -> None:
    assert [(row["head"], row["event"]) for row in ODD_OUTCOMES] == [
        (head, odd) for head in ODD_HEADS for odd in ODD_EVENTS
    ]


@pytest.mark.parametrize("odd", ODD_EVENTS)
@pytest.mark.parametrize("head", ODD_HEADS)
@pytest.mark.parametrize("parser", ["libyaml", "pure"])
def test_odd_events_give_the_recorded_problems(odd: str, head: str, parser: str) -> None:
    text = head + ODD_HEAD + ODD_OK.replace("e0", "first") + odd.format(ok=ODD_OK, ok_inline=ODD_OK_INLINE)
    (recorded,) = [row for row in ODD_OUTCOMES if (row["head"], row["event"]) == (head, odd)]
    with _pure_parser() if parser == "pure" else contextlib.nullcontext():
        assert _odd_outcome(text) == recorded[parser]


def test_an_unknown_id_is_placed_in_one_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """References settled at the end keep their places: the file is parsed once, errors or not."""
    parses: list[str] = []
    compose = tload.compose

    def counting(src: Any, *args: Any, **kwargs: Any) -> Any:
        parses.append(src.name)
        return compose(src, *args, **kwargs)

    monkeypatch.setattr(tload, "compose", counting)
    text = ODD_HEAD + ODD_OK + ODD_OK.replace("e0", "e1").replace("[s1]", "[s1, nope]")
    with pytest.raises(LoadError) as caught:
        tload.load_text([("odd.yaml", text.encode())])
    assert [str(p) for p in caught.value.problems] == ["odd.yaml:21:19: unknown source id 'nope'"]
    assert parses == ["odd.yaml"]


def test_sections_after_the_events_and_in_other_files_are_found() -> None:
    """Actors and sources are settled as read when declared first; declared later, or in another
    file, the references wait for the end, and an unknown one is still placed."""
    events = "events:\n" + ODD_OK
    actors = "actors:\n  az: {name: Azerbaijan}\n  nk: {name: Nagorno-Karabakh}\n"
    sources = 'sources:\n  s1: {title: S, publisher: P, date: 2023, url: "https://e.org/s"}\n'
    other = "events:\n" + ODD_OK.replace("e0", "e9").replace("    actors: [az, nk]\n", "")
    after = "title: After\n" + events + actors + sources
    assert [e.id for e in tload.load_text([("after.yaml", after.encode())]).timeline.events] == ["e0"]
    first = ("a.yaml", ("title: A\n" + events).encode())
    split = [first, ("b.yaml", ("title: B\n" + actors + sources + other).encode())]
    assert [e.id for e in tload.load_text(split).timeline.events] == ["e0", "e9"]
    with pytest.raises(LoadError) as caught:
        tload.load_text([first, ("b.yaml", ("title: B\n" + sources + other).encode())])
    assert [str(p) for p in caught.value.problems] == [
        "a.yaml:7:14: unknown actor id 'az'",
        "a.yaml:7:18: unknown actor id 'nk'",
    ]


def test_the_byte_check_finds_every_raw_control_character() -> None:
    """read_source runs its exact search only when a check on the bytes says it may find something."""
    found = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    found = [c for c in found if timeline.yamlsrc._RAW_CONTROL.search(c)]
    assert len(found) > 60
    for c in found:
        for text in (f"a{c}b", c, f"é{c}", f"{c}\n" if c != "\r" else "\r"):
            assert timeline.yamlsrc._may_hold_raw_control(text.encode("utf-8")), repr(text)
    assert timeline.yamlsrc._may_hold_raw_control(b"a\rb")
    assert timeline.yamlsrc._may_hold_raw_control(b"a\r\nb\r")
    for fine in ("plain text\n", "crlf\r\nlines\r\n", "tab\there", "– « » é ü 世界 \u202e \u2066"):
        assert not timeline.yamlsrc._may_hold_raw_control(fine.encode("utf-8")), repr(fine)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.characters(codec="utf-8", exclude_categories=["Cs"])
        | st.sampled_from(["\r", "\r\n", "\x85", "\u2028", "\ufeff", "\x1b", "\x7f", "\x9f", "\u202e"]),
        max_size=40,
    ).map("".join)
)
def test_the_byte_check_never_misses_what_the_exact_search_finds(text: str) -> None:
    if timeline.yamlsrc._RAW_CONTROL.search(text):
        assert timeline.yamlsrc._may_hold_raw_control(text.encode("utf-8"))


_UNSAFE_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@settings(max_examples=300, deadline=None)
@given(
    value=st.lists(
        st.sampled_from(
            ["a", " ", "\\", '"', "'", "x1b", "u202e", "\u202e", "\u2067", "\r\n", "\n", "0", "t", "é"]
        ),
        max_size=20,
    ).map("".join),
    style=st.sampled_from(["plain", "double", "single", "block"]),
)
def test_a_file_said_clean_gives_only_values_that_need_no_cleaning(value: str, style: str) -> None:
    """SourceText.clean lets the loader skip sanitize.clean: it must never be wrong."""
    quoted = {
        "plain": value,
        "double": '"' + value + '"',
        "single": "'" + value + "'",
        "block": "|\n  " + value,
    }[style]
    data = f"k: {quoted}\n".encode()
    src = timeline.yamlsrc.read_source("v.yaml", data, [])
    if src is None or not src.clean:
        return
    try:
        values = [
            e.value for e in yaml.parse(src.data, Loader=yaml.CSafeLoader) if isinstance(e, yaml.ScalarEvent)
        ]
    except yaml.YAMLError:
        return
    assert not any(_UNSAFE_VALUE.search(v) for v in values), values


# -- the indexed filters equal the straightforward ones ----------------------------------------------


def reference_apply(flt: Filter, tl: Timeline) -> list[int]:
    """Filter.apply as first written: one pass over the events per condition."""
    events = tl.events
    rows: Any = range(len(events))
    if flt.actors:
        lists = [tl.by_actor.get(a, []) for a in flt.actors]
        if flt.match == "all":
            rows = sorted(set(lists[0]).intersection(*lists[1:]))
        else:
            rows = sorted(set().union(*lists))
    if flt.text:
        words = [w.casefold() for w in flt.text.split()]
        hay = tl.haystacks
        rows = [i for i in rows if all(w in hay[i] for w in words)]
    if flt.tags:
        rows = [i for i in rows if not flt.tags.isdisjoint(events[i].tags)]
    if flt.kinds:
        rows = [i for i in rows if events[i].kind in flt.kinds]
    if flt.outcomes:
        rows = [i for i in rows if events[i].outcome in flt.outcomes]
    if flt.date_from or flt.date_to:
        lo = flt.date_from.first_day if flt.date_from else None
        hi = flt.date_to.last_day if flt.date_to else None
        rows = [
            i
            for i in rows
            if (lo is None or events[i].when.last_day >= lo)
            and (hi is None or events[i].when.first_day <= hi)
        ]
    return list(rows)


@pytest.fixture(scope="module")
def big() -> Timeline:
    return load_text_of(synthetic(1500, seed=3))


def load_text_of(text: str) -> Timeline:
    from timeline import load_text

    return load_text([("synthetic.yaml", text.encode())]).timeline


WORDS = ["lachin", "corridor", "talks", "russia", "moscow", "a", "co", "zz", "ost", "RU", "e", "mission", "-"]


@st.composite
def filters(draw: st.DrawFn) -> Filter:
    actors = draw(
        st.frozensets(st.sampled_from(["russia", "armenia", "azerbaijan", "nobody", "ilham-aliyev"]))
    )
    tags = draw(st.frozensets(st.sampled_from(["talks", "war", "blockade", "none"]), max_size=2))
    kinds = draw(st.frozensets(st.sampled_from(KINDS), max_size=3))
    outcomes = draw(st.frozensets(st.sampled_from([*OUTCOMES, None]), max_size=2))  # type: ignore[list-item]
    date_from = draw(
        st.one_of(st.none(), st.sampled_from(["1990", "2000-06", "early 2010", "2024"]).map(parse_date))
    )
    date_to = draw(
        st.one_of(st.none(), st.sampled_from(["1989", "1995-03-04", "late 2012", "2030"]).map(parse_date))
    )
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3)))
    return Filter(
        actors=actors,
        match=draw(st.sampled_from(["any", "all"])),
        tags=tags,
        kinds=kinds,
        outcomes=outcomes,  # type: ignore[arg-type]
        date_from=date_from,
        date_to=date_to,
        text=text,
    )


@settings(max_examples=300, deadline=None)
@given(flt=filters())
def test_indexed_filter_equals_the_straightforward_one(big: Timeline, flt: Filter) -> None:
    assert flt.apply(big) == reference_apply(flt, big)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    actors=st.frozensets(st.sampled_from(["russia", "armenia"])),
)
def test_typing_and_deleting_letters_gives_the_same_rows(
    big: Timeline, words: list[str], actors: frozenset[str]
) -> None:
    """The search memo (narrowing by a shorter word) never changes a result."""
    typed = ""
    for word in words:
        for letter in word + " ":
            typed += letter
            flt = Filter(actors=actors, text=typed)
            assert flt.apply(big) == reference_apply(flt, big), typed
    while typed:
        typed = typed[:-1]
        flt = Filter(actors=actors, text=typed)
        assert flt.apply(big) == reference_apply(flt, big), typed


@pytest.fixture(scope="module")
def indexed() -> Timeline:
    """The same timeline as ``big``, with its word index built (``big`` scans)."""
    tl = load_text_of(synthetic(1500, seed=3))
    tl.build_search_index()
    return tl


@st.composite
def search_words(draw: st.DrawFn, tl: Timeline) -> str:
    """A word as typed: a piece of an event's text or actors' names, or any text."""
    hay = tl.haystacks[draw(st.integers(0, len(tl.events) - 1))]
    start = draw(st.integers(0, len(hay) - 1))
    piece = hay[start : start + draw(st.integers(1, 12))]
    word = draw(st.one_of(st.just(piece), st.sampled_from(WORDS), st.text(min_size=1, max_size=4)))
    words = word.casefold().split()
    return words[0] if words else "x"


def scan(tl: Timeline, word: str) -> list[int]:
    return [i for i, hay in enumerate(tl.haystacks) if word in hay]


def test_the_index_holds_every_kind_of_token(indexed: Timeline) -> None:
    index = indexed.search_index
    assert index is not None
    assert 0 < index.common < index.single < len(index.tokens)  # bit sets, lists and single events


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_index_finds_what_a_scan_finds(indexed: Timeline, data: st.DataObject) -> None:
    word = data.draw(search_words(indexed))
    index = indexed.search_index
    assert index is not None
    found = index.find(word, budget=10**9)
    if re.search(r"\w", word):
        assert found == scan(indexed, word)
    else:
        assert found is None  # nothing to look up: the caller scans


@pytest.mark.parametrize("word", ["trend-desk", "-desk-", "process.", "the.", "e0-", "u.s.", "-1"])
def test_the_index_checks_a_word_with_other_characters_than_word_characters(
    indexed: Timeline, word: str
) -> None:
    """Such a word is looked up by its runs of word characters, then checked whole."""
    index = indexed.search_index
    assert index is not None
    found = index.find(word, budget=10**9)
    assert found == scan(indexed, word)


def test_the_index_gives_way_to_a_scan_when_a_word_is_in_too_many_rare_tokens(indexed: Timeline) -> None:
    index = indexed.search_index
    assert index is not None
    assert index.find("1", budget=10) is None  # the numbers ending event ids are rare tokens
    assert index.find("1", budget=10**9) == scan(indexed, "1")
    for word in ("1", "-", "e1-"):  # the filter then scans, with the same result
        flt = Filter(text=word)
        assert flt.apply(indexed) == reference_apply(flt, indexed)


@settings(max_examples=300, deadline=None)
@given(flt=filters())
def test_indexed_search_equals_the_straightforward_one(indexed: Timeline, flt: Filter) -> None:
    assert flt.apply(indexed) == reference_apply(flt, indexed)


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_typing_with_the_index_gives_the_same_rows(indexed: Timeline, words: list[str]) -> None:
    typed = ""
    for letter in " ".join(words):
        typed += letter
        flt = Filter(text=typed)
        assert flt.apply(indexed) == reference_apply(flt, indexed), typed
    while typed:
        typed = typed[:-1]
        flt = Filter(text=typed)
        assert flt.apply(indexed) == reference_apply(flt, indexed), typed


@pytest.mark.parametrize("n", [0, 1, 5, 64, 65, 200])
def test_the_index_of_small_timelines(n: int) -> None:
    tl = load_text_of(synthetic(n, seed=11)) if n else Timeline("empty", {}, {}, ())
    index = tl.build_search_index()
    for word in ["a", "lachin", "e0", "zz", "talks.", "-1"]:
        assert index.find(word) == scan(tl, word), (n, word)
    assert index.find("-") is None  # no word character: the caller scans


@given(rows=st.sets(st.integers(0, 299)), n=st.integers(300, 900))
def test_bit_sets_hold_their_rows(rows: set[int], n: int) -> None:
    assert rows_from_bits(bits_from_rows(rows, n), n) == sorted(rows)


def test_building_the_index_can_be_stopped(big: Timeline) -> None:
    calls = []

    def check() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise KeyboardInterrupt

    fresh = load_text_of(synthetic(300, seed=2))
    with pytest.raises(KeyboardInterrupt):
        fresh.build_search_index(check)
    assert fresh.search_index is None  # nothing half-built is kept
    assert fresh.build_search_index() is fresh.search_index


def test_apply_returns_a_list_of_its_own(big: Timeline) -> None:
    rows = Filter(actors=frozenset({"russia"})).apply(big)
    rows.clear()
    assert Filter(actors=frozenset({"russia"})).apply(big) == reference_apply(
        Filter(actors=frozenset({"russia"})), big
    )
    rows = Filter(text="lachin").apply(big)
    rows.append(-1)
    assert Filter(text="lachin").apply(big) == reference_apply(Filter(text="lachin"), big)


def test_unordered_timelines_are_filtered_right(big: Timeline) -> None:
    events = list(big.events)
    random.Random(5).shuffle(events)
    shuffled = Timeline(big.title, big.actors, big.sources, tuple(events))
    assert not shuffled.in_order
    for flt in [
        Filter(date_to=parse_date("2000")),
        Filter(date_from=parse_date("2010"), date_to=parse_date("2012")),
    ]:
        assert flt.apply(shuffled) == reference_apply(flt, shuffled)


def test_related_events_equal_a_scan(big: Timeline) -> None:
    for index in range(0, len(big.events), 7):
        actors = set(big.events[index].involved)
        before = [i for i in range(index) if actors.intersection(big.events[i].involved)]
        after = [i for i in range(index + 1, len(big.events)) if actors.intersection(big.events[i].involved)]
        assert big.related(index) == (before[-1] if before else None, after[0] if after else None)


def test_counts_over_rows(big: Timeline) -> None:
    rows = Filter(text="talks").apply(big)
    events = big.events
    assert big.actor_counts(rows) == Counter(a for i in rows for a in events[i].involved)
    assert big.tag_counts(rows) == Counter(t for i in rows for t in events[i].tags)
    assert big.kind_counts(rows) == Counter(events[i].kind for i in rows)
    assert big.outcome_counts(rows) == Counter(events[i].outcome for i in rows)


# -- the row layout and the overview equal the straightforward ones ------------------------------------


def reference_layout(tl: Timeline, shown: list[int]) -> list[tuple[int, int]]:
    """The timeline pane's rows as first written: one pass, (kind, value) per row."""
    from tui.rows import EVENT, GAP, GAP_DAYS, YEAR

    rows: list[tuple[int, int]] = []
    year = None
    prev_latest: int | None = None  # day numbers (timeline.dates.day_number)
    for i in shown:
        when = tl.events[i].when
        start = when.first_day
        if prev_latest is not None and start - prev_latest >= GAP_DAYS:
            rows.append((GAP, start - prev_latest))
        if from_day_number(start)[0] != year:
            year = from_day_number(start)[0]
            rows.append((YEAR, year))
        rows.append((EVENT, i))
        latest = when.last_day
        if prev_latest is None or latest > prev_latest:
            prev_latest = latest
    return rows


def _gappy() -> Timeline:
    """Events with long pauses and long spans between them, so gaps are hidden by spans at times."""
    events = []
    rng = random.Random(11)
    for n in range(300):
        year = rng.choice([1900, 1901, 1905, 1950, 1951, 1952, 1980, 1999, 2000, 2001, 2020])
        date = f"{year}-{rng.randint(1, 12):02d}"
        end = f"\n    end: {year + rng.choice([1, 3, 10, 30])}" if rng.random() < 0.1 else ""
        events.append(
            f"  - id: e{n}\n    date: '{date}'{end}\n    title: T{n}\n    kind: war\n    actors: [a]\n"
            f"    summary: S.\n    sources: [s]\n"
        )
    head = (
        "title: Gaps\nactors:\n  a: {name: A}\nsources:\n  s: {title: S, publisher: P, date: '2000', "
        "url: 'https://e.org'}\nevents:\n"
    )
    return load_text_of(head + "".join(events))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_row_layout_equals_the_straightforward_one(big: Timeline, data: st.DataObject) -> None:
    from tui.rows import layout

    tl = data.draw(st.sampled_from([big, GAPPY]))
    n = len(tl.events)
    shown = sorted(data.draw(st.sets(st.integers(0, n - 1), max_size=n)))
    if data.draw(st.booleans()):
        shown = list(range(n)) if data.draw(st.booleans()) else shown
    rows = layout(tl, shown)
    expected = reference_layout(tl, shown)
    assert [rows.at(r) for r in range(len(rows))] == expected
    assert list(rows.event_rows) == [r for r, (kind, _) in enumerate(expected) if kind == 2]
    assert [rows.kinds[r] for r in range(len(rows))] == [k for k, _ in expected]
    event_rows = list(rows.event_rows)
    assert rows.year_starts == [p for p, r in enumerate(event_rows) if r >= 1 and expected[r - 1][0] == 0]


GAPPY = _gappy()


def test_row_layout_of_an_unordered_timeline(big: Timeline) -> None:
    from tui.rows import layout

    events = list(big.events)
    random.Random(2).shuffle(events)
    shuffled = Timeline(big.title, big.actors, big.sources, tuple(events))
    for shown in ([], [3], list(range(len(events))), list(range(0, len(events), 3))):
        rows = layout(shuffled, shown)
        assert [rows.at(r) for r in range(len(rows))] == reference_layout(shuffled, shown)


def test_overview_density_and_axis_equal_a_per_event_count() -> None:
    from tui.widgets.overview import SPARK, Overview, TimeScale

    for tl in (GAPPY, load([bundled_path()], cache=False).timeline, load_text_of(synthetic(800, seed=9))):
        for width in (10, 23, 80, 151):
            scale = TimeScale.build(tl, width)
            columns = [scale.column(e.when.first_day) for e in tl.events]
            for shown in (
                list(range(len(tl.events))),
                list(range(0, len(tl.events), 5)),
                [len(tl.events) // 2],
                [],
            ):
                overview = Overview()
                overview.timeline, overview.shown = tl, shown
                overview._ensure_scale(width)
                counts = [0] * width
                for i in shown:
                    counts[columns[i]] += 1
                peak = max(counts) or 1
                bars = "".join(
                    SPARK[0 if c == 0 else max(1, round(c / peak * (len(SPARK) - 1)))] for c in counts
                )
                assert overview._density(width).plain == bars, (width, len(shown))
                for index in shown[:3]:
                    assert overview._column_of(index) == columns[index]


def test_fuzzy_dates_are_unchanged_by_the_indexes(big: Timeline) -> None:
    first, last = big.day_bounds
    for i, e in enumerate(big.events):
        assert (first[i], last[i]) == (e.when.first_day, e.when.last_day)
        assert big.years[i] == e.when.start.year
    assert big.in_order
    assert isinstance(big.events[0].when.start, FuzzyDate)


def test_remembered_search_results_stay_out_of_the_cycle_collectors_way(indexed: Timeline) -> None:
    """Kept results are tuples of numbers, which the collector stops walking once it has seen them
    (lists of 100,000 numbers would be walked again by every full pass, a pause while typing)."""
    import gc

    indexed.search_memo.clear()
    for text in ("lachin", "sofia talks", "-"):
        assert Filter(text=text).apply(indexed) == reference_apply(Filter(text=text), indexed)
    assert len(indexed.search_memo) >= 3
    gc.collect()
    assert not any(gc.is_tracked(rows) for rows in indexed.search_memo.values())


#: Events in the bundled file: the smallest bundled-shaped set is one whole copy of it.
BUNDLED_EVENTS = len(yaml.safe_load(bundled_path().read_text("utf-8"))["events"])


@pytest.mark.parametrize("n", [BUNDLED_EVENTS, BUNDLED_EVENTS + 1, 100, 1000])
def test_the_bundled_events_repeated_load_with_every_link_kept(n: int) -> None:
    """The benchmark's bundled-shaped set is a valid timeline at any size, links and accounts kept."""
    text = shaped(n)
    loaded = tload.load_text([("shaped.yaml", text.encode("utf-8"))]).timeline
    assert len(loaded.events) == n
    assert len({e.id for e in loaded.events}) == n
    bundled = tload.load_text([("b.yaml", bundled_path().read_bytes())]).timeline
    per_event = {e.id: (len(e.links), len(e.accounts)) for e in bundled.events}
    for one in loaded.events:
        assert (len(one.links), len(one.accounts)) == per_event[one.id.split("-k")[0]]
    with pytest.raises(ValueError, match="at least"):
        shaped(len(bundled.events) - 1)


def test_a_files_date_order_is_read_through_the_cache_and_a_changed_one_is_a_miss(
    tmp_path: Path, cache_home: Path, parses: list[int]
) -> None:
    path = tmp_path / "ordered.yaml"
    text = synthetic(30)
    at = text.index('    date: "', text.index("\nevents:\n")) + len('    date: "')
    text = "date-order: day-first\n" + text[:at] + "03/04/2011" + text[text.index('"', at) :]
    path.write_text(text, encoding="utf-8")
    fresh = load([path], cache=False).timeline
    assert fresh.date_order == "day-first"
    load([path])
    parses.clear()
    cached = load([path]).timeline
    assert parses == [] and cached == fresh and cached.date_order == "day-first"
    path.write_text(text.replace("day-first", "month-first", 1), encoding="utf-8")
    flipped = load([path]).timeline
    assert parses == [1] and flipped.date_order == "month-first"
    days = {e.when.start.iso() for e in fresh.events} ^ {e.when.start.iso() for e in flipped.events}
    assert days == {"2011-04-03", "2011-03-04"}
