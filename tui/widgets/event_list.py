"""The timeline pane: one line per event, drawn with the Line API so it stays fast at any size.

It draws the :class:`tui.view.View` the app gives it and keeps no selection of its own: its
keys and clicks ask the app (its actions ``move``, ``select_at`` and ``jump_year``), whose
state decides and gives every pane the new view.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from timeline import Timeline
from timeline.columns import OUTCOME_MARKS as MARKS
from timeline.columns import outcome_mark
from timeline.dates import year_text
from timeline.lanes import Lanes, lanes_for
from timeline.matches import match_spans

from ..palette import actor_colours, few_colours
from ..rows import (
    EVENT,
    GAP,
    GUTTER,
    LEAD,
    MORE,
    TRAIL,
    YEAR,
    RowLayout,
    Rows,
    RowText,
    date_cell,
    fit_tags,
    gap_words,
    layout,
    plan_row,
    planned_from,
    row_text,
)
from ..view import View
from .lanes import lane_pieces, lane_title_cells
from .scrolling import set_virtual_size

#: Outcome marks: (glyph, style) — glyphs differ, so colour is never the only cue.
OUTCOME_MARKS: dict[str, tuple[str, str]] = {
    outcome: (MARKS[outcome], style)
    for outcome, style in (
        ("held", "$success"),
        ("declined", "$error"),
        ("not-held", "$text-muted"),
        ("pending", "$warning"),
    )
}

#: ``--since REV``: the mark of a new (+) or changed (~) event and its style; it takes these
#: cells before the title, on every row (so the titles stay in one column).
CHANGE_STYLES = {"+": "event-list--new", "~": "event-list--changed"}
CHANGE_CELLS = 1 + GUTTER

EMPTY_VIEW = "  No event matches these filters: c clears them, Esc undoes the last change."

#: Drawn lines are kept for this many screens: enough for a refilter to find its lines again,
#: few enough that the cycle collector's full passes (which walk every kept line's objects,
#: some 30 each) stay short.
CACHED_SCREENS = 4

#: The texts of this many events are kept (what a row shows, before it is fitted to the columns).
CACHED_TEXTS = 200_000


class EventList(ScrollView, can_focus=True):
    """Events in chronological order with year separators and gap markers."""

    COMPONENT_CLASSES = {
        "event-list--cursor",
        "event-list--year",
        "event-list--gap",
        "event-list--date",
        "event-list--duration",
        "event-list--held",
        "event-list--declined",
        "event-list--not-held",
        "event-list--pending",
        "event-list--match",
        "event-list--new",
        "event-list--changed",
    }

    # The keys that move the selection ask the app, whose state owns it (see tui.view).
    BINDINGS = [
        Binding("down,j", "app.move(1)", "Next event", show=False),
        Binding("up,k", "app.move(-1)", "Previous event", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("g,home", "app.select_at(0)", "First event", show=False),
        Binding("G,end", "app.select_at(-1)", "Last event", show=False),
        Binding("right_square_bracket", "app.jump_year(True)", "Next year", show=False),
        Binding(
            "left_square_bracket",
            "app.jump_year(False)",
            "Start of this year, or of the previous",
            show=False,
        ),
        Binding("w", "toggle_wrap", "Wrap long titles", show=False),
        Binding("tab", "app.focus_next", "Read the detail pane (Tab again: back)", show=False),
        Binding("escape", "app.undo_filter", "Undo last filter", show=False),
    ]

    class LanesLaidOut(Message):
        """The lanes the pane draws changed (the view or the width did): the header names them."""

        def __init__(self, lanes: Lanes | None) -> None:
            super().__init__()
            self.lanes = lanes

    wrap: reactive[bool] = reactive(False, init=False)
    """Whether long titles go on to a second line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = View()  # what the pane shows, as the app last gave it
        self.rows = Rows()
        self._colours: dict[str, str] = {}
        # Drawn lines by what they show (kind, value), width and cursor: the same event keeps
        # its line when a filter changes, so refiltering draws only the lines not seen yet.
        self._cache: dict[tuple[int, int, int, bool, RowLayout | Lanes | None], Strip] = {}
        self._styles: dict[tuple[str, bool], RichStyle] = {}  # (style, is-cursor): the drawn style
        self._texts: dict[int, RowText] = {}  # event index: what its row shows
        # The columns, with the width, shown events and timeline they were planned for.
        self._layout: tuple[int, Sequence[int], Timeline | None, RowLayout] | None = None
        self._cells_of: tuple[Timeline, list[int]] | None = None  # the cells of each title
        #: The lanes drawn when the view says lanes (the model's layout for the shown events and width).
        self.lanes: Lanes | None = None
        self._lanes_for: tuple[tuple[object, ...], Lanes] | None = (
            None  # (what they were laid for, the lanes)
        )

    # -- data -------------------------------------------------------------------
    def show(self, view: View) -> None:
        """Show ``view``: its events, the selected one as the cursor, the words of its search
        marked where they stand in the titles.  Lays the rows out again only when the shown
        events changed; a move of the selection redraws and scrolls to it."""
        old, self.view = self.view, view
        if view.highlight != old.highlight or view.marks is not old.marks:
            self._cache.clear()  # the same rows, marked differently
        if view.timeline is not old.timeline:
            if view.timeline is not None:
                self._colours = actor_colours(
                    view.timeline, self.app.current_theme.dark, self.app.console.color_system
                )
            self._cache.clear()  # lines are kept by what they show, which another timeline changes
            self._texts.clear()
        if view.timeline is not old.timeline or view.shown is not old.shown:
            self.rows = layout(view.timeline, view.shown) if view.timeline is not None else Rows()
            self._plan_wrapped()
            set_virtual_size(self, Size(self.scrollable_content_region.width, len(self.rows)))
        # Drawn lines are cached by (kind, value, width, is-cursor): no invalidation needed here.
        self._lay_lanes()
        self._scroll_cursor_into_view()
        self.refresh()

    def _lay_lanes(self) -> None:
        """Lay the lanes out again for the view and the width (None when the view shows rows);
        only when the shown events, the chosen actors or the width changed, not on a move."""
        view = self.view
        lanes = None
        if view.lanes and view.timeline is not None:
            width = self.scrollable_content_region.width
            key = (view.timeline, view.shown, view.actors, width)
            laid = self._lanes_for
            if (
                laid is None
                or any(a is not b for a, b in zip(laid[0][:2], key[:2], strict=True))
                or laid[0][2:] != key[2:]
            ):
                laid = self._lanes_for = (key, lanes_for(view.timeline, view.shown, view.actors, width))
            lanes = laid[1]
        if lanes != self.lanes:
            self.lanes = lanes
            self.post_message(self.LanesLaidOut(lanes))

    # What the view holds, as the pane draws it.
    @property
    def timeline(self) -> Timeline | None:
        return self.view.timeline

    @property
    def shown(self) -> Sequence[int]:
        return self.view.shown

    @property
    def highlight(self) -> str:
        """The search text, whose words are marked in the titles."""
        return self.view.highlight

    @property
    def cursor(self) -> int:
        """Position of the selected event among the shown events (-1: none)."""
        return self.view.position

    @property
    def selected(self) -> int | None:
        """Index (into ``timeline.events``) of the selected event."""
        return self.view.selected

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        if self.timeline is not None:
            self._colours = actor_colours(
                self.timeline, self.app.current_theme.dark, self.app.console.color_system
            )
        self._forget_drawn()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_drawn()

    def _forget_drawn(self) -> None:
        """Drop the drawn lines and their styles: the colours, styles or width changed."""
        self._cache.clear()
        self._styles.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._forget_drawn()
        self._lay_lanes()
        if self.wrap:
            self._plan_wrapped()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self._scroll_cursor_into_view(animate=False)

    # -- cursor -------------------------------------------------------------------
    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        if not (0 <= self.cursor < len(self.rows.event_rows)):
            return
        row = self.rows.event_rows[self.cursor]
        last = row + 1 if row + 1 < len(self.rows) and self.rows.kinds[row + 1] == MORE else row
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height or 1
        # Show the year heading above the first event of a year when it fits.
        want_top = row - 1 if row >= 1 and self.rows.kinds[row - 1] == YEAR else row
        # force: when the rows just grew past the pane, the scrollbar that allows scrolling comes
        # with the next layout, after this scroll would run (the view widened by c or undo)
        if want_top < top:
            self.scroll_to(y=want_top, animate=animate, force=True)
        elif last >= top + height:
            self.scroll_to(y=last - height + 1, animate=animate, force=True)

    @property
    def cursor_region(self) -> Region | None:
        """Where on the screen the selected event's row is; None when it is not in sight."""
        if not (0 <= self.cursor < len(self.rows.event_rows)):
            return None
        area = self.scrollable_content_region
        y = area.y + self.rows.event_rows[self.cursor] - self.scroll_offset.y
        return Region(area.x, y, area.width, 1) if area.y <= y < area.bottom else None

    async def action_page(self, pages: int) -> None:
        """Ask to move the selection by ``pages`` screens (less a row each, to keep one in sight)."""
        await self.run_action(f"app.move({pages * max(1, self.scrollable_content_region.height - 1)})")

    async def on_click(self, event: events.Click) -> None:
        row = event.y + self.scroll_offset.y
        if 0 <= row < len(self.rows) and self.rows.kinds[row] in (EVENT, MORE):
            await self.run_action(f"app.select_at({self.rows.position_at(row)})")
        self.focus()

    # -- drawing ------------------------------------------------------------------
    # One renderer: every line (year, gap, event, a wrapped title's second line) is a list of
    # (text, style name) pieces, drawn as segments; the columns come from a RowLayout.

    def _text(self, index: int) -> RowText:
        text = self._texts.get(index)
        if text is None:
            assert self.timeline is not None
            if len(self._texts) > CACHED_TEXTS:
                self._texts.clear()
            text = self._texts[index] = row_text(self.timeline, index)
        return text

    def row_layout(self) -> RowLayout:
        """The columns of the event rows: planned for every shown event (see
        :func:`tui.rows.plan_row`), so they stay put while the list scrolls, and change only
        when the shown events or the width do."""
        width = self.scrollable_content_region.width
        kept = self._layout
        if kept is not None and kept[0] == width and kept[1] is self.shown and kept[2] is self.timeline:
            return kept[3]
        texts = [self._text(i) for i in planned_from(self.shown)] if self.timeline is not None else []
        planned = plan_row(width, texts)
        self._layout = (width, self.shown, self.timeline, planned)
        return planned

    def _plan_wrapped(self) -> None:
        """In wrap mode: which events take two rows (a title longer than its column).
        Re-planned on a refilter, a resize or a toggle."""
        if not self.wrap or self.timeline is None:
            return
        planned = self.row_layout()
        cells = self._title_cells()
        room = planned.title - (CHANGE_CELLS if self.view.marks is not None else 0)
        tall = [p for p, index in enumerate(self.shown) if cells[index] > room]
        self.rows = layout(self.timeline, self.shown, tall)

    def _title_cells(self) -> list[int]:
        """The cells of every title of the timeline (worked out once per timeline)."""
        assert self.timeline is not None
        if self._cells_of is None or self._cells_of[0] is not self.timeline:
            titles = [event.title for event in self.timeline.events]
            self._cells_of = (self.timeline, [len(t) if t.isascii() else cell_len(t) for t in titles])
        return self._cells_of[1]

    def action_toggle_wrap(self) -> None:
        self.wrap = not self.wrap

    def watch_wrap(self) -> None:
        if self.timeline is None:
            return
        if self.wrap:
            self._plan_wrapped()
        else:
            self.rows = layout(self.timeline, self.shown)
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(self.rows)))
        self._forget_drawn()
        self._scroll_cursor_into_view()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if row >= len(self.rows) or self.timeline is None:
            if row == 0 and self.timeline is not None:  # nothing matches: say so, and how to get back
                return self._draw_pieces([(EMPTY_VIEW, "event-list--gap")], width, False)
            return Strip.blank(width, self.visual_style.rich_style)
        kind, value = self.rows.at(row)
        is_cursor = kind in (EVENT, MORE) and self.rows.position_at(row) == self.cursor
        planned: RowLayout | Lanes | None = None
        if kind in (EVENT, MORE):
            planned = self.lanes if self.view.lanes and self.lanes is not None else self.row_layout()
        key = (kind, value, width, is_cursor, planned)
        strip = self._cache.get(key)
        if strip is None:
            strip = self.draw_row(kind, value, width, is_cursor, planned)
            if len(self._cache) > CACHED_SCREENS * max(self.size.height, 10):
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def draw_row(
        self, kind: int, value: int, width: int, is_cursor: bool, planned: RowLayout | Lanes | None
    ) -> Strip:
        """The line of a row: ``kind`` and ``value`` as :meth:`Rows.at` gives them."""
        if kind == YEAR:
            label = f"── {year_text(value)} "
            pieces = [(label + "─" * max(0, width - len(label)), "event-list--year")]
        elif kind == GAP:
            pieces = [(f"  ┊ {gap_words(value)} ┊", "event-list--gap")]
        elif isinstance(planned, Lanes):
            pieces = self._lane_pieces(kind, value, planned, width)
        else:
            assert planned is not None
            if kind == EVENT:
                pieces = self._event_pieces(value, planned, is_cursor)
            else:
                pieces = self._more_pieces(value, planned)
        return self._draw_pieces(pieces, width, is_cursor)

    def _draw_pieces(self, pieces: list[tuple[str, str]], width: int, is_cursor: bool) -> Strip:
        segments = [Segment(text, self._rich_style(style, is_cursor)) for text, style in pieces if text]
        return Strip(segments).adjust_cell_length(width, self._rich_style("", is_cursor))

    def _rich_style(self, name: str, is_cursor: bool) -> RichStyle:
        """The widget's style (and the cursor's) with ``name`` on top: a component class of this
        widget (``event-list--…``) or a plain style such as ``bold #61afef``."""
        key = (name, is_cursor)
        style = self._styles.get(key)
        if style is None:
            visual = self.visual_style
            if is_cursor:
                visual = visual + self.get_visual_style("event-list--cursor")
            part = Style()
            if name.startswith("event-list--"):
                # Only the class's colour and text style: its background would hide the cursor's.
                part = self.get_visual_style(name)
            elif name:
                part = Style.parse(name)
            # With 16 colours an actor's or a mark's colour may be the cursor's own (cyan on
            # cyan), and without colour every one turns a grey next to the cursor's: on the
            # cursor row marks and tags take the cursor's foreground, their shapes and letters
            # telling them.
            plain = is_cursor and (self.app.no_color or few_colours(self.app.console.color_system))
            visual = visual + Style(
                foreground=None if plain else part.foreground,
                bold=part.bold,
                italic=part.italic,
                underline=part.underline,
            )
            style = self._styles[key] = visual.rich_style
        return style

    def _event_pieces(self, index: int, planned: RowLayout, is_cursor: bool = False) -> list[tuple[str, str]]:
        assert self.timeline is not None
        text = self._text(index)
        pieces = [(" " * LEAD, ""), (_fit(date_cell(text, planned), planned.date), ""), (" " * GUTTER, "")]
        if planned.duration:
            duration = text.duration if planned.long_durations else text.short_duration
            pieces += [(duration.rjust(planned.duration), "event-list--duration"), (" " * GUTTER, "")]
        pieces += [self._outcome_piece(index), (" " * GUTTER, "")]
        cells = planned.title
        if self.view.marks is not None:  # --since: new or changed, before the title
            change = self.view.marks.get(index, " ")
            pieces += [(change, CHANGE_STYLES.get(change, "")), (" " * GUTTER, "")]
            cells -= CHANGE_CELLS
        title = _split_title(text.title, cells)[0] if self.wrap else text.title
        pieces += self._marked(_fit(title, cells))
        if planned.tags:
            tags, left_out = fit_tags(text.tags, planned.tags)
            pieces.append((" " * GUTTER, ""))
            for n, (tag, actor_id) in enumerate(tags):  # (on the cursor row: see _rich_style)
                colour = self._colours.get(actor_id, "")
                pieces += [(" " if n else "", ""), (tag, f"bold {colour}".strip())]
            if left_out:
                pieces.append(((" " if tags else "") + f"+{left_out}", "event-list--duration"))
        return pieces

    def _lane_pieces(self, kind: int, index: int, lanes: Lanes, width: int) -> list[tuple[str, str]]:
        """An event's row in lanes: its marks, date and title (a wrapped title's second line under it)."""
        assert self.timeline is not None
        title, cells = self._text(index).title, lane_title_cells(lanes, width)
        shift = CHANGE_CELLS if self.view.marks is not None else 0  # --since: the mark first
        cells -= shift
        if kind == MORE:
            rest = _split_title(title, cells)[1]
            return [(" " * (lanes.title_x + shift), ""), *self._marked(_fit(rest, cells))]
        pieces = lane_pieces(self.timeline, index, lanes, self._colours, lanes.date_of(self.timeline, index))
        pieces += [self._outcome_piece(index), (" " * GUTTER, "")]
        if self.view.marks is not None:
            change = self.view.marks.get(index, " ")
            pieces += [(change, CHANGE_STYLES.get(change, "")), (" " * GUTTER, "")]
        return pieces + self._marked(_fit(_split_title(title, cells)[0] if self.wrap else title, cells))

    def _outcome_piece(self, index: int) -> tuple[str, str]:
        """The outcome mark before the title (a blank for none), in rows and lanes alike."""
        assert self.timeline is not None
        outcome = self.timeline.events[index].outcome
        return outcome_mark(outcome), f"event-list--{outcome}" if outcome else ""

    def _more_pieces(self, index: int, planned: RowLayout) -> list[tuple[str, str]]:
        """The second line of a wrapped title, under the title's column."""
        shift = CHANGE_CELLS if self.view.marks is not None else 0
        rest = _split_title(self._text(index).title, planned.title - shift)[1]
        room = max(1, planned.width - planned.title_x - shift - TRAIL)
        return [(" " * (planned.title_x + shift), ""), *self._marked(_fit(rest, room))]

    def _marked(self, text: str) -> list[tuple[str, str]]:
        """``text`` as pieces, with the search words in it marked."""
        spans = match_spans(text, self.highlight) if self.highlight else []
        if not spans:
            return [(text, "")]
        pieces: list[tuple[str, str]] = []
        done = 0
        for start, end in spans:
            pieces += [(text[done:start], ""), (text[start:end], "event-list--match")]
            done = end
        pieces.append((text[done:], ""))
        return pieces


def _fit(text: str, cells: int) -> str:
    """``text`` in exactly ``cells`` cells: cut with an ellipsis, or padded."""
    if cell_len(text) == cells:
        return text
    return Content(text).truncate(cells, ellipsis=True, pad=True).plain if cells > 0 else ""


def _split_title(title: str, cells: int) -> tuple[str, str]:
    """A title's first line in ``cells`` cells (broken between words where it can) and the rest."""
    if cell_len(title) <= cells or cells <= 0:
        return title, ""
    if title.isascii():  # a cell a character: after the last space that fits
        cut = title.rfind(" ", 0, cells + 1)
        first = title[: cut if cut > 0 else cells].rstrip()
    else:
        first = Content(title).wrap(cells)[0].plain.rstrip()
    return first, title[len(first) :].lstrip()
