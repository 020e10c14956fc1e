"""Benchmark the figures of the "scale" issue, each against a baseline measured in the same run.

    python3 benchmarks/bench.py                       # sizes 1000,10000,100000, 3 repetitions
    python3 benchmarks/bench.py --quick               # 1000,10000, 1 repetition (a minute)
    python3 benchmarks/bench.py --sizes 20000 --repeat 5 --json
    python3 benchmarks/bench.py --only load --sizes 10000,100000   # the load figures alone
    python3 benchmarks/bench.py --only load --shape bundled      # on the bundled events repeated
    python3 benchmarks/bench.py --only html --shape bundled --sizes 10000   # the HTML export alone
    python3 benchmarks/bench.py --only html --shape generated --sizes 10000 # ...where dates seldom repeat

Figures (medians over the repetitions; every timing and memory figure is taken in
a fresh child process doing only that work, so baseline and ours are measured the
same way; memory is the child's peak resident set, ``ru_maxrss``):

1. cold load: ``timeline.load(..., cache=False)`` (parse, validate, build the model)
   against ``yaml.load(f, Loader=yaml.CSafeLoader)`` of the same file; and against the bare
   libyaml event stream (reading the file and iterating ``yaml.parse(data,
   Loader=yaml.CSafeLoader)`` to its end), the parser's own time, which no loader built on it
   can beat;
2. warm load: ``timeline.load`` of the same unchanged file through the parse cache
   (in a fresh cache folder, primed once) against the same baseline;
3. peak memory of the cold load against the baseline's;
4. refilter in the app: from a key press or filter change to the updated screen
   (the last frame the app draws for it), against refilling a Textual OptionList
   with the same rows in the same harness, each round starting as the app does, with
   every event shown; and ``Filter.apply`` alone (the model side);
5. time to events: from creating the app on the bundled timeline to the first frame that
   shows its events, against the first frame of a stock Textual app laid out like ours
   (Header, a strip, two scrolling panes of text, a status line, Footer); and, for
   information, our first frame against a minimal app (a Static "hello"), and eight plain
   Statics against that minimal app;
6. Markdown export of every event (``to_markdown``) against the baseline parse time;
7. growth: how the figures change from size to size (load and export should grow
   linearly, refilter and scrolling stay flat);
8. the load figures (1–3) again on the bundled timeline's events repeated to each size
   (``bundled_shaped.py``): real events vary more than generated ones; and, for them, whole
   ``timeline --no-cache check`` runs measured from outside in CPU time, less the start-up of
   ``timeline --version``, against a bare ``yaml.parse`` loop less ``import yaml``;
9. ``timeline diff`` (``--only diff``): two versions of the generated timeline in a git repository
   (the committed one and an edited working tree: events retitled, renamed, removed, re-dated and
   re-worded), the whole command in a fresh process (both loads, the diff, the text written)
   with the committed version already in the parse cache (an earlier diff against it put it
   there), against one cold load of the working tree; and, for information, with both parsed;
10. the HTML export (``timeline export -f html``: :func:`timeline.interop.export.export_bytes` of every
    event, the page in the UTF-8 bytes a file gets) on the bundled events repeated to each size,
    against the cold load of the same file (target ≤ 0.2 from 10,000 events); ``--only html``
    measures it alone, and ``--only html --shape generated`` on the generated timeline, whose
    dates seldom repeat (for information).

The synthetic timelines come from ``benchmarks/generate.py`` (fixed seed).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

#: At or above this many events the baseline parse (about 30 s at 100,000) is repeated fewer times.
BIG = 50_000
BIG_BASELINE_REPEAT = 2
#: The search word typed one letter at a time (it occurs in the generated timelines).
WORD = "lachin"
SIZE = (120, 40)  # the size the app tests use
#: First paint is timed in this many fresh processes, each app and the minimal one (at least).
PAINT_RUNS = 15
#: The app's refilter figures are taken this many times (at least): each takes milliseconds, and a
#: frame tick or a pass of the cycle collector moves a single one by as much again.
APP_REPEAT = 7


# -- children: each measures one thing and prints one JSON line ---------------------------


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_baseline(path: str) -> dict[str, Any]:
    import yaml

    t = time.perf_counter()
    with open(path, "rb") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "rss_mb": _maxrss_mb(), "events": len(data["events"])}


def child_stream(path: str) -> dict[str, Any]:
    """The bare libyaml event stream: the parser's own time, with nothing built from it."""
    import yaml

    t, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as fh:
        data = fh.read()
    count = 0
    for _ in yaml.parse(data, Loader=yaml.CSafeLoader):
        count += 1
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "rss_mb": _maxrss_mb(), "parser_events": count}


_STREAM_LOOP = (
    "import sys, yaml\n"
    "data = open(sys.argv[1], 'rb').read()\n"
    "for _ in yaml.parse(data, Loader=yaml.CSafeLoader): pass\n"
)


def _children_cpu(cmd: list[str]) -> float:
    """CPU time (user and system) of ``cmd`` run to its end, as the shell's ``time`` counts it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def child_outside(path: str) -> dict[str, Any]:
    """Whole commands, measured from outside: ``timeline --no-cache check`` less the start-up of
    ``timeline --version``, against a bare ``yaml.parse`` loop less ``import yaml``."""
    py = sys.executable
    check = _children_cpu([py, "-m", "timeline", "--no-cache", "check", path])
    startup = _children_cpu([py, "-m", "timeline", "--version"])
    stream = _children_cpu([py, "-c", _STREAM_LOOP, path])
    bare = _children_cpu([py, "-c", "import yaml"])
    return {"check": check - startup, "stream": stream - bare, "startup": startup, "import_yaml": bare}


def child_reload(path: str, repeat: str) -> dict[str, Any]:
    return asyncio.run(_reload_figures(path, int(repeat)))


async def _reload_figures(path: str, repeat: int) -> dict[str, Any]:
    """A file the app watches is saved (atomically, as editors do): time to the frame showing it.

    ``from_notice`` runs from the app noticing the change (it looks every WATCH_INTERVAL) to the
    first frame drawn once it has applied the new version; ``from_save`` from the save itself.
    """
    from tui.app import WATCH_INTERVAL, TimelineApp

    folder = Path(tempfile.mkdtemp(prefix="timeline-reload-"))
    target = folder / "timeline.yaml"
    original = Path(path).read_bytes()
    target.write_bytes(original)
    app = TimelineApp([target], folder=folder)
    frames, applied = _Frames(app), _Applied()
    noticed: list[float] = []
    start_load = app.load_timeline

    def load_timeline(initial: bool) -> Any:
        noticed.append(time.perf_counter())
        return start_load(initial)

    app.load_timeline = load_timeline  # type: ignore[method-assign]
    from_save, from_notice = [], []
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.state.on_change = applied.wrap(app._show_view)
        for r in range(repeat):
            before = app.timeline
            edited = original.replace(b"title: ", f"title: Edited {r} ".encode(), 1)
            (folder / "saving.tmp").write_bytes(edited)
            noticed.clear()
            applied.at = 0.0
            t = time.perf_counter()
            os.replace(folder / "saving.tmp", target)
            while (
                app.timeline is before or not applied.at or not [f for f in frames.times if f >= applied.at]
            ):
                await asyncio.sleep(0.002)
            shown = next(f for f in frames.times if f >= applied.at)
            from_save.append(shown - t)
            from_notice.append(shown - noticed[0])
            await pilot.pause()
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "from_notice": statistics.median(from_notice),
        "from_save": statistics.median(from_save),
        "runs_from_notice": from_notice,
        "runs_from_save": from_save,
        "watch_interval": WATCH_INTERVAL,
    }


def child_load(path: str, cache: str) -> dict[str, Any]:
    import importlib

    tload = importlib.import_module("timeline.load")  # the module (the package's `load` is the function)

    parsed = []
    fresh = tload.load_text

    def counting(*args: Any, **kwargs: Any) -> Any:
        parsed.append(1)
        return fresh(*args, **kwargs)

    tload.load_text = counting  # type: ignore[assignment]
    t, cpu = time.perf_counter(), time.process_time()
    loaded = tload.load([path], cache=cache == "cache")
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rss_mb": _maxrss_mb(),
        "events": len(loaded.timeline.events),
        "parsed": bool(parsed),
    }


def child_export(path: str, repeat: str) -> dict[str, Any]:
    from timeline import load, to_markdown

    tl = load([path]).timeline
    times = []
    size = 0
    for _ in range(int(repeat)):
        t = time.perf_counter()
        size = len(to_markdown(tl))
        times.append(time.perf_counter() - t)
    return {"seconds": statistics.median(times), "chars": size}


def child_export_html(path: str, fmt: str = "html") -> dict[str, Any]:
    """One export of every event (HTML, or Markdown to compare), timed alone (not the load before
    it), as ``timeline export -o FILE`` makes it: the bytes the file gets (the writing left out)."""
    from timeline import load
    from timeline.interop.export import export_bytes

    tl = load([path], cache=False).timeline
    rows = range(len(tl.events))
    t, cpu = time.perf_counter(), time.process_time()
    size = len(export_bytes(fmt, tl, rows))
    return {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - cpu, "bytes": size}


def child_diff(folder: str, cache: str) -> dict[str, Any]:
    """``timeline diff HEAD timeline.yaml`` in ``folder`` (output to the null device), timed in-process."""
    import contextlib
    import importlib

    tload = importlib.import_module("timeline.load")
    from timeline.cli import main

    parsed = []
    fresh = tload.load_text

    def counting(*args: Any, **kwargs: Any) -> Any:
        parsed.append(1)
        return fresh(*args, **kwargs)

    tload.load_text = counting  # type: ignore[assignment]
    os.chdir(folder)
    argv = ["diff", "HEAD", "timeline.yaml"] + ([] if cache == "cache" else ["--no-cache"])

    def children() -> float:  # (git, run by the command)
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    with open(os.devnull, "w", encoding="utf-8") as null, contextlib.redirect_stdout(null):
        t, cpu, git_cpu = time.perf_counter(), time.process_time(), children()
        code = main(argv)
        seconds, cpu = time.perf_counter() - t, time.process_time() - cpu + children() - git_cpu
    if code != 1:
        raise RuntimeError(f"timeline diff exited {code}, not 1")
    return {"seconds": seconds, "cpu_seconds": cpu, "rss_mb": _maxrss_mb(), "parsed": len(parsed)}


def edited(text: str) -> str:
    """Another version of a generated timeline: of every 500 events, one retitled, one renamed, one
    removed, one re-dated and one re-worded; and the first 1,000 written in reverse order."""
    head, *blocks = text.split("\n  - id: ")
    out = []
    for i, block in enumerate(blocks):
        step = i % 500
        if step == 0:
            block = block.replace('title: "', 'title: "Revised: ', 1)
        elif step == 1:
            block = block.replace("\n", "-renamed\n", 1)
        elif step == 2:
            continue
        elif step == 3:
            block = re.sub(r'(date: "[^"\d]*)(\d{4})', lambda m: f"{m[1]}{int(m[2]) - 1}", block, count=1)
        elif step == 4:
            block = block.replace("summary: |\n      ", "summary: |\n      Reportedly, ", 1)
        out.append(block)
    out[:1000] = reversed(out[:1000])
    return "\n  - id: ".join([head, *out])


class _Frames:
    """Records when the app draws a frame (see ``tui.compat.on_each_frame``; works headless too)."""

    def __init__(self, app: Any) -> None:
        from tui import compat

        self.times: list[float] = []
        self.first: float | None = None
        self.ready: float | None = None  # the first frame drawn once a timeline is loaded

        def recorded(screen: Any) -> None:
            now = time.perf_counter()
            self.times.append(now)
            if self.first is None:
                self.first = now
            if self.ready is None and getattr(app, "timeline", None) is not None:
                self.ready = now

        compat.on_each_frame(app, recorded)


class _Applied:
    """When the app last finished applying a change (its view is then up to date, not yet drawn)."""

    def __init__(self) -> None:
        self.at = 0.0

    def wrap(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            self.at = time.perf_counter()
            return result

        return wrapped


async def _timed(
    pilot: Any, frames: _Frames, applied: _Applied, action: Callable[[], Any], times: dict[str, list[float]]
) -> None:
    """Time ``action`` (a key press or a call) to the screen showing its result.

    ``shown``: to the first frame drawn after the app applied the change (the frame that
    shows it); ``settled``: to the last frame drawn before the app is idle again (Textual
    redraws the scrollbar a frame later after a layout).
    """
    await pilot.pause()
    await pilot.pause()
    frames.times.clear()
    applied.at = 0.0
    t = time.perf_counter()
    result = action()
    if asyncio.iscoroutine(result):
        await result
    await pilot.pause()
    await pilot.pause()
    after = [f for f in frames.times if f >= applied.at] if applied.at else []
    times.setdefault("shown", []).append((after[0] - t) if after else float("nan"))
    times.setdefault("settled", []).append((frames.times[-1] - t) if frames.times else float("nan"))


def _forget_searches(tl: Any) -> None:
    """Start typing afresh: drop the remembered results of earlier words, and their tokens."""
    tl.search_memo.clear()
    if tl.search_index is not None:
        tl.search_index.forget()


def child_app(path: str, repeat: str) -> dict[str, Any]:
    return asyncio.run(_app_figures(path, int(repeat)))


async def _app_figures(path: str, repeat: int) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import Input, OptionList

    from timeline import Filter
    from tui.app import SearchBar, TimelineApp
    from tui.widgets.detail import DetailPane
    from tui.widgets.event_list import EventList

    out: dict[str, Any] = {}
    app = TimelineApp([path], watch=False, folder=Path(tempfile.gettempdir()))
    frames, applied = _Frames(app), _Applied()
    steps: list[list[int]] = []  # the rows shown after each timed change, for the baseline
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        tl = app.timeline
        assert tl is not None
        n = len(tl.events)
        # The app has applied a change once it has drawn what the state shows after it (the
        # state's on_change) or drawn a new detail.
        app.state.on_change = applied.wrap(app._show_view)
        pane = app.query_one(DetailPane)
        pane._set_content = applied.wrap(pane._set_content)  # type: ignore[method-assign]
        actor = max(tl.by_actor, key=lambda a: len(tl.by_actor[a]))
        on, off = Filter(actors=frozenset({actor})), Filter()

        # the model side: Filter.apply alone
        model: dict[str, list[float]] = {"actor_on": [], "actor_off": [], "type": [], "type_worst": []}
        for _ in range(max(repeat, APP_REPEAT)):
            for key, flt in (("actor_on", on), ("actor_off", off)):
                t = time.perf_counter()
                flt.apply(tl)
                model[key].append(time.perf_counter() - t)
            _forget_searches(tl)
            keys = []
            for k in range(1, len(WORD) + 1):
                t = time.perf_counter()
                Filter(text=WORD[:k]).apply(tl)
                keys.append(time.perf_counter() - t)
            model["type"].append(statistics.median(keys))
            model["type_worst"].append(max(keys))
        for key, values in model.items():
            out[f"model_{key}"] = statistics.median(values)

        # the app: a filter change, and typing, to the updated screen
        ours: dict[str, dict[str, list[float]]] = {}
        for r in range(max(repeat, APP_REPEAT)):
            await _timed(pilot, frames, applied, lambda: app.set_filter(on), ours.setdefault("actor_on", {}))
            if r == 0:
                steps.append(list(app.shown))
            await _timed(
                pilot, frames, applied, lambda: app.set_filter(off), ours.setdefault("actor_off", {})
            )
            if r == 0:
                steps.append(list(app.shown))
            _forget_searches(tl)
            await pilot.press("slash")
            app.query_one(SearchBar).cursor_blink = False
            keys: dict[str, list[float]] = {}
            for ch in WORD:
                await _timed(pilot, frames, applied, lambda ch=ch: pilot.press(ch), keys)
                if r == 0:
                    steps.append(list(app.shown))
            _keys(ours, keys)
            await pilot.press("escape")
            await pilot.pause()

        # scrolling: PgDn, and jumps by year
        event_list = app.query_one(EventList)
        event_list.focus()
        for key in ("pagedown", "right_square_bracket", "left_square_bracket"):
            for _ in range(repeat * 3):
                await _timed(
                    pilot, frames, applied, lambda key=key: pilot.press(key), ours.setdefault(key, {})
                )
        for op, times in ours.items():
            for what, values in times.items():
                out[f"app_{op}" + ("" if what == "shown" else f"_{what}")] = statistics.median(values)
        out["events"] = n

    # the baseline: an OptionList refilled with the same rows, in the same harness
    labels = [f"{e.when.display()}  {e.title}  {', '.join(e.actors)}" for e in tl.events]
    rows_of: dict[str, list[str]] = {"": []}
    applied = _Applied()

    class Baseline(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(id="search")
            yield OptionList(id="list")

        def on_input_changed(self, event: Input.Changed) -> None:
            self.refill(rows_of[event.value])

        @applied.wrap
        def refill(self, rows: list[str]) -> None:
            option_list = self.query_one(OptionList)
            option_list.clear_options()
            option_list.add_options(rows)

    base = Baseline()
    frames = _Frames(base)
    async with base.run_test(size=SIZE) as pilot:
        search = base.query_one(Input)
        search.cursor_blink = False
        on_rows = [labels[i] for i in steps[0]]
        off_rows = [labels[i] for i in steps[1]]
        for k, rows in enumerate(steps[2:], 1):
            rows_of[WORD[:k]] = [labels[i] for i in rows]
        rows_of[""] = off_rows  # an empty search shows every event, as in the app
        option_list = base.query_one(OptionList)
        theirs: dict[str, dict[str, list[float]]] = {}
        for _ in range(repeat if n < BIG else 1):
            # Each round starts where the app starts: every event shown (refilling an empty list
            # would be cheaper). Untimed.
            search.value = ""
            await pilot.pause()
            if option_list.option_count != len(off_rows):
                base.refill(off_rows)
                await pilot.pause()
            await _timed(
                pilot, frames, applied, lambda: base.refill(on_rows), theirs.setdefault("actor_on", {})
            )
            await _timed(
                pilot, frames, applied, lambda: base.refill(off_rows), theirs.setdefault("actor_off", {})
            )
            search.focus()
            await pilot.pause()
            keys = {}
            for ch in WORD:
                await _timed(pilot, frames, applied, lambda ch=ch: pilot.press(ch), keys)
            _keys(theirs, keys)
        for op, times in theirs.items():
            for what, values in times.items():
                out[f"base_{op}" + ("" if what == "shown" else f"_{what}")] = statistics.median(values)
    out["rows"] = {"actor_on": len(steps[0]), "actor_off": len(steps[1]), "type": [len(s) for s in steps[2:]]}
    return out


def _keys(into: dict[str, dict[str, list[float]]], keys: dict[str, list[float]]) -> None:
    """One word typed: its median key and its slowest key."""
    for what, values in keys.items():
        into.setdefault("type", {}).setdefault(what, []).append(statistics.median(values))
        into.setdefault("type_worst", {}).setdefault(what, []).append(max(values))


def child_paint(which: str) -> dict[str, Any]:
    return asyncio.run(_first_paint(which))


async def _first_paint(which: str) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Footer, Header, Static

    from timeline import bundled_path
    from tui.app import TimelineApp

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    class Chrome(App[None]):
        """A stock Textual app laid out like ours: header, a strip, two scrolling panes, a status
        line and a footer with as many keys, each pane showing a screen of plain text."""

        BINDINGS = [Binding(key, f"key_{key}", f"Key {key}") for key in "abcdefgh"]
        CSS = "#strip, #status { height: auto; } Horizontal { height: 1fr; } VerticalScroll { width: 1fr; }"

        def compose(self) -> ComposeResult:
            text = "\n".join(f"{n:>4}  Line of text number {n}" for n in range(40))
            yield Header()
            yield Static("a strip\nof three\nlines", id="strip")
            with Horizontal():
                yield VerticalScroll(Static(text))
                yield VerticalScroll(Static(text))
            yield Static("status", id="status")
            yield Footer()

    class Statics(App[None]):
        """Eight plain Statics sharing the screen: about the fewest widgets a layout like ours needs."""

        CSS = "Static { height: 1fr; }"

        def compose(self) -> ComposeResult:
            for n in range(8):
                yield Static(f"Static number {n}, a line of plain text")

    t = time.perf_counter()
    app: App[Any]
    if which == "ours":
        app = TimelineApp([bundled_path()], watch=False)
    else:
        app = {"minimal": Minimal, "chrome": Chrome, "statics": Statics}[which]()
    frames = _Frames(app)
    ready = None
    async with app.run_test(size=(120, 40)) as pilot:
        while frames.first is None:
            await asyncio.sleep(0.001)
        first = frames.first - t
        if which == "ours":
            while frames.ready is None:
                await asyncio.sleep(0.001)
            ready = frames.ready - t
        await pilot.pause()
    return {"first": first, "ready": ready}


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "baseline": child_baseline,
    "stream": child_stream,
    "reload": child_reload,
    "load": child_load,
    "export": child_export,
    "export_html": child_export_html,
    "app": child_app,
    "paint": child_paint,
    "outside": child_outside,
    "diff": child_diff,
}


# -- the parent: run the children, collect medians, print the table ----------------------


def run_child(task: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", task, *args]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=ROOT, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{task} {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


class Table:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(
        self,
        figure: str,
        size: int | str,
        ours: float,
        base: float | None,
        unit: str,
        target: str = "",
        ok: bool | None = None,
        note: str = "",
    ) -> None:
        ratio = ours / base if base else None
        self.rows.append(
            {
                "figure": figure,
                "size": size,
                "ours": ours,
                "baseline": base,
                "unit": unit,
                "ratio": ratio,
                "target": target,
                "pass": ok,
                "note": note,
            }
        )

    def render(self) -> str:
        def num(value: float | None, unit: str) -> str:
            if value is None:
                return "—"
            if unit == "s":
                return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"
            if unit == "MB":
                return f"{value:,.0f} MB"
            return f"{value:,.2f}{unit}"

        head = ["figure", "events", "ours", "baseline", "ratio", "target", "result", "note"]
        lines = [head]
        for r in self.rows:
            size = f"{r['size']:,}" if isinstance(r["size"], int) else str(r["size"])
            lines.append(
                [
                    r["figure"],
                    size,
                    num(r["ours"], r["unit"]),
                    num(r["baseline"], r["unit"]),
                    "—" if r["ratio"] is None else f"{r['ratio']:.3f}",
                    r["target"],
                    {True: "PASS", False: "FAIL", None: ""}[r["pass"]],
                    r["note"],
                ]
            )
        widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
        out = []
        for n, line in enumerate(lines):
            pairs = enumerate(zip(line, widths, strict=True))
            cells = [c.rjust(w) if 1 <= i <= 4 else c.ljust(w) for i, (c, w) in pairs]
            out.append("| " + " | ".join(cells) + " |")
            if n == 0:
                out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        return "\n".join(out)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


#: The reload target (to the screen after a save, from the app noticing it) holds at this size.
RELOAD_SIZE = 10_000


def bench_html(
    n: int,
    path: Path,
    repeat: int,
    env: dict[str, str],
    table: Table,
    raw: dict[str, Any],
    shape: str = "bundled-shaped",
) -> None:
    """The HTML export against a cold load of the same file, each in its own process, alternately.

    The target is set on the bundled events repeated (``bundled-shaped``), whose dates, places
    and sources repeat from copy to copy, so that the page makes each once; the generated timeline
    (``--only html --shape generated``), with a date of its own for most events, shows the cost
    where they do not repeat."""
    log(f"{shape} {n:,}: cold load and HTML export x{repeat}, alternately")
    cold, export, markdown = [], [], []
    for _ in range(repeat):
        cold.append(run_child("load", str(path), "none", env=env))
        export.append(run_child("export_html", str(path)))
        markdown.append(run_child("export_html", str(path), "markdown"))
    raw[f"{shape}-{n}-html"] = {"cold": cold, "export": export, "markdown": markdown}
    e_time, c_time = median_of(export, "seconds"), median_of(cold, "seconds")
    runs = ", ".join(f"{e['seconds'] / c['seconds']:.3f}" for e, c in zip(export, cold, strict=True))
    e_cpu, c_cpu = median_of(export, "cpu_seconds"), median_of(cold, "cpu_seconds")
    m_cpu = median_of(markdown, "cpu_seconds")
    table.add(
        f"10 HTML export, {shape}",
        n,
        e_time,
        c_time,
        "s",
        "≤ 0.2 of cold load",
        e_time <= 0.2 * c_time if n >= RELOAD_SIZE else None,
        f"baseline: cold load; run by run: {runs}; page {export[0]['bytes'] / 1e6:.1f} MB",
    )
    table.add(
        f"10 HTML export, CPU time, {shape}",
        n,
        e_cpu,
        c_cpu,
        "s",
        "≤ 0.2 of cold load",
        e_cpu <= 0.2 * c_cpu if n >= RELOAD_SIZE else None,
        f"for comparison, the Markdown export of the same: {m_cpu / c_cpu:.3f} of the cold load's CPU time",
    )


def bench_shape(
    sizes: list[int], repeat: int, workdir: Path, table: Table, raw: dict[str, Any], only: str | None = None
) -> None:
    """The load figures on the bundled events repeated to each size (benchmarks/bundled_shaped.py):
    real events as curators write them, measured in the process and from outside; and the HTML export."""
    from bundled_shaped import write

    for n in sizes:
        path = workdir / f"bundled-{n}.yaml"
        if not path.exists():
            log(f"writing the bundled events repeated to {n:,}")
            write(n, str(path))
        env = {"XDG_CACHE_HOME": str(workdir / f"cache-bundled-{n}")}
        if only != "load":
            bench_html(n, path, repeat, env, table, raw)
        if only == "html":
            continue
        base_repeat = min(repeat, BIG_BASELINE_REPEAT) if n >= BIG else repeat
        log(f"bundled-shaped {n:,}: baseline x{base_repeat}, then cold load, stream and outside x{repeat}")
        base = [run_child("baseline", str(path)) for _ in range(base_repeat)]
        cold, stream, outside = [], [], []
        for _ in range(repeat):
            stream.append(run_child("stream", str(path)))
            cold.append(run_child("load", str(path), "none", env=env))
            outside.append(run_child("outside", str(path), env=env))
        shutil.rmtree(workdir / f"cache-bundled-{n}", ignore_errors=True)  # (an earlier run's entry)
        prime = run_child("load", str(path), "cache", env=env)
        warm = [run_child("load", str(path), "cache", env=env) for _ in range(repeat)]
        if any(w["parsed"] for w in warm) or not prime["parsed"]:
            raise RuntimeError("the warm loads did not come from the cache")
        raw[f"bundled-{n}"] = {
            "baseline": base,
            "cold": cold,
            "stream": stream,
            "outside": outside,
            "warm": warm,
        }
        targets = n >= RELOAD_SIZE
        label = "bundled-shaped"
        b_time, c_time = median_of(base, "seconds"), median_of(cold, "seconds")
        c_cpu, s_cpu = median_of(cold, "cpu_seconds"), median_of(stream, "cpu_seconds")

        def spread(runs: list[tuple[float, float]]) -> str:
            return "run by run: " + ", ".join(f"{a / b:.2f}" for a, b in runs)

        table.add(
            f"1 cold load, {label}",
            n,
            c_time,
            b_time,
            "s",
            "≤ 0.5",
            c_time <= 0.5 * b_time if targets else None,
        )
        table.add(
            f"1 cold load / event stream, CPU time, {label}",
            n,
            c_cpu,
            s_cpu,
            "s",
            "≤ 2.5",
            c_cpu <= 2.5 * s_cpu if targets else None,
            spread([(c["cpu_seconds"], s["cpu_seconds"]) for c, s in zip(cold, stream, strict=True)]),
        )
        o_check, o_stream = median_of(outside, "check"), median_of(outside, "stream")
        table.add(
            f"1 check from outside / event stream, CPU time, {label}",
            n,
            o_check,
            o_stream,
            "s",
            "≤ 2.5",
            o_check <= 2.5 * o_stream if targets else None,
            spread([(o["check"], o["stream"]) for o in outside])
            + f"; start-up {median_of(outside, 'startup') * 1000:.0f} ms taken out",
        )
        w_time = median_of(warm, "seconds")
        table.add(
            f"2 warm load (cache), {label}",
            n,
            w_time,
            b_time,
            "s",
            "≤ 0.05",
            w_time <= 0.05 * b_time if targets else None,
        )
        c_rss, b_rss = median_of(cold, "rss_mb"), median_of(base, "rss_mb")
        table.add(
            f"3 peak memory, cold load, {label}",
            n,
            c_rss,
            b_rss,
            "MB",
            "≤ 0.4",
            c_rss <= 0.4 * b_rss if targets else None,
        )


def bench_diff(sizes: list[int], repeat: int, workdir: Path, table: Table, raw: dict[str, Any]) -> None:
    """Figure 9: ``timeline diff`` of two versions of a generated timeline, against one cold load."""
    from generate import write

    git_env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(workdir)}
    for n in sizes:
        folder = workdir / f"diff-{n}"
        path = folder / "timeline.yaml"
        if not path.exists():
            log(f"diff {n:,}: a repository with two versions")
            folder.mkdir(parents=True, exist_ok=True)
            write(n, str(path))

            def git(*args: str, folder: Path = folder) -> None:
                subprocess.run(["git", *args], cwd=folder, env=git_env, check=True, capture_output=True)

            git("init", "-q")
            git("add", "timeline.yaml")
            git("-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-q", "-m", "v1")
            path.write_text(edited(path.read_text(encoding="utf-8")), encoding="utf-8")
        cache_dir = workdir / f"cache-diff-{n}"
        shutil.rmtree(cache_dir, ignore_errors=True)
        env = {"XDG_CACHE_HOME": str(cache_dir), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(workdir)}
        log(f"diff {n:,}: a first diff (puts the committed version in the cache)")
        prime = run_child("diff", str(folder), "cache", env=env)
        log(f"diff {n:,}: cold load, diff with the cache, diff with none, x{repeat} each, alternately")
        cold, warm, none = [], [], []
        for _ in range(repeat):
            cold.append(run_child("load", str(path), "none", env=env))
            warm.append(run_child("diff", str(folder), "cache", env=env))
            none.append(run_child("diff", str(folder), "none", env=env))
        if prime["parsed"] != 2 or any(w["parsed"] != 1 for w in warm):
            raise RuntimeError("the committed version was parsed again, or the first diff did not parse both")
        raw[f"diff-{n}"] = {"prime": prime, "cold": cold, "diff": warm, "diff_no_cache": none}
        c_time, w_time, n_time = (median_of(runs, "seconds") for runs in (cold, warm, none))

        def spread(runs: list[dict[str, Any]], cold: list[dict[str, Any]] = cold) -> str:
            pairs = zip(runs, cold, strict=True)
            return "run by run: " + ", ".join(f"{r['seconds'] / c['seconds']:.2f}" for r, c in pairs)

        targets = n >= RELOAD_SIZE
        table.add(
            "9 diff two versions (one in the cache) / cold load",
            n,
            w_time,
            c_time,
            "s",
            "≤ 1.5",
            w_time <= 1.5 * c_time if targets else None,
            spread(warm),
        )
        # The same in CPU time (git's included): what other work on a shared machine changes far less.
        c_cpu, w_cpu = median_of(cold, "cpu_seconds"), median_of(warm, "cpu_seconds")
        cpu_runs = ", ".join(
            f"{w['cpu_seconds'] / c['cpu_seconds']:.2f}" for w, c in zip(warm, cold, strict=True)
        )
        table.add(
            "9 diff two versions (one in the cache) / cold load, CPU time",
            n,
            w_cpu,
            c_cpu,
            "s",
            "≤ 1.5",
            w_cpu <= 1.5 * c_cpu if targets else None,
            f"run by run: {cpu_runs}",
        )
        table.add(
            "  diff, both versions parsed / cold load",
            n,
            n_time,
            c_time,
            "s",
            note="information; " + spread(none),
        )
        table.add("  the first diff (parses both, caches the commit)", n, prime["seconds"], c_time, "s")


def bench(
    sizes: list[int], repeat: int, workdir: Path, only: str | None = None, shape: str = "generated"
) -> tuple[Table, dict[str, Any]]:
    from generate import write

    table = Table()
    raw: dict[str, Any] = {}
    per_size: dict[int, dict[str, float]] = {}
    if only == "diff":
        bench_diff(sizes, repeat, workdir, table, raw)
        return table, raw
    if shape in ("bundled", "both"):
        bench_shape(sizes, repeat, workdir, table, raw, only)
        if shape == "bundled" or only == "html":
            return table, raw
    if only == "html":  # (--shape generated: the export where dates and texts seldom repeat)
        for n in sizes:
            path = workdir / f"timeline-{n}.yaml"
            if not path.exists():
                write(n, str(path))
            env = {"XDG_CACHE_HOME": str(workdir / f"cache-{n}")}
            bench_html(n, path, repeat, env, table, raw, "generated")
        return table, raw
    for n in sizes:
        path = workdir / f"timeline-{n}.yaml"
        if not path.exists():
            log(f"generating {n:,} events")
            write(n, str(path))
        size_mb = path.stat().st_size / 1e6
        cache_dir = workdir / f"cache-{n}"
        env = {"XDG_CACHE_HOME": str(cache_dir)}
        base_repeat = min(repeat, BIG_BASELINE_REPEAT) if n >= BIG else repeat
        log(f"{n:,} events ({size_mb:.1f} MB): baseline yaml.load x{base_repeat}")
        base = [run_child("baseline", str(path)) for _ in range(base_repeat)]
        log(f"{n:,}: cold load and the bare event stream, x{repeat} each, alternately")
        cold, stream = [], []
        for _ in range(repeat):
            stream.append(run_child("stream", str(path)))
            cold.append(run_child("load", str(path), "none", env=env))
        raw[str(n)] = {"bytes": path.stat().st_size, "baseline": base, "cold": cold, "stream": stream}
        b_time, b_rss = median_of(base, "seconds"), median_of(base, "rss_mb")
        c_time, c_rss = median_of(cold, "seconds"), median_of(cold, "rss_mb")
        s_time = median_of(stream, "seconds")
        # The ratio of each cold load to the stream run just before it, then their median.
        per_run = statistics.median(c["seconds"] / s["seconds"] for c, s in zip(cold, stream, strict=True))
        spread = ", ".join(f"{c['seconds'] / s['seconds']:.2f}" for c, s in zip(cold, stream, strict=True))
        note = f"baseline x{base_repeat}" if base_repeat < repeat else ""
        targets = n >= RELOAD_SIZE  # the load targets are for 10,000 events and more
        table.add(
            "1 cold load", n, c_time, b_time, "s", "≤ 0.5", c_time <= 0.5 * b_time if targets else None, note
        )
        table.add(
            "1 cold load / event stream",
            n,
            c_time,
            s_time,
            "s",
            "≤ 2.5",
            c_time <= 2.5 * s_time if targets else None,
            f"run by run: {spread} (median {per_run:.2f})",
        )
        # The same in CPU time (user and system, this process): what other work on the machine
        # changes far less than the clock, so it is the figure to compare between machines.
        c_cpu, s_cpu = median_of(cold, "cpu_seconds"), median_of(stream, "cpu_seconds")
        cpu_spread = ", ".join(
            f"{c['cpu_seconds'] / s['cpu_seconds']:.2f}" for c, s in zip(cold, stream, strict=True)
        )
        table.add(
            "1 cold load / event stream, CPU time",
            n,
            c_cpu,
            s_cpu,
            "s",
            "≤ 2.5",
            c_cpu <= 2.5 * s_cpu if targets else None,
            f"run by run: {cpu_spread}",
        )
        table.add(
            "3 peak memory, cold load",
            n,
            c_rss,
            b_rss,
            "MB",
            "≤ 0.4",
            c_rss <= 0.4 * b_rss if targets else None,
            note,
        )
        if n == RELOAD_SIZE:
            log(f"{n:,}: reload after a save x{repeat}")
            reload = run_child("reload", str(path), str(repeat), env=env)
            raw[str(n)]["reload"] = reload
            table.add(
                "  reload after a save, to the screen",
                n,
                reload["from_notice"],
                None,
                "s",
                "≤ 1 s",
                reload["from_notice"] <= 1.0,
                f"from the save: {reload['from_save']:.2f} s "
                f"(the app looks every {reload['watch_interval']:g} s)",
            )
        if only == "load":
            continue
        log(f"{n:,}: warm load x{repeat} (cache primed once)")
        shutil.rmtree(cache_dir, ignore_errors=True)
        prime = run_child("load", str(path), "cache", env=env)
        warm = [run_child("load", str(path), "cache", env=env) for _ in range(repeat)]
        if any(w["parsed"] for w in warm) or not prime["parsed"]:
            raise RuntimeError("the warm loads did not come from the cache")
        log(f"{n:,}: export x{repeat}")
        export = run_child("export", str(path), str(repeat), env=env)
        log(f"{n:,}: app figures x{repeat}")
        app = run_child("app", str(path), str(repeat), env=env)
        raw[str(n)].update({"warm": warm, "prime": prime, "export": export, "app": app})

        w_time = median_of(warm, "seconds")
        big = n == max(sizes)  # the targets are for the largest size

        def check(ok: bool) -> bool | None:
            return ok if big else None  # noqa: B023 - used at once

        table.add(
            "2 warm load (cache)", n, w_time, b_time, "s", "≤ 0.05", check(w_time <= 0.05 * b_time), note
        )
        table.add("  first load, writing the cache", n, prime["seconds"], b_time, "s", note="information")
        for key, label in (
            ("actor_on", f"toggle an actor on ({app['rows']['actor_on']:,} rows)"),
            ("actor_off", f"toggle it off ({app['rows']['actor_off']:,} rows)"),
            ("type", f"type one more letter of {WORD!r} (median key)"),
            ("type_worst", f"  the slowest key of {WORD!r}"),
        ):
            ours, other, model = app[f"app_{key}"], app[f"base_{key}"], app[f"model_{key}"]
            ok = check(ours * 10 <= other and model <= 0.016)
            settled = app[f"app_{key}_settled"] / app[f"base_{key}_settled"]
            extra = f"model side {model * 1000:.1f} ms; settled screen: ratio {settled:.3f}"
            table.add(f"4 refilter: {label}", n, ours, other, "s", "≤ 0.1, model ≤ 16 ms", ok, extra)
        for key, label in (("pagedown", "PgDn"), ("right_square_bracket", "]"), ("left_square_bracket", "[")):
            extra = f"settled {app[f'app_{key}_settled'] * 1000:.1f} ms"
            table.add(f"  scroll: {label}", n, app[f"app_{key}"], None, "s", note=extra)
        e_time = export["seconds"]
        table.add("6 Markdown export", n, e_time, b_time, "s", "≤ 0.1", check(e_time <= 0.1 * b_time), note)
        per_size[n] = {
            "cold": c_time,
            "warm": w_time,
            "export": e_time,
            "base": b_time,
            "refilter": app["app_actor_on"],
            "type": app["app_type"],
            "type_worst": app["app_type_worst"],
            "pagedown": app["app_pagedown"],
            "year": app["app_right_square_bracket"],
        }

    if only == "load":
        return table, raw
    runs = max(repeat * 5, PAINT_RUNS)  # a few tens of milliseconds each: more runs tame the noise
    log(f"first paint x{runs}")
    ours = [run_child("paint", "ours") for _ in range(runs)]
    minimal = [run_child("paint", "minimal") for _ in range(runs)]
    chrome = [run_child("paint", "chrome") for _ in range(runs)]
    statics = [run_child("paint", "statics") for _ in range(runs)]
    raw["paint"] = {"ours": ours, "minimal": minimal, "chrome": chrome, "statics": statics}
    first, base_first = median_of(ours, "first"), median_of(minimal, "first")
    ready, stock_first = median_of(ours, "ready"), median_of(chrome, "first")
    from timeline import bundled_path, load

    bundled = f"{len(load([bundled_path()]).timeline.events)}"
    note = "reported (no target): baseline = stock app, same layout, its first frame"
    table.add("5 time to events (bundled timeline)", bundled, ready, stock_first, "s", note=note)
    table.add("  first paint, against a one-Static app", bundled, first, base_first, "s", note="information")
    note = "information: ours = eight plain Statics"
    table.add("  first paint of eight Statics", "—", median_of(statics, "first"), base_first, "s", note=note)

    ordered = sorted(per_size)
    for a, b in itertools.pairwise(ordered):
        grow = b / a
        for key, label, kind in (
            ("cold", "cold load", "linear"),
            ("export", "export", "linear"),
            ("refilter", "refilter (actor on)", "flat"),
            ("type", "type a letter", "flat"),
            ("type_worst", "slowest letter", "flat"),
            ("pagedown", "PgDn", "flat"),
            ("year", "] (next year)", "flat"),
        ):
            g = per_size[b][key] / per_size[a][key]
            if kind == "linear":
                ok = g <= grow * 1.5
                target = f"≈ ×{grow:g} (linear)"
            else:
                ok = g <= 2.0
                target = "≤ ×2 (flat)"
            table.add(f"7 growth: {label}", f"{a:,}→{b:,}", g, None, "×", target, ok)
    raw["per_size"] = per_size
    return table, raw


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return " ".join(line.partition(":")[2].split())
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the scale figures (see the module docstring).")
    parser.add_argument("--sizes", default="1000,10000,100000", help="event counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (medians are reported)")
    parser.add_argument("--quick", action="store_true", help="sizes 1000,10000 and one repetition")
    parser.add_argument("--json", action="store_true", help="also print the results as one JSON line")
    parser.add_argument(
        "--only",
        choices=["load", "html", "diff"],
        help="only the load figures: cold load, event stream, memory, reload; only the HTML export "
        "against the cold load (on the bundled events repeated, 10); or only timeline diff (9)",
    )
    parser.add_argument(
        "--shape",
        choices=["generated", "bundled", "both"],
        default="both",
        help="the events loaded: generated (benchmarks/generate.py), the bundled ones repeated "
        "(benchmarks/bundled_shaped.py; the load figures and the HTML export), or both (the default; "
        "--only html: the bundled ones)",
    )
    parser.add_argument("--workdir", help="keep the generated files (and caches) here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        task, *rest = args.child
        print(json.dumps(CHILDREN[task](*rest)))
        return 0
    sizes = [1000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    repeat = 1 if args.quick else max(1, args.repeat)
    started = time.perf_counter()
    if args.workdir:
        workdir = Path(args.workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        table, raw = bench(sizes, repeat, workdir, args.only, args.shape)
    else:
        with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
            table, raw = bench(sizes, repeat, Path(tmp), args.only, args.shape)
    elapsed = time.perf_counter() - started
    import yaml

    machine = (
        f"{platform.machine()}, {_cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    machine += f", PyYAML {yaml.__version__} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'})"
    print(f"timeline-explorer scale benchmark — {dt.date.today()} — {machine}")
    print(f"sizes {', '.join(f'{n:,}' for n in sizes)}; {repeat} repetition(s), medians", end="")
    if max(sizes) >= BIG and repeat > BIG_BASELINE_REPEAT:
        print(
            f"; the baseline parse of {BIG:,}+ events is repeated {BIG_BASELINE_REPEAT} times and the "
            "OptionList baseline once (each takes seconds)",
            end="",
        )
    if args.only is None:
        print(f"; the app's own refilter figures at least {APP_REPEAT} times", end="")
        paint_runs = max(repeat * 5, PAINT_RUNS)
        print(f", first paint in {paint_runs} processes for each app", end="")
    print(f"; took {elapsed / 60:.1f} min")
    print("ratio = ours / baseline; targets apply at the largest size (the load targets from 10,000 events).")
    print("Refilter and scroll times run from")
    print("the key press (or filter change) to the first frame drawn once the app has applied it, the frame")
    print("that shows it; 'settled' is to the last frame before the app is idle again (Textual redraws the")
    print(
        "scrollbar one frame later after a layout). Time to events: from creating the app to the first frame"
    )
    print("showing the events; first paint: to its first frame.")
    print()
    print(table.render())
    if args.json:
        print(json.dumps({"date": str(dt.date.today()), "machine": machine, "rows": table.rows, "raw": raw}))
    failed = [r for r in table.rows if r["pass"] is False]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
