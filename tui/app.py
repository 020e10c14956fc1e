"""The timeline explorer app: a timeline pane, an overview strip, a detail pane and keyboard filters.

The app asks the model for everything it shows: :func:`timeline.load` reads
the files (in a worker thread), :class:`timeline.Filter` decides which events
are shown, :mod:`timeline.markdown` writes exports.  The state of the view (the
filter, its history, the selection) is :class:`tui.view.ExplorerState`'s: the keys and the
mouse ask it for a change, and after each change the app gives its :class:`tui.view.View`
to every pane, once.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from textual import on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from timeline import Filter, FilterSpec, Problem, Timeline
from timeline.atomic import WriteError, write_atomic
from timeline.dates import FuzzyDate
from timeline.filters import UnknownNameError
from timeline.interop.export import export_bytes
from timeline.interop.formats import DEFAULT_EXPORT, FORMATS
from timeline.load import DEFAULT_MAX_BYTES, bundled_path
from timeline.markdown import event_markdown, to_markdown
from timeline.model import UnknownActorError, UnknownEventError
from timeline.views import NamedView, UnknownViewError

from . import compat
from .commands import ActorCommands
from .editor import EditorError, editor_command, installed_copy
from .handoff import copy_text, open_link, own_command, shell_word, shown_path
from .loading import FileWatcher, build_index, loads_at_once, run_load
from .messages import LoadProgress, TimelineFailed, TimelineLoaded
from .palette import actor_colours, theme_for
from .screens.dates import GotoDialog, RangeDialog
from .screens.export import ExportDialog
from .screens.help import HelpScreen
from .screens.links import LinkPicker
from .screens.picker import Picker
from .screens.views import ViewPicker
from .since import SinceFailed, SinceReady, run_compare
from .toasts import toast_lines, toast_text_width, whole_lines
from .view import ExplorerState, View, When
from .widgets.detail import DetailPane
from .widgets.event_list import EventList
from .widgets.footer import Footer
from .widgets.lanes import LaneHeader
from .widgets.overview import Overview
from .widgets.search_bar import SearchBar
from .widgets.status import StatusLine
from .widgets.title_bar import TitleBar

__all__ = ["SearchBar", "TimelineApp", "run_app"]

#: How often open files are checked for changes, in seconds.
WATCH_INTERVAL = 1.0

#: How long the first load runs before the timeline pane shows a spinner, in seconds.
SPINNER_DELAY = 0.25
#: The longest the load worker waits for the loaded timeline to be drawn before its background work.
SHOWN_WAIT = 5.0

#: On a screen of fewer rows, one notification at a time, compact and brief (60×15: a toast
#: had covered nearly the whole timeline, two of them stacked, for 12 seconds).
COMPACT_ROWS = 30
#: The longest a notification stays on such a screen, in seconds.
COMPACT_TIMEOUT = 4.0
SEARCH_PLACEHOLDER = "Search titles, summaries, quotes, actors, places…"


class TimelineApp(App[int]):
    """Explore a timeline: select with the keys or the mouse, filter, search, export.

    The state of the view and its rules live in :class:`tui.view.ExplorerState` (``self.state``);
    the app maps keys and messages onto it, and draws what it says.  The timeline pane asks
    for moves through the app's actions ``move``, ``select_at`` and ``jump_year`` (its keys name
    them), which run at once: a key typed ahead is handled against the view the one before made.
    """

    CSS_PATH = "app.tcss"
    TITLE = "timeline"
    COMMANDS = App.COMMANDS | {ActorCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        # The keys that open a field or a dialog are priority bindings: the app acts on them
        # before it hands on the keys typed after them, which then reach the new field (see
        # _typing_ahead). Where a field has focus, or a dialog is open, they are typed as usual.
        # The footer shows the keys that fit at 80 columns with Help and Quit; ? lists every key.
        Binding("slash", "search", "Search", priority=True),
        Binding("a", "pick_actors", "Actors", priority=True),
        Binding("t", "pick_tags", "Tags", tooltip="Filter by tag, kind or outcome", priority=True),
        Binding("d", "pick_range", "Dates", tooltip="Show the events between two dates", priority=True),
        Binding("m", "toggle_match", "Any/all actors", show=False),
        Binding("c", "clear_filters", "Clear filters", show=False),
        Binding("C", "toggle_changed", "Only the events changed since --since REV", show=False),
        Binding("colon", "go_to_date", "Go to a date", show=False, priority=True),
        Binding("n", "next_event", "Next shown event", show=False),
        Binding("N", "previous_event", "Previous shown event", show=False),
        Binding("l", "follow_link", "Follow a link of the event", show=False, priority=True),
        Binding("backspace", "go_back", "Back to where a link was followed from", show=False),
        Binding("L", "go_forward", "Forward again to the link left with Backspace", show=False),
        Binding("e", "export", "Export", priority=True),
        Binding("E", "edit", "Edit the event in $VISUAL / $EDITOR", show=False),
        Binding("y", "copy_event", "Copy the event as Markdown", show=False),
        Binding("Y", "copy_view", "Copy the view as Markdown", show=False),
        Binding("i", "copy_id", "Copy the event's id (for timeline show ID)", show=False),
        Binding("o", "open_source", "Open the event's first source", show=False),
        Binding("s", "toggle_lanes", "Lanes: a column per actor (again: rows)", show=False),
        Binding("v", "pick_view", "Views: open a view named in the file", show=False, priority=True),
        Binding("p", "copy_command", "Copy the command line that reopens this view", show=False),
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
        at: str | None = None,
        view: str | None = None,
        lanes: bool = False,
        since: str | None = None,
    ) -> None:
        """``since``: a git revision; the events new or changed since it are marked (``--since``)."""
        super().__init__()
        self.paths = [os.fspath(p) for p in paths]
        self.max_bytes = max_bytes
        self.cache = cache
        self.watch_files = watch
        self.folder = folder or Path.cwd()
        #: the format the export dialog offers first: the last one written
        self.export_format = DEFAULT_EXPORT
        self.state = ExplorerState(
            spec, on_change=self._show_view, at=at, view=view, lanes=lanes, since=since
        )
        self.problems: list[Problem] = []
        self.exit_message = ""
        self._watcher = FileWatcher(self.paths)
        self._loading = "Loading…"  # the status line while the first load runs

    # What the view shows, as the state says.
    @property
    def timeline(self) -> Timeline | None:
        return self.state.timeline

    @property
    def filter(self) -> Filter:
        return self.state.filter

    @property
    def shown(self) -> list[int]:
        return self.state.shown

    # -- layout ---------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        # Start with the breakpoint class of the terminal's width (the screen sets it when resized):
        # the first frame then has the right layout, and no restyle of every widget follows it.
        return Screen(
            id="_default", classes=compat.breakpoint_class(self.HORIZONTAL_BREAKPOINTS, self.size.width)
        )

    def compose(self) -> ComposeResult:
        # The search field is mounted when first used (see action_search), before #status.
        yield TitleBar(icon="◷")
        yield Overview(id="overview")
        with Horizontal(id="panes"):
            with Vertical(id="timeline-pane"):
                yield LaneHeader(Content(""), id="lane-header")
                yield EventList(id="events")
            yield DetailPane(id="detail")
        yield Static(Content(""), id="problems")
        yield StatusLine("Loading…", id="status")
        yield Footer()

    def on_mount(self) -> None:
        event_list = self.query_one(EventList)
        event_list.focus()
        self.watch(self, "theme", self._theme_changed, init=False)
        if self.watch_files:
            self.set_interval(WATCH_INTERVAL, self._check_files)
        # The status line says "Loading…" at once; the spinner comes only if the load takes a
        # while, so a quick load's first frames do not flash it (nor pay for drawing it).
        self._spinner = self.set_timer(SPINNER_DELAY, self._show_spinner)
        # A small timeline is loaded now, so the first frame shows its events; a large one loads
        # in the background once that frame is drawn (see on_ready), with progress shown.
        self._load_now = loads_at_once(self.paths)
        if self._load_now:
            run_load(
                self.paths,
                max_bytes=self.max_bytes,
                cache=self.cache,
                initial=True,
                post=self._handle,
                index=False,
            )

    def _handle(self, message: Any) -> None:
        """Handle a loading message at once (the load ran on this thread)."""
        if isinstance(message, TimelineLoaded):
            self._loaded(message)
        elif isinstance(message, TimelineFailed):
            self._failed(message)

    def _show_spinner(self) -> None:
        if self.timeline is None:
            self.query_one(EventList).loading = True

    def on_ready(self) -> None:
        # Load once the first frame is on screen: a load thread running meanwhile would slow it down.
        if not self._load_now:
            self.load_timeline(initial=True)
        elif self.timeline is not None:
            self.build_search_index(self.timeline)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables; with 16 colours, an accent and a warning that are not red
        (see :func:`tui.palette.theme_for`)."""
        variables = super().get_css_variables()
        theme = theme_for(self.current_theme, self.console.color_system)
        if theme is not self.current_theme:
            variables.update({**theme.to_color_system().generate(), **theme.variables})
        return variables

    def _theme_changed(self) -> None:
        # Actor colours differ between dark and light themes: redraw the detail pane too.
        self.query_one(DetailPane).show(self.state.view)
        self._lanes_laid_out(EventList.LanesLaidOut(self.query_one(EventList).lanes))

    # -- loading ----------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_timeline(self, initial: bool) -> None:
        worker = get_current_worker()
        run_load(
            self.paths,
            max_bytes=self.max_bytes,
            cache=self.cache,
            initial=initial,
            post=self.post_message,
            cancelled=lambda: worker.is_cancelled,
            shown_wait=SHOWN_WAIT,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def build_search_index(self, timeline: Timeline) -> None:
        worker = get_current_worker()
        build_index(timeline, lambda: worker.is_cancelled)

    @work(thread=True, exclusive=True, exit_on_error=False, group="since")
    def compare_since(self, timeline: Timeline) -> None:
        """Work out what changed since ``--since REV`` (git, and a load of the file at REV)."""
        assert self.state.since_rev is not None
        run_compare(
            self.state.since_rev,
            self.paths,
            timeline,
            max_bytes=self.max_bytes,
            cache=self.cache,
            post=self.post_message,
        )

    @on(SinceReady)
    def _since_ready(self, message: SinceReady) -> None:
        if message.timeline is self.timeline:  # (else a reload came meanwhile: its own is coming)
            self.state.set_since(message.since)

    @on(SinceFailed)
    def _since_failed(self, message: SinceFailed) -> None:
        self.notify(
            f"Cannot compare with {self.state.since_rev}: {message.message}", severity="error", markup=False
        )

    def _check_files(self) -> None:
        if self._watcher.changed():
            self.load_timeline(initial=False)

    @on(TimelineLoaded)
    def _loaded(self, message: TimelineLoaded) -> None:
        try:
            self._show_loaded(message)
        finally:
            self.call_after_refresh(message.shown.set)  # the load worker's background work may go on

    def _show_loaded(self, message: TimelineLoaded) -> None:
        timeline = message.loaded.timeline
        try:
            self.state.set_timeline(timeline, initial=message.initial)
        except (UnknownActorError, UnknownNameError, UnknownViewError, UnknownEventError) as exc:
            self.exit_message = f"timeline: {exc}"
            self.exit(2, return_code=2)
            return
        if self.state.since_rev is not None:
            self.compare_since(timeline)  # again after a reload: what changed since then, now
        self.title = timeline.title
        self.sub_title = f"{len(timeline.events)} event{'' if len(timeline.events) == 1 else 's'}"
        if not message.initial:
            self.notify(f"Reloaded: {len(timeline.events)} events.", markup=False, timeout=3)
        self._show_problems(message.loaded.warnings)
        event_list = self.query_one(EventList)
        self._spinner.stop()
        event_list.loading = False
        if self.focused is None and not isinstance(self.screen, ModalScreen):
            event_list.focus()

    @on(LoadProgress)
    def _progress(self, message: LoadProgress) -> None:
        if message.fraction < 1:
            self._loading = f"{'Loading' if self.timeline is None else 'Reloading'}… {message.fraction:.0%}"
            self.query_one(StatusLine).say(self._loading)

    @on(TimelineFailed)
    def _failed(self, message: TimelineFailed) -> None:
        if message.initial or self.timeline is None:
            self.problems = message.problems
            self.exit(1, return_code=1)
            return
        # The panel says it all, where it stays: a toast saying it again would cover it.
        self._show_problems(message.problems, last_good=True)
        self._update_status(self.state.view)

    def _show_problems(self, problems: Sequence[Problem], last_good: bool = False) -> None:
        panel = self.query_one("#problems", Static)
        if not problems:
            panel.display = False
            return
        head = "Showing the last good version; the file on disk has problems:" if last_good else "Warnings:"
        lines = [str(p) for p in problems[:8]]
        if len(problems) > 8:
            lines.append(f"… and {len(problems) - 8} more (run: {own_command()} check)")
        style = "$error" if last_good else "$warning"
        panel.update(Content.assemble((head, f"bold {style}"), "\n", "\n".join(lines)))
        panel.display = True

    # -- drawing the view ----------------------------------------------------------------
    def _show_view(self, view: View) -> None:
        """Give every pane the state's new view (the state calls this once after each change)."""
        if view.timeline is not None:
            self.query_one(EventList).show(view)
            self.query_one(DetailPane).show(view)
            self.query_one(Overview).show(view.timeline, view.shown, view.selected, view.marks)
        self._update_status(view)

    def _update_status(self, view: View) -> None:
        status = self.query_one(StatusLine)
        if view.timeline is None:
            status.say(self._loading)
            return
        status.show(view)  # every condition of the filter, in the words that fit

    # -- moving the selection (what the keys, the mouse and the dialogs ask for) ---------------
    def action_move(self, by: int) -> None:
        """Select the shown event ``by`` places from the selected one (the timeline pane's keys)."""
        self.state.move(by)

    def action_select_at(self, position: int) -> None:
        """Select the shown event at ``position``, -1 the last (a click, Home, End, a year key)."""
        self.state.select_at(position)

    def action_jump_year(self, forward: bool) -> None:
        """Select the start of the next year, or (not ``forward``) of this year or the previous,
        as the timeline pane lays out its years; the bell when there is none."""
        if not self.state.jump(self.query_one(EventList).rows.year_starts, forward):
            self.bell()

    @on(EventList.LanesLaidOut)
    def _lanes_laid_out(self, message: EventList.LanesLaidOut) -> None:
        timeline = self.timeline
        colours = self.actor_colours() if timeline is not None else {}
        self.query_one(LaneHeader).show(timeline, message.lanes, colours)

    def actor_colours(self) -> dict[str, str]:
        """The actors' colours as this app shows them (its theme, its terminal's colours): the
        picker's, the lane header's and the lanes' marks are the same."""
        assert self.timeline is not None
        return actor_colours(self.timeline, self.current_theme.dark, self.console.color_system)

    @on(Overview.Picked)
    def _overview_picked(self, message: Overview.Picked) -> None:
        self.state.select(message.index)

    def go_to_date(self, date: When) -> bool:
        """Select the first shown event on or after ``date``; False when none is that late."""
        return self.state.goto(date) is not None

    def follow_event(self, index: int) -> bool:
        """Select event ``index`` as a followed link (clearing a filter that hides it, undoably)."""
        return self.state.follow(index)

    def go_back(self) -> bool:
        """Back to the event a link was followed from; False when there is none."""
        return self.state.back() is not None

    def go_forward(self) -> bool:
        return self.state.forward() is not None

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

    def set_filter(self, new: Filter, *, remember: bool = True) -> None:
        self.state.set_filter(new, remember=remember)

    async def action_search(self) -> None:
        self._typing_ahead()
        search = next(self.query(SearchBar).results(), None)
        if search is None:
            search = SearchBar(placeholder=SEARCH_PLACEHOLDER, id="search", disabled=True)
            await self.mount(search, before="#status")
        text = self.state.begin_search()
        search.disabled = False
        search.display = True
        search.value = text
        self.screen.set_focus(search)  # now, not after the keys waiting behind "/" (as focus() would)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.state.search_changed(event.value)

    def keep_search(self, text: str) -> None:
        """Keep the search for ``text`` (the field's text: its last keys may not have been applied yet)."""
        self.state.keep_search(text)
        self._close_search()

    def cancel_search(self) -> None:
        self.state.cancel_search()
        self._close_search()

    def _close_search(self) -> None:
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
        colours = self.actor_colours()
        choices = self.state.actor_choices(colours)
        if not choices:  # (an imported timeline, say): an empty picker would say nothing
            self.notify("This timeline names no actors: there is nothing to filter by.", markup=False)
            return
        mode = "all of them" if self.filter.match == "all" else "any of them"
        picker = Picker("Filter by actor", choices, self.filter.actors, note=f"events involving {mode} (m)")
        await self.push_screen(picker, self._actors_picked)

    def _actors_picked(self, chosen: frozenset[str] | None) -> None:
        if chosen is not None:
            self.state.set_actors(chosen)

    def filter_by_actor(self, actor_id: str) -> None:
        """Add ``actor_id`` to the chosen actors (the command palette's "Filter by actor: …")."""
        self.state.add_actor(actor_id)

    def action_toggle_match(self) -> None:
        self.state.toggle_match()
        self.notify(
            f"Actors: events involving {self.filter.match} of the chosen actors.",
            markup=False,
            timeout=2,
        )

    async def action_pick_tags(self) -> None:
        self._typing_ahead()
        if self.timeline is None:
            self.notify("Still loading…", markup=False)
            return
        picker = Picker("Filter by tag, kind or outcome", self.state.facet_choices(), self.state.facet_keys())
        await self.push_screen(picker, self._tags_picked)

    def _tags_picked(self, chosen: frozenset[str] | None) -> None:
        if chosen is not None:
            self.state.set_facets(chosen)

    def action_clear_filters(self) -> None:
        self.state.clear()

    def action_toggle_changed(self) -> None:
        if self.state.since_rev is None:
            self.notify("Open with --since REV (a git revision) to see what changed since it.", markup=False)
        elif not self.state.toggle_changed():
            self.notify(f"Still comparing with {self.state.since_rev}…", markup=False, timeout=3)

    def action_undo_filter(self) -> None:
        if not self.state.undo():
            self.notify("No filter to undo.", markup=False, timeout=2)

    # -- lanes and named views ------------------------------------------------------------------
    def action_toggle_lanes(self) -> None:
        self.state.toggle_lanes()

    async def action_pick_view(self) -> None:
        self._typing_ahead()
        if self.timeline is None:
            self.notify("Still loading…", markup=False)
            return
        if not self.timeline.views:
            self.notify(
                "This timeline names no views: see views: in the README's file format.",
                markup=False,
                timeout=4,
            )
            return
        await self.push_screen(ViewPicker(self.timeline), self._view_chosen)

    def _view_chosen(self, view: NamedView | None) -> None:
        if view is not None:
            self.state.apply_view(view)

    def action_copy_command(self) -> None:
        if self.timeline is None:
            return
        bundled = os.fspath(bundled_path())
        files = [p for p in self.paths if p != bundled]
        text = shlex.join(["timeline", *files, *self.state.command_args()])
        self._hand_over(text, "the command line that reopens this view", "view-command.txt")

    # -- export, copy, open -------------------------------------------------------------------
    async def action_export(self) -> None:
        self._typing_ahead()
        if self.timeline is None:
            self.notify("Still loading…", markup=False)
            return
        timeline, rows, flt = self.timeline, list(self.shown), self.filter

        def write(path: Path, overwrite: bool, fmt: str) -> str:  # in the dialog's worker thread
            try:
                write_atomic(path, export_bytes(fmt, timeline, rows, flt), overwrite=overwrite)
            except WriteError as exc:
                return str(exc)
            return ""

        fmt = self.export_format
        dialog = ExportDialog(
            self.state.export_name(fmt), len(rows), self.folder, write, protected=self.paths, fmt=fmt
        )
        await self.push_screen(dialog, partial(self._exported, timeline, rows))

    def _exported(self, timeline: Timeline, rows: list[int], done: tuple[Path, str] | None) -> None:
        if done is not None:
            path, fmt = done
            self.export_format = fmt  # the dialog offers it first next time
            count = FORMATS[fmt].written(timeline, rows)  # those the format could hold
            noun = "event" if count == 1 else "events"
            title = FORMATS[fmt].title
            self.notify(f"Exported {count} {noun} as {title} to:\n{shown_path(path)}", markup=False)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification, fitted to the screen: a path or link whole on its own line (shortened
        in the middle where the toast is too narrow, never broken). On a screen of fewer than
        :data:`COMPACT_ROWS` rows, it replaces the one before, in fewer lines and for at most
        :data:`COMPACT_TIMEOUT` seconds, and rises to the top where at the bottom it would cover
        the selected row."""
        if not markup:
            message = whole_lines(message, toast_text_width(self.size.width, message))
        if threading.current_thread() is threading.main_thread():  # (notify is thread-safe)
            compact = self.size.height < COMPACT_ROWS
            self.set_class(compact, "compact-toasts")
            if compact:
                self.clear_notifications()
                timeout = min(self.NOTIFICATION_TIMEOUT if timeout is None else timeout, COMPACT_TIMEOUT)
                lines = toast_lines(message, toast_text_width(self.size.width, message)) + bool(title)
                self._place_toasts(lines)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _place_toasts(self, lines: int) -> None:
        """Toasts at the bottom (above the status line and the footer), or at the top where at
        the bottom a toast of ``lines`` lines would cover the selected row and at the top not."""
        try:
            row = self.screen.query_one(EventList).cursor_region
        except NoMatches:  # a dialog is open: it is what the user looks at
            row = None
        bottom = self.size.height - 2  # app.tcss: ToastRack's margin-bottom
        covered_below = row is not None and bottom - lines <= row.y < bottom
        covered_above = row is not None and 1 <= row.y < 1 + lines  # app.tcss: its margin-top on top
        self.set_class(covered_below and not covered_above, "toasts-top")

    def _hand_over(self, text: str, what: str, name: str) -> None:
        """Copy ``text`` and say honestly how it left: a clipboard tool, or the terminal and a file."""
        delivery = copy_text(text, name=name)
        if delivery.terminal:
            self.copy_to_clipboard(text)  # OSC 52: the terminal may take it, and cannot say
        self.notify(delivery.describe(what), markup=False, timeout=6, severity="information")

    def action_copy_event(self) -> None:
        event = self.state.selected_event
        if self.timeline is None or event is None:
            return
        self._hand_over(event_markdown(self.timeline, event), "the event", f"{event.id}.md")

    def action_copy_id(self) -> None:
        event = self.state.selected_event
        if self.timeline is None or event is None:
            return
        self._hand_over(event.id, f"the id {event.id}", "event-id.txt")

    def action_copy_view(self) -> None:
        if self.timeline is None:
            return
        noun = "event" if len(self.shown) == 1 else "events"
        text = to_markdown(self.timeline, self.shown, self.filter)
        self._hand_over(text, f"the view ({len(self.shown)} {noun})", "view.md")

    def action_open_source(self) -> None:
        event = self.state.selected_event
        if self.timeline is None or event is None:
            return
        url = next((s.url for s in map(self.timeline.sources.get, event.sources) if s and s.url), "")
        if not url:
            self.notify("This event has no source with a link.", markup=False)
            return
        browser = open_link(url)
        if browser:
            self.notify(f"Opened in {browser}: {url}", markup=False, timeout=4)
            return
        delivery = copy_text(url, name="link.txt")
        if delivery.terminal:
            self.copy_to_clipboard(url)
        how = f"copied ({delivery.tool})" if delivery.tool else "sent to the terminal's clipboard (OSC 52)"
        self.notify(f"No browser could be started. The link, {how}:\n{url}", markup=False, timeout=12)

    # -- dates, links and the editor ------------------------------------------------------------
    async def action_pick_range(self) -> None:
        self._typing_ahead()
        if self.timeline is None:
            self.notify("Still loading…", markup=False)
            return
        order = self.timeline.date_order  # the file's numeric dates' order: typed ones read alike
        await self.push_screen(
            RangeDialog(self.filter.date_from, self.filter.date_to, self._apply_range, order)
        )

    def _apply_range(self, lo: FuzzyDate | None, hi: FuzzyDate | None) -> str:
        try:
            self.state.set_range(lo, hi)
        except ValueError as exc:
            return f"{str(exc)[:1].upper()}{str(exc)[1:]}."
        return ""

    async def action_go_to_date(self) -> None:
        self._typing_ahead()
        if self.timeline is None:
            self.notify("Still loading…", markup=False)
            return
        await self.push_screen(GotoDialog(self._apply_goto, self.timeline.date_order))

    def _apply_goto(self, date: FuzzyDate) -> str:
        if self.go_to_date(date):
            return ""
        return f"No shown event on or after {date.display()}."

    def action_next_event(self) -> None:
        self.state.move(1)

    def action_previous_event(self) -> None:
        self.state.move(-1)

    async def action_follow_link(self) -> None:
        self._typing_ahead()
        index = self.state.selected
        if self.timeline is None or index is None:
            return
        if not self.timeline.links_of(index):
            self.notify("This event has no links.", markup=False, timeout=3)
            return
        await self.push_screen(LinkPicker(self.timeline, index), self._link_chosen)

    def _link_chosen(self, target: int | None) -> None:
        before = self.filter
        if target is not None and self.follow_event(target) and self.filter != before:
            self.notify("The filter hid that event: cleared (Escape undoes).", markup=False, timeout=4)

    def action_go_forward(self) -> None:
        if not self.go_forward():
            self.notify("Nothing to go forward to: Backspace first.", markup=False, timeout=3)

    def action_go_back(self) -> None:
        if not self.go_back():
            self.notify("No link was followed: nothing to go back to.", markup=False, timeout=3)

    def action_edit(self) -> None:
        event = self.state.selected_event
        if event is None:
            return
        if installed_copy(event.file):
            self.notify(
                "This is the copy of the bundled timeline inside the installed\npackage, where edits "
                "would be lost at the next install.\nCopy it and open the copy:\n"
                f"cp {shell_word(shown_path(Path(event.file)))} my-timeline.yaml\n"
                f"{own_command()} my-timeline.yaml",
                severity="warning",
                markup=False,
                timeout=15,
            )
            return
        try:
            command = editor_command(event.file, event.line)
        except EditorError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        try:
            with self.suspend():
                code = subprocess.call(command)
        except SuspendNotSupported:
            if not self.is_headless:
                self.notify("This terminal cannot be handed to an editor.", severity="error", markup=False)
                return
            code = subprocess.call(command, stdin=subprocess.DEVNULL)  # tests: a fake editor, no terminal
        except OSError as exc:
            self.notify(
                f"Could not start {command[0]}: {exc.strerror or exc}", severity="error", markup=False
            )
            return
        if code != 0:
            self.notify(f"{command[0]} exited with status {code}.", severity="warning", markup=False)
        self._check_files()  # what was saved is shown now, the selection kept

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
                yield SystemCommand(binding.tooltip or binding.description, f"key: {keys}", run)

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
    at: str | None = None,
    view: str | None = None,
    lanes: bool = False,
    since: str | None = None,
) -> int:
    """Run the explorer (``at``: the event to select, ``view``: a named view to open, ``lanes``:
    lanes rather than rows, ``since``: a git revision to mark what changed since); print any
    problems that stopped it; return the exit code."""
    app = TimelineApp(
        paths, spec, max_bytes=max_bytes, cache=cache, at=at, view=view, lanes=lanes, since=since
    )
    app.run()
    for problem in app.problems:
        print(problem, file=sys.stderr)
    if app.exit_message:
        print(app.exit_message, file=sys.stderr)
    return app.return_code or 0
