"""The timeline explorer app: a timeline pane, an overview strip, a detail pane and keyboard filters.

The app asks the model for everything it shows: :func:`timeline.load` reads
the files (in a worker thread), :class:`timeline.Filter` decides which events
are shown, :mod:`timeline.markdown` writes exports.  The app only keeps the
state of the view (the filter, its history, the selection) and draws it.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from timeline import Event, Filter, FilterSpec, Loaded, LoadError, Problem, Timeline, load
from timeline.atomic import WriteError, write_atomic
from timeline.filters import UnknownNameError
from timeline.load import DEFAULT_MAX_BYTES
from timeline.markdown import event_markdown, to_markdown
from timeline.model import OUTCOMES, UnknownActorError

from .commands import ActorCommands
from .palette import actor_colours
from .screens.export import ExportDialog
from .screens.help import HelpScreen
from .screens.picker import Choice, Picker
from .widgets.detail import DetailPane
from .widgets.event_list import EventList
from .widgets.footer import Footer
from .widgets.overview import Overview
from .widgets.title_bar import TitleBar

#: From this many events on, the loaded timeline is moved out of the cycle collector's sight.
FREEZE_EVENTS = 20_000

#: How often open files are checked for changes, in seconds.
WATCH_INTERVAL = 1.0

#: How long the first load runs before the timeline pane shows a spinner, in seconds.
SPINNER_DELAY = 0.25

SEARCH_PLACEHOLDER = "Search titles, summaries, quotes, actors, places…"

_imports_frozen = False


def _freeze_imports() -> None:
    """Move what exists before the first app (the modules of Textual, Rich, the model: some
    40,000 objects that live as long as the process) out of the cycle collector's sight.

    Otherwise every full collection walks them all again (about 10 ms): the first comes while the
    app starts, between the first frame and the one that shows the events, then others now and then.
    Done once per process, so that apps made later (in tests) do not freeze what earlier ones left.
    """
    global _imports_frozen
    if not _imports_frozen:
        _imports_frozen = True
        gc.freeze()


@dataclass
class TimelineLoaded(Message):
    loaded: Loaded
    initial: bool


@dataclass
class LoadProgress(Message):
    fraction: float  # of the bytes read so far


@dataclass
class SearchIndexReady(Message):
    timeline: Timeline


class _LoadCancelled(Exception):
    """The load was cancelled (the app is quitting, or a newer load started)."""


@dataclass
class TimelineFailed(Message):
    problems: list[Problem]
    initial: bool


class SearchBar(Input):
    """The search field: filters as you type; Enter keeps the search, Escape cancels it.

    Textual hands each key to the focused widget as it arrives, and runs key bindings later, once
    the key has bubbled up to the app. So the field takes Enter and Escape itself, in the order it
    was typed, and hands the keys already queued behind them (typed quickly, pasted, or arriving
    together over a slow link) on to what has the focus then, instead of taking them as text.
    """

    BINDINGS = [
        Binding("enter", "submit", "Keep the search", show=False),
        Binding("escape", "cancel", "Cancel search"),
    ]

    async def action_submit(self) -> None:
        cast("TimelineApp", self.app).keep_search(self.value)

    def action_cancel(self) -> None:
        cast("TimelineApp", self.app).cancel_search()

    async def _on_key(self, event: events.Key) -> None:
        closing = event.key in ("enter", "escape")
        behind = self.screen.focused is not self  # typed behind Enter or Escape
        if closing or behind:
            event.stop()
            event.prevent_default()  # not Input's handler: not text
        if behind:
            self.app.post_message(events.Key(event.key, event.character))
        elif closing:
            await self.run_action("submit" if event.key == "enter" else "cancel")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60].strip("-")


class TimelineApp(App[int]):
    """Explore a timeline: select with the keys or the mouse, filter, search, export."""

    CSS_PATH = "app.tcss"
    TITLE = "timeline"
    COMMANDS = App.COMMANDS | {ActorCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        # The keys that open a field or a dialog are priority bindings: the app acts on them
        # before it hands on the keys typed after them, which then reach the new field (see
        # _typing_ahead). Where a field has focus, or a dialog is open, they are typed as usual.
        Binding("slash", "search", "Search", priority=True),
        Binding("a", "pick_actors", "Actors", priority=True),
        Binding("m", "toggle_match", "Any/all actors"),
        Binding("t", "pick_tags", "Tags & kinds", priority=True),
        Binding("c", "clear_filters", "Clear"),
        Binding("e", "export", "Export", priority=True),
        Binding("y", "copy_event", "Copy event", show=False),
        Binding("Y", "copy_view", "Copy view", show=False),
        Binding("o", "open_source", "Open source", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        spec: FilterSpec | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        cache: bool = True,
        watch: bool = True,
        folder: Path | None = None,
    ) -> None:
        _freeze_imports()
        super().__init__()
        self.paths = [os.fspath(p) for p in paths]
        self.spec = spec or FilterSpec()
        self.max_bytes = max_bytes
        self.cache = cache
        self.watch_files = watch
        self.folder = folder or Path.cwd()
        self.timeline: Timeline | None = None
        self.filter = Filter(match=self.spec.match, text=" ".join(self.spec.text.split()))
        self.history: list[Filter] = []
        self.shown: list[int] = []
        self.problems: list[Problem] = []
        self.exit_message = ""
        self._search_base: Filter | None = None
        self._signatures: list[tuple[int, int] | None] = []
        self._loading = "Loading…"  # the status line while the first load runs

    # -- layout ---------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        # Start with the breakpoint class of the terminal's width (the screen sets it when resized):
        # the first frame then has the right layout, and no restyle of every widget follows it.
        width = self.size.width
        widest = sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True)
        return Screen(id="_default", classes=next((name for least, name in widest if width >= least), None))

    def compose(self) -> ComposeResult:
        # The search field is mounted when first used (see action_search), before #status.
        yield TitleBar(icon="◷")
        yield Overview(id="overview")
        with Horizontal(id="panes"):
            yield EventList(id="events")
            yield DetailPane(id="detail")
        yield Static(Content(""), id="problems")
        yield Static(Content("Loading…"), id="status")
        yield Footer()

    def on_mount(self) -> None:
        event_list = self.query_one(EventList)
        event_list.focus()
        # The status line says "Loading…" at once; the spinner comes only if the load takes a
        # while, so a small timeline's first frames do not flash it (nor pay for drawing it).
        self._spinner = self.set_timer(SPINNER_DELAY, self._show_spinner)
        self.watch(self, "theme", self._theme_changed, init=False)
        self.watch(event_list, "cursor", self._cursor_moved, init=False)
        self._signatures = self._stat_files()
        if self.watch_files:
            self.set_interval(WATCH_INTERVAL, self._check_files)

    def _show_spinner(self) -> None:
        if self.timeline is None:
            self.query_one(EventList).loading = True

    def on_ready(self) -> None:
        # Load once the first frame is on screen: a load thread running meanwhile would slow it down.
        self.load_timeline(initial=True)

    def _theme_changed(self) -> None:
        # Actor colours differ between dark and light themes: redraw the detail pane too.
        self.query_one(DetailPane).show(self.timeline, self.query_one(EventList).selected)

    # -- loading ----------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_timeline(self, initial: bool) -> None:
        worker = get_current_worker()

        def check() -> None:
            # Called every few thousand events: the place to stop when the app quits meanwhile.
            if worker.is_cancelled:
                raise _LoadCancelled

        def progress(fraction: float) -> None:
            check()
            self.post_message(LoadProgress(fraction))

        try:
            loaded = load(self.paths, max_bytes=self.max_bytes, cache=self.cache, progress=progress)
            loaded.timeline.prepare()  # the indexes filters and the panes use, built here, not in the UI
        except _LoadCancelled:
            return
        except LoadError as exc:
            self.post_message(TimelineFailed(exc.problems, initial))
            return
        self.post_message(TimelineLoaded(loaded, initial))
        # Then, with the events on screen, the word index that keeps search quick as you type
        # (until it is ready, search scans the events' text: the same rows, found more slowly).
        try:
            loaded.timeline.build_search_index(check)
        except _LoadCancelled:
            return
        self.post_message(SearchIndexReady(loaded.timeline))

    def _stat_files(self) -> list[tuple[int, int] | None]:
        out: list[tuple[int, int] | None] = []
        for path in self.paths:
            try:
                st = os.stat(path)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return out

    def _check_files(self) -> None:
        signatures = self._stat_files()
        if signatures != self._signatures:
            self._signatures = signatures
            self.load_timeline(initial=False)

    @on(TimelineLoaded)
    def _loaded(self, message: TimelineLoaded) -> None:
        timeline = message.loaded.timeline
        selected = self._selected_event()
        selected_id = selected.id if selected is not None else None
        self.timeline = timeline
        self.title = timeline.title
        self.sub_title = f"{len(timeline.events)} event{'' if len(timeline.events) == 1 else 's'}"
        if message.initial:
            try:
                resolved = self.spec.resolve(timeline)
            except (UnknownActorError, UnknownNameError) as exc:
                self.exit_message = f"timeline: {exc}"
                self.exit(2, return_code=2)
                return
            # Keep what was typed while the file loaded.
            self.filter = resolved.with_(text=self.filter.text, match=self.filter.match)
            if self._search_base is not None:
                self._search_base = resolved.with_(text=self._search_base.text, match=self._search_base.match)
        else:
            # Keep the filter; drop actors, tags or kinds the new version no longer has.
            self.filter = self.filter.with_(
                actors=frozenset(a for a in self.filter.actors if a in timeline.actors),
                tags=frozenset(t for t in self.filter.tags if t in timeline.tags),
            )
            self.notify(f"Reloaded: {len(timeline.events)} events.", markup=False, timeout=3)
        self._show_problems(message.loaded.warnings)
        event_list = self.query_one(EventList)
        self._spinner.stop()
        event_list.loading = False
        if self.focused is None and not isinstance(self.screen, ModalScreen):
            event_list.focus()
        keep = None
        if selected_id is not None:
            keep = next((i for i, e in enumerate(timeline.events) if e.id == selected_id), None)
        self._apply(keep=keep)
        if len(timeline.events) >= FREEZE_EVENTS:
            # A large timeline is a few million long-lived objects, none in a reference cycle:
            # keep the cycle collector from walking them all again and again (a pause of 0.1 s
            # or more at 100,000 events, now and then while scrolling or typing).
            gc.freeze()

    @on(SearchIndexReady)
    def _indexed(self, message: SearchIndexReady) -> None:
        if message.timeline is self.timeline and len(message.timeline.events) >= FREEZE_EVENTS:
            gc.freeze()  # the index too is long-lived and free of cycles (see _loaded)

    @on(LoadProgress)
    def _progress(self, message: LoadProgress) -> None:
        if message.fraction < 1:
            self._loading = f"{'Loading' if self.timeline is None else 'Reloading'}… {message.fraction:.0%}"
            self.query_one("#status", Static).update(Content(self._loading), layout=False)

    @on(TimelineFailed)
    def _failed(self, message: TimelineFailed) -> None:
        if message.initial or self.timeline is None:
            self.problems = message.problems
            self.exit(1, return_code=1)
            return
        self._show_problems(message.problems, last_good=True)
        self._update_status()
        errors = sum(1 for p in message.problems if not p.warning)
        self.notify(
            f"The file changed but has {errors} problem{'s' if errors != 1 else ''}: "
            "showing the last good version.",
            severity="error",
            markup=False,
        )

    def _show_problems(self, problems: Sequence[Problem], last_good: bool = False) -> None:
        panel = self.query_one("#problems", Static)
        if not problems:
            panel.display = False
            return
        head = "Showing the last good version; the file on disk has problems:" if last_good else "Warnings:"
        lines = [str(p) for p in problems[:8]]
        if len(problems) > 8:
            lines.append(f"… and {len(problems) - 8} more (run: timeline check)")
        style = "$error" if last_good else "$warning"
        panel.update(Content.assemble((head, f"bold {style}"), "\n", "\n".join(lines)))
        panel.display = True

    # -- the view -------------------------------------------------------------------------
    def _selected_event(self) -> Event | None:
        index = self.query_one(EventList).selected
        return self.timeline.events[index] if self.timeline is not None and index is not None else None

    def _apply(self, keep: int | None = None) -> None:
        """Show the events the current filter keeps, keeping the selection when it still shows."""
        if self.timeline is None:
            self._update_status()
            return
        event_list = self.query_one(EventList)
        if keep is None:
            keep = event_list.selected
        self.shown = self.filter.apply(self.timeline)
        event_list.show(self.timeline, self.shown, keep=keep)
        self.query_one(Overview).show(self.timeline, self.shown)
        self._update_status()

    def set_filter(self, new: Filter, *, remember: bool = True) -> None:
        if new == self.filter:
            return
        if remember:
            self.history.append(self.filter)
        self.filter = new
        self._apply()

    def _update_status(self) -> None:
        status = self.query_one("#status", Static)
        if self.timeline is None:
            status.update(Content(self._loading), layout=False)
            return
        words = self.filter.describe(self.timeline)
        parts: list[Content | tuple[str, str] | str] = [
            (f"{len(self.shown)} of {len(self.timeline.events)} events", "bold")
        ]
        if words:
            parts += [" · ", words]
        if self.filter.actors and len(self.filter.actors) > 1:
            parts += [
                ("  (m: match " + ("any" if self.filter.match == "all" else "all") + ")", "$text-muted")
            ]
        status.update(Content.assemble(*parts), layout=False)  # one line high: no layout needed

    @on(Overview.Picked)
    def _overview_picked(self, message: Overview.Picked) -> None:
        self.query_one(EventList).select_event(message.index)

    def _cursor_moved(self) -> None:
        # The detail pane and the overview follow the cursor as it moves, so that they are drawn in
        # the same frame as the list (the EventList.Selected message would come a frame later).
        index = self.query_one(EventList).selected
        self.query_one(DetailPane).show(self.timeline, index)
        self.query_one(Overview).selected = index

    # -- filters ---------------------------------------------------------------------------
    def _typing_ahead(self) -> None:
        """Let a priority key through as typing when a field has focus or a dialog is open.

        Textual hands each key on to the focused widget as it arrives; a key that opens a field
        or a dialog moves the focus only once its action runs, after the keys typed behind it
        (quickly, pasted, or arriving together over a slow link) have gone to the old focus and
        been lost. As a priority binding the app runs the action first and hands on the rest
        afterwards, to the new focus.
        """
        if self.screen is not self.screen_stack[0] or isinstance(self.focused, Input):
            raise SkipAction

    async def action_search(self) -> None:
        self._typing_ahead()
        search = next(self.query(SearchBar).results(), None)
        if search is None:
            search = SearchBar(placeholder=SEARCH_PLACEHOLDER, id="search", disabled=True)
            await self.mount(search, before="#status")
        if self._search_base is None:
            self._search_base = self.filter
        search.disabled = False
        search.display = True
        search.value = self.filter.text
        self.screen.set_focus(search)  # now, not after the keys waiting behind "/" (as focus() would)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_base is None:
            return
        self.filter = self._search_base.with_(text=" ".join(event.value.split()))
        self._apply()

    def keep_search(self, text: str) -> None:
        """Keep the search for ``text`` (the field's text: its last keys may not have been applied yet)."""
        base = self._search_base
        if base is not None and self.filter.text != " ".join(text.split()):
            self.filter = base.with_(text=" ".join(text.split()))
            self._apply()
        self._close_search()
        if base is not None and base != self.filter:
            self.history.append(base)

    def cancel_search(self) -> None:
        base = self._search_base
        self._close_search()
        if base is not None:
            self.filter = base
            self._apply()

    def _close_search(self) -> None:
        self._search_base = None
        search = self.query_one(SearchBar)
        search.display = False
        search.disabled = True
        self.screen.set_focus(self.query_one(EventList))  # now: the keys typed next move the cursor

    async def action_pick_actors(self) -> None:
        self._typing_ahead()
        tl = self.timeline
        if tl is None:
            self.notify("Still loading…", markup=False)
            return
        counts = tl.actor_counts(self.shown)
        colours = actor_colours(tl, self.current_theme.dark)
        choices = [
            Choice(
                a.id, a.name, counts.get(a.id, 0), f"bold {colours[a.id]}", " ".join((a.short, *a.aliases))
            )
            for a in sorted(tl.actors.values(), key=lambda a: (-counts.get(a.id, 0), a.name.casefold()))
        ]
        mode = "all of them" if self.filter.match == "all" else "any of them"
        picker = Picker("Filter by actor", choices, self.filter.actors, note=f"events involving {mode} (m)")
        await self.push_screen(picker, self._actors_picked)

    def _actors_picked(self, chosen: frozenset[str] | None) -> None:
        if chosen is not None:
            self.set_filter(self.filter.with_(actors=chosen))

    def filter_by_actor(self, actor_id: str) -> None:
        self.set_filter(self.filter.with_(actors=frozenset({actor_id})))

    def action_toggle_match(self) -> None:
        self.set_filter(self.filter.with_(match="all" if self.filter.match == "any" else "any"))
        self.notify(
            f"Actors: events involving {self.filter.match} of the chosen actors.",
            markup=False,
            timeout=2,
        )

    async def action_pick_tags(self) -> None:
        self._typing_ahead()
        tl = self.timeline
        if tl is None:
            self.notify("Still loading…", markup=False)
            return
        kinds = tl.kind_counts(self.shown)
        tags = tl.tag_counts(self.shown)
        outcome_counts = tl.outcome_counts(self.shown)
        outcomes = {o: outcome_counts.get(o, 0) for o in OUTCOMES}
        choices = [Choice(f"kind:{k}", f"kind: {k}", kinds.get(k, 0), "$accent") for k in tl.kinds]
        choices += [
            Choice(f"outcome:{o}", f"outcome: {w}", outcomes[o], "$warning") for o, w in OUTCOMES.items()
        ]
        choices += [Choice(f"tag:{t}", f"tag: {t}", tags.get(t, 0)) for t in tl.tags]
        chosen = frozenset(
            [f"kind:{k}" for k in self.filter.kinds]
            + [f"tag:{t}" for t in self.filter.tags]
            + [f"outcome:{o}" for o in self.filter.outcomes]
        )
        await self.push_screen(Picker("Filter by tag, kind or outcome", choices, chosen), self._tags_picked)

    def _tags_picked(self, chosen: frozenset[str] | None) -> None:
        if chosen is None:
            return

        def pick(prefix: str) -> frozenset[str]:
            return frozenset(c.split(":", 1)[1] for c in chosen if c.startswith(prefix + ":"))

        self.set_filter(self.filter.with_(kinds=pick("kind"), tags=pick("tag"), outcomes=pick("outcome")))

    def action_clear_filters(self) -> None:
        self.set_filter(Filter(match=self.filter.match))

    def action_undo_filter(self) -> None:
        if not self.history:
            self.notify("No filter to undo.", markup=False, timeout=2)
            return
        self.filter = self.history.pop()
        self._apply()

    # -- export, copy, open -------------------------------------------------------------------
    def _proposed_name(self) -> str:
        assert self.timeline is not None
        words = self.filter.describe(self.timeline)
        stem = _slug(self.timeline.title) or "timeline"
        if words:
            stem = f"{stem}-{_slug(words)}"[:80].strip("-")
        return f"{stem}.md"

    async def action_export(self) -> None:
        self._typing_ahead()
        if self.timeline is None:
            self.notify("Still loading…", markup=False)
            return
        dialog = ExportDialog(self._proposed_name(), len(self.shown), self.folder, protected=self.paths)
        await self.push_screen(dialog, self._export_chosen)

    def _export_chosen(self, choice: tuple[Path, bool] | None) -> None:
        if choice is not None and self.timeline is not None:
            path, overwrite = choice
            self.write_export(path, overwrite, self.timeline, list(self.shown), self.filter)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def write_export(
        self, path: Path, overwrite: bool, timeline: Timeline, rows: list[int], flt: Filter
    ) -> None:
        text = to_markdown(timeline, rows, flt)
        try:
            write_atomic(path, text, overwrite=overwrite)
        except WriteError as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error", markup=False)
            return
        noun = "event" if len(rows) == 1 else "events"
        self.call_from_thread(self.notify, f"Exported {len(rows)} {noun} to {path}", markup=False)

    def action_copy_event(self) -> None:
        index = self.query_one(EventList).selected
        if self.timeline is None or index is None:
            return
        self.copy_to_clipboard(event_markdown(self.timeline, self.timeline.events[index]))
        self.notify("Copied the event as Markdown.", markup=False, timeout=2)

    def action_copy_view(self) -> None:
        if self.timeline is None:
            return
        self.copy_to_clipboard(to_markdown(self.timeline, self.shown, self.filter))
        self.notify(f"Copied the view ({len(self.shown)} events) as Markdown.", markup=False, timeout=2)

    def action_open_source(self) -> None:
        index = self.query_one(EventList).selected
        if self.timeline is None or index is None:
            return
        for source_id in self.timeline.events[index].sources:
            source = self.timeline.sources.get(source_id)
            if source is not None and source.url:
                self.open_url(source.url)
                self.notify(f"Opening {source.url}", markup=False, timeout=3)
                return
        self.notify("This event has no source with a link.", markup=False)

    # -- help and palette ---------------------------------------------------------------------
    def action_help(self) -> None:
        self.push_screen(
            HelpScreen(
                [
                    ("Moving in the timeline", EventList.BINDINGS),
                    ("In the detail pane", DetailPane.BINDINGS),
                    ("Filtering, export and more", self.BINDINGS),
                    ("In the actor and tag pickers", Picker.BINDINGS),
                    ("In the search field", SearchBar.BINDINGS),
                ]
            )
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        on_app = [(binding, False) for binding in self.BINDINGS]
        on_list = [(binding, True) for binding in EventList.BINDINGS]
        for binding, list_action in on_app + on_list:
            if isinstance(binding, Binding) and binding.action.removeprefix("app.") not in ("quit", "help"):
                keys = ", ".join(self.get_key_display(Binding(k, "")) for k in binding.key.split(","))
                run = self._runner(binding.action, list_action)
                yield SystemCommand(binding.description, f"key: {keys}", run)

    def _runner(self, action: str, on_list: bool) -> Callable[[], Awaitable[None]]:
        """Run ``action`` where its key binds it: on the timeline pane, or on the app."""

        async def run() -> None:
            await (self.query_one(EventList) if on_list else self).run_action(action)

        return run


def run_app(
    paths: Sequence[str | os.PathLike[str]],
    spec: FilterSpec | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: bool = True,
) -> int:
    """Run the explorer; print any problems that stopped it; return the exit code."""
    app = TimelineApp(paths, spec, max_bytes=max_bytes, cache=cache)
    app.run()
    for problem in app.problems:
        print(problem, file=sys.stderr)
    if app.exit_message:
        print(app.exit_message, file=sys.stderr)
    return app.return_code or 0
