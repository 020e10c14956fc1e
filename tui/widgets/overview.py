"""The overview strip: eras as bands, event density, a time axis and where the selection sits.

Long quiet stretches (the 26 years between the wars) are compressed to a
short ``≈`` break so the busy years get the width; the break is drawn, so
nothing is hidden.

It stays instant at 100,000 events: the bands and the axis depend only on the
timeline and the width, so they are drawn once per width; the density of the
shown events is counted per column by binary search over their first days
(a column is a range of days), not event by event.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from timeline import Timeline
from timeline.dates import day_number, year_text

from .. import compat

BREAK_DAYS = 2 * 365  # a quiet stretch at least this long is drawn as a break
BREAK_WIDTH = 3
LONG_SPAN_DAYS = 10 * 365  # longer spans do not stretch the axis: only their ends count
BAND_DAYS = 60  # spans at least this long are drawn as bands
SPARK = " ▁▂▃▄▅▆▇█"
BAND_STYLES = {"war": "$error", "offensive": "$error", "measure": "$warning", "displacement": "$warning"}


@dataclass
class TimeScale:
    """Maps a day (ordinal) to a column, compressing long quiet stretches."""

    starts: list[int]  # day where each segment begins
    ends: list[int]
    x0: list[float]
    x1: list[float]
    width: int

    @classmethod
    def build(cls, timeline: Timeline, width: int) -> TimeScale:
        # Each event covers its days; a span longer than a break counts only by its two ends,
        # so the 26-year talks between the wars do not stretch the axis.
        intervals = set()
        for a, b in set(zip(*timeline.day_bounds, strict=True)):
            if b - a < LONG_SPAN_DAYS:
                intervals.add((a, b))
            else:
                intervals.update(((a, a), (b, b)))
        segments: list[list[int]] = []
        for a, b in sorted(intervals):
            if segments and a - segments[-1][1] < BREAK_DAYS:
                segments[-1][1] = max(segments[-1][1], b)
            else:
                segments.append([a, b])
        breaks = len(segments) - 1
        usable = max(1, width - breaks * BREAK_WIDTH)
        spans = [max(1, b - a + 1) for a, b in segments]
        total = sum(spans)
        x = 0.0
        starts, ends, x0, x1 = [], [], [], []
        for (a, b), span in zip(segments, spans, strict=True):
            cells = usable * span / total
            starts.append(a)
            ends.append(b)
            x0.append(x)
            x1.append(x + cells)
            x += cells + BREAK_WIDTH
        return cls(starts, ends, x0, x1, width)

    def column(self, day: int) -> int:
        n = max(0, bisect.bisect_right(self.starts, day) - 1)
        a, b = self.starts[n], self.ends[n]
        if day > b:  # inside the break after segment n
            return min(self.width - 1, int(self.x1[n]) + BREAK_WIDTH // 2)
        fraction = 0.0 if b == a else (day - a) / (b - a)
        x = self.x0[n] + fraction * (self.x1[n] - self.x0[n] - 1)
        return max(0, min(self.width - 1, int(x)))

    def breaks(self) -> list[int]:
        return [int(x) for x in self.x1[:-1]]

    @property
    def monotonic(self) -> bool:
        """Whether a later day is never drawn left of an earlier one (no segment is under a cell wide)."""
        segments = zip(self.starts, self.ends, self.x0, self.x1, strict=True)
        return all(x1 - x0 >= 1 or a == b for a, b, x0, x1 in segments)

    def first_days(self) -> list[int]:
        """For each column, the first day drawn in it or a later column (columns grow with days)."""
        lo, hi = self.starts[0] - 1, self.ends[-1] + 1  # column(lo) is 0 and column(hi) the last
        out = []
        for x in range(self.width):
            a, b = lo, hi  # the first day whose column is at least x lies in (a, b]
            if self.column(lo) >= x:
                out.append(lo)
                continue
            while b - a > 1:
                mid = (a + b) // 2
                if self.column(mid) >= x:
                    b = mid
                else:
                    a = mid
            out.append(b)
        return out


class Overview(Widget):
    """Three lines: era bands, a density sparkline of the shown events, and an axis with the cursor."""

    selected: reactive[int | None] = reactive(None, repaint=False)  # redraws the axis line only

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.shown: list[int] = []
        self._scale: TimeScale | None = None
        # For the current timeline and width:
        self._first_days: list[int] = []  # per column, the first day drawn in it or later
        self._first_indexes: list[int] = []  # per column, the first event drawn in it or later
        self._columns: list[int] = []  # per event, its column (only when events are not in order)
        self._bands_line = Content("")
        self._axis_line: list[str] = []
        self._density_of: tuple[list[int], Content] | None = None  # for these shown events
        # Drawn lines by line number, with what they were drawn from: a refilter redraws only the
        # density line, a cursor move only the axis line.
        self._strips: dict[int, tuple[tuple[object, object, object], Strip]] = {}

    def show(self, timeline: Timeline, shown: list[int]) -> None:
        if timeline is not self.timeline:
            self.timeline = timeline
            self._scale = None
            self.shown = shown
            self.refresh()
            return
        self.shown = shown
        self._refresh_line(1)  # only the density depends on the shown events

    def watch_selected(self) -> None:
        self._refresh_line(2)

    def _refresh_line(self, y: int) -> None:
        if y in self._strips:
            self.refresh(Region(0, y, self.size.width, 1))
        else:
            self.refresh()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        """One line (bands, density, axis) drawn alone and kept until what it shows changes."""
        width = self.size.width
        if y > 2 or self.text_selection is not None:
            return super().render_line(y)
        scale = self._ensure_scale(self.content_region.width)
        if scale is None or self.timeline is None:
            return super().render_line(y)
        # What the line shows: the scale (timeline and width), the shown events or the selection.
        key = (scale, self.shown if y == 1 else None, self.selected if y == 2 else None)
        cached = self._strips.get(y)
        if cached is not None:
            (old_scale, old_shown, old_selected), strip = cached
            if old_scale is scale and old_shown is key[1] and old_selected == key[2]:
                return strip
        content = self._line(y)
        strip = compat.content_strips(self, content, width, 1)[0]
        self._strips[y] = (key, strip)
        return strip

    def _line(self, y: int) -> Content:
        if y == 0:
            return self._bands_line
        if y == 1:
            if self._density_of is None or self._density_of[0] is not self.shown:
                self._density_of = (self.shown, self._density(self.content_region.width))
            return self._density_of[1]
        return self._axis()

    def _ensure_scale(self, width: int) -> TimeScale | None:
        if self.timeline is None or width < 10 or not self.timeline.events:
            return None
        if self._scale is None or self._scale.width != width:
            scale = self._scale = TimeScale.build(self.timeline, width)
            if self.timeline.in_order and scale.monotonic:
                self._first_days, self._columns = scale.first_days(), []
                first = self.timeline.day_bounds[0]
                self._first_indexes = [bisect.bisect_left(first, day) for day in self._first_days]
            else:
                self._first_days = self._first_indexes = []
                self._columns = list(map(scale.column, self.timeline.day_bounds[0]))
            self._bands_line = self._bands(scale, width)
            self._axis_line = self._axis_base(scale, width)
            self._density_of = None
        return self._scale

    def _column_of(self, index: int) -> int:
        assert self._scale is not None and self.timeline is not None
        if self._columns:
            return self._columns[index]
        return self._scale.column(self.timeline.day_bounds[0][index])

    def render(self) -> Content:
        width = self.content_region.width
        scale = self._ensure_scale(width)
        if scale is None or self.timeline is None:
            return Content("")
        if self._density_of is None or self._density_of[0] is not self.shown:
            self._density_of = (self.shown, self._density(width))
        return Content("\n").join([self._bands_line, self._density_of[1], self._axis()])

    def _bands(self, scale: TimeScale, width: int) -> Content:
        assert self.timeline is not None
        cells: list[tuple[str, str]] = [(" ", "")] * width
        events = self.timeline.events
        first, last = self.timeline.day_bounds
        long = [i for i in range(len(events)) if last[i] - first[i] >= BAND_DAYS and events[i].when.end]
        long.sort(key=lambda i: last[i] - first[i], reverse=True)
        for i in long:
            e = events[i]
            a = scale.column(first[i])
            b = scale.column(last[i])
            style = BAND_STYLES.get(e.kind, "$primary")
            label = e.title if b - a >= 4 else ""
            for x in range(a, b + 1):
                n = x - a - 1
                ch = label[n] if 0 <= n < len(label) and x < b else "━"
                cells[x] = (ch, f"{style} reverse" if ch != "━" else style)
        return Content.assemble(*cells)

    def _density(self, width: int) -> Content:
        shown = self.shown
        if self._columns:
            counts = [0] * width
            for column in map(self._columns.__getitem__, shown):
                counts[column] += 1
        else:
            assert self.timeline is not None
            # The shown events are in order of their first day: a column's count is the
            # distance between the positions of its first day and the next column's.
            # The first event (of all) drawn in each column is worked out once per width; the
            # first shown one is then found among the shown indexes, with no key to call.
            ends = [bisect.bisect_left(shown, index) for index in self._first_indexes[1:]]
            ends.append(len(shown))
            counts = [b - a for a, b in zip([0, *ends[:-1]], ends, strict=True)]
        peak = max(counts) or 1
        bars = "".join(SPARK[0 if c == 0 else max(1, round(c / peak * (len(SPARK) - 1)))] for c in counts)
        return Content.styled(bars, "$accent")

    def _axis_base(self, scale: TimeScale, width: int) -> list[str]:
        assert self.timeline is not None
        line = [" "] * width
        for x in scale.breaks():
            for dx in range(BREAK_WIDTH):
                if 0 <= x + dx < width:
                    line[x + dx] = "≈"
        # Year labels where they fit, leftmost first.
        years = sorted(set(self.timeline.years))
        free_from = 0
        for year in years:
            x = scale.column(day_number(year, 1, 1))
            label = year_text(year)
            if x >= free_from and x + len(label) <= width and all(c == " " for c in line[x : x + len(label)]):
                line[x : x + len(label)] = list(label)
                free_from = x + len(label) + 1
        return line

    def _axis(self) -> Content:
        assert self.timeline is not None
        line = list(self._axis_line)
        marker = None
        if self.selected is not None and 0 <= self.selected < len(self.timeline.events):
            marker = self._column_of(self.selected)
            line[marker] = "▲"
        content = Content.styled("".join(line), "$text-muted")
        if marker is not None:
            content = content.stylize("bold $warning", marker, marker + 1)
        return content
