"""The timeline pane: one line per event, drawn with the Line API so it stays fast at any size."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import partial

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from timeline import Event, Timeline
from timeline.dates import year_text

from .. import compat
from ..palette import actor_colours
from ..rows import EVENT, GAP, YEAR, Rows, gap_words, layout
from .scrolling import set_virtual_size

#: Outcome marks: (glyph, style) — glyphs differ, so colour is never the only cue.
OUTCOME_MARKS: dict[str, tuple[str, str]] = {
    "held": ("●", "$success"),
    "declined": ("✗", "$error"),
    "not-held": ("○", "$text-muted"),
    "pending": ("◔", "$warning"),
}

DATE_WIDTH = 20
EMPTY_VIEW = "  No event matches these filters: c clears them, Esc undoes the last change."

#: Drawn lines are kept for this many screens: enough for a refilter to find its lines again,
#: few enough that the cycle collector's full passes (which walk every kept line's objects,
#: some 30 each) stay short.
CACHED_SCREENS = 4


class EventList(ScrollView, can_focus=True):
    """Events in chronological order with year separators and gap markers."""

    COMPONENT_CLASSES = {
        "event-list--cursor",
        "event-list--year",
        "event-list--gap",
        "event-list--date",
        "event-list--duration",
    }

    BINDINGS = [
        Binding("down,j", "cursor_down", "Next event", show=False),
        Binding("up,k", "cursor_up", "Previous event", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("g,home", "first", "First event", show=False),
        Binding("G,end", "last", "Last event", show=False),
        Binding("right_square_bracket", "next_year", "Next year", show=False),
        Binding("left_square_bracket", "previous_year", "Previous year", show=False),
        Binding("escape", "app.undo_filter", "Undo last filter", show=False),
    ]

    cursor: reactive[int] = reactive(-1, always_update=True)
    """Position of the selected event among the shown events (-1: none)."""

    @dataclass
    class Selected(Message):
        """The selected event changed (``index`` into ``timeline.events``, or None)."""

        event_list: EventList
        index: int | None

        @property
        def control(self) -> EventList:
            return self.event_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.shown: list[int] = []
        self.rows = Rows()
        self._colours: dict[str, str] = {}
        # Drawn lines by what they show (kind, value), width and cursor: the same event keeps
        # its line when a filter changes, so refiltering draws only the lines not seen yet.
        self._cache: dict[tuple[int, int, int, bool], Strip] = {}
        self._styles: dict[tuple[str, bool], RichStyle] = {}  # (style, is-cursor): the drawn style

    # -- data -------------------------------------------------------------------
    def show(self, timeline: Timeline, shown: list[int], keep: int | None = None) -> None:
        """Show the events at ``shown``; keep the cursor on event ``keep`` if it is still shown."""
        if timeline is not self.timeline:
            self._colours = actor_colours(timeline, self.app.current_theme.dark)
            self._cache.clear()  # lines are kept by what they show, which another timeline changes
        self.timeline = timeline
        self.shown = shown
        self.rows = layout(timeline, shown)
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(self.rows)))
        position = 0
        if keep is not None and shown:
            position = bisect.bisect_left(shown, keep)
            position = min(position, len(shown) - 1)
        self.cursor = position if shown else -1
        self.refresh()

    @property
    def selected(self) -> int | None:
        """Index (into ``timeline.events``) of the selected event."""
        if 0 <= self.cursor < len(self.shown):
            return self.shown[self.cursor]
        return None

    def select_event(self, index: int) -> bool:
        """Move the cursor to event ``index`` if it is shown."""
        position = bisect.bisect_left(self.shown, index)
        if position < len(self.shown) and self.shown[position] == index:
            self.cursor = position
            return True
        return False

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        if self.timeline is not None:
            self._colours = actor_colours(self.timeline, self.app.current_theme.dark)
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
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self._scroll_cursor_into_view(animate=False)

    # -- cursor -------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        # Drawn lines are cached by (kind, value, width, is-cursor): no invalidation needed here.
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Selected(self, self.selected))

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        if not (0 <= self.cursor < len(self.rows.event_rows)):
            return
        row = self.rows.event_rows[self.cursor]
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height or 1
        # Show the year heading above the first event of a year when it fits.
        want_top = row - 1 if row >= 1 and self.rows.kinds[row - 1] == YEAR else row
        if want_top < top:
            self.scroll_to(y=want_top, animate=animate)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=animate)

    def _move(self, position: int) -> None:
        if self.shown:
            self.cursor = max(0, min(len(self.shown) - 1, position))

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move(self.cursor - max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.shown) - 1)

    def _year_starts(self) -> list[int]:
        """Positions (among shown events) where a new year begins."""
        return self.rows.year_starts

    def action_next_year(self) -> None:
        starts = self._year_starts()
        position = bisect.bisect_right(starts, self.cursor)
        if position < len(starts):
            self._move(starts[position])
        else:
            self.app.bell()

    def action_previous_year(self) -> None:
        starts = self._year_starts()
        position = bisect.bisect_left(starts, self.cursor) - 1
        if position >= 0:
            self._move(starts[position])
        else:
            self.app.bell()

    def on_click(self, event: events.Click) -> None:
        row = event.y + self.scroll_offset.y
        position = bisect.bisect_left(self.rows.event_rows, row)
        if position < len(self.rows.event_rows) and self.rows.event_rows[position] == row:
            self.cursor = position
        self.focus()

    # -- drawing ------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if row >= len(self.rows) or self.timeline is None:
            if row == 0 and self.timeline is not None:  # nothing matches: say so, and how to get back
                text = Content.styled(EMPTY_VIEW, self.get_visual_style("event-list--gap")).truncate(width)
                return Strip(text.render_segments(self.visual_style), text.cell_length).extend_cell_length(
                    width, self.visual_style.rich_style
                )
            return Strip.blank(width, self.visual_style.rich_style)
        cursor_row = self.rows.event_rows[self.cursor] if 0 <= self.cursor < len(self.rows.event_rows) else -1
        kind, value = self.rows.at(row)
        key = (kind, value, width, row == cursor_row)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._draw(kind, value, width, row == cursor_row)
            if len(self._cache) > CACHED_SCREENS * max(self.size.height, 10):
                self._cache.clear()
            self._cache[key] = strip
        x = self.scroll_offset.x
        if x == 0 and strip.cell_length == width:
            return strip  # drawn at the width: no need to work out the widget's style to pad it
        return strip.crop_extend(x, x + width, self.visual_style.rich_style)

    def _draw(self, kind: int, value: int, width: int, is_cursor: bool) -> Strip:
        if kind == EVENT:
            strip = self._draw_event(value, width, is_cursor)
            if strip is not None:
                return strip
        return self._draw_content(kind, value, width, is_cursor)

    def _draw_content(self, kind: int, value: int, width: int, is_cursor: bool) -> Strip:
        base = self.visual_style
        if kind == YEAR:
            label = f"── {year_text(value)} "
            content = Content.styled(
                label + "─" * max(0, width - len(label)), self.get_visual_style("event-list--year")
            )
        elif kind == GAP:
            content = Content.styled(f"  ┊ {gap_words(value)} ┊", self.get_visual_style("event-list--gap"))
        else:
            content = self._event_content(value, width)
            if is_cursor:
                base = base + self.get_visual_style("event-list--cursor")
        segments = [
            Segment(text, style.rich_style)
            for text, style in content.truncate(width, pad=True).render(
                base, end="", parse_style=partial(compat.parse_style, self.app)
            )
        ]
        return Strip(segments, width)

    def _rich_style(self, spec: str, is_cursor: bool) -> RichStyle:
        """The style of a piece of an event line: the widget's (and the cursor's) with ``spec`` on top."""
        key = (spec, is_cursor)
        style = self._styles.get(key)
        if style is None:
            base = self.visual_style
            if is_cursor:
                base = base + self.get_visual_style("event-list--cursor")
            visual = Style.combine([base, compat.parse_style(self.app, spec)]) if spec else base
            style = self._styles[key] = visual.rich_style
        return style

    def _draw_event(self, index: int, width: int, is_cursor: bool) -> Strip | None:
        """An event line as :meth:`_event_content` lays it out, drawn without building Content.

        None when the line does not fill the width exactly (very narrow, or wide characters in
        the date): those are drawn the general way.
        """
        event, date, duration, mark, mark_style, tags, room = self._event_parts(index, width)
        if room < 1:
            return None
        title = Content(event.title).truncate(room, ellipsis=True, pad=True).plain
        plain = self._rich_style("", is_cursor)
        head = f" {date.ljust(DATE_WIDTH)} "
        tail = f" {title}"
        segments = [
            Segment(head, plain),
            Segment(duration.rjust(5), self._rich_style("italic $text-muted", is_cursor)),
            Segment(" ", plain),
            Segment(mark, self._rich_style(mark_style, is_cursor)),
            Segment(tail, plain),
        ]
        for text, colour in tags:
            segments.append(Segment(" ", plain))
            segments.append(Segment(text, self._rich_style(f"bold {colour}", is_cursor)))
        segments.append(Segment(" ", plain))
        cells = cell_len(head) + cell_len(duration.rjust(5)) + 1 + cell_len(mark) + cell_len(tail) + 1
        cells += sum(1 + cell_len(text) for text, _ in tags)
        if cells != width:
            return None
        return Strip(segments, width)

    def _event_parts(
        self, index: int, width: int
    ) -> tuple[Event, str, str, str, str, list[tuple[str, str]], int]:
        """An event line's pieces: the event, date, duration, outcome mark and its style,
        actor tags (short tag, colour) and the cells left for the title."""
        assert self.timeline is not None
        tl = self.timeline
        event = tl.events[index]
        date = event.when.display()
        if len(date) > DATE_WIDTH:
            date = date[: DATE_WIDTH - 1] + "…"
        duration = event.when.short_duration()
        mark, mark_style = OUTCOME_MARKS.get(event.outcome or "", (" ", ""))
        tags = [(tl.actors[a].short, self._colours.get(a, "")) for a in event.actors if a in tl.actors]
        left = 1 + DATE_WIDTH + 1 + 5 + 1 + 2
        room = width - left - sum(len(t) + 1 for t, _ in tags) - 1
        if room < 12:  # narrow: drop actor tags before the title
            tags = []
            room = width - left - 1
        return event, date, duration, mark, mark_style, tags, room

    def _event_content(self, index: int, width: int) -> Content:
        event, date, duration, mark, mark_style, tags, room = self._event_parts(index, width)
        title = Content(event.title).truncate(max(room, 1), ellipsis=True, pad=True)
        parts: list[Content | tuple[str, str] | str] = [
            " ",
            date.ljust(DATE_WIDTH),
            " ",
            (duration.rjust(5), "italic $text-muted"),
            " ",
            (mark, mark_style),
            " ",
            title,
        ]
        for text, colour in tags:
            parts.append(" ")
            parts.append((text, f"bold {colour}"))
        return Content.assemble(*parts)
