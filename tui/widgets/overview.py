"""The overview strip: eras as bands, event density, a time axis and where the selection sits.

Long quiet stretches (the 26 years between the wars) are compressed to a
short ``≈`` break so the busy years get the width; the break is drawn, so
nothing is hidden.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from timeline import Timeline

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
        for e in timeline.events:
            a, b = e.when.earliest.toordinal(), e.when.latest.toordinal()
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


class Overview(Widget):
    """Three lines: era bands, a density sparkline of the shown events, and an axis with the cursor."""

    selected: reactive[int | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.shown: list[int] = []
        self._scale: TimeScale | None = None
        self._columns: list[int] = []  # per event: its column, for the current width

    def show(self, timeline: Timeline, shown: list[int]) -> None:
        if timeline is not self.timeline:
            self.timeline = timeline
            self._scale = None
        self.shown = shown
        self.refresh()

    def _ensure_scale(self, width: int) -> TimeScale | None:
        if self.timeline is None or width < 10:
            return None
        if self._scale is None or self._scale.width != width:
            self._scale = TimeScale.build(self.timeline, width)
            column = self._scale.column
            self._columns = [column(e.when.earliest.toordinal()) for e in self.timeline.events]
        return self._scale

    def render(self) -> Content:
        width = self.content_region.width
        scale = self._ensure_scale(width)
        if scale is None or self.timeline is None:
            return Content("")
        return Content("\n").join([self._bands(scale, width), self._density(width), self._axis(scale, width)])

    def _bands(self, scale: TimeScale, width: int) -> Content:
        assert self.timeline is not None
        cells: list[tuple[str, str]] = [(" ", "")] * width
        spans = [
            e
            for e in self.timeline.events
            if e.when.end and (e.when.latest - e.when.earliest).days >= BAND_DAYS
        ]
        spans.sort(key=lambda e: (e.when.latest - e.when.earliest).days, reverse=True)
        for e in spans:
            a = scale.column(e.when.earliest.toordinal())
            b = scale.column(e.when.latest.toordinal())
            style = BAND_STYLES.get(e.kind, "$primary")
            label = e.title if b - a >= 4 else ""
            for x in range(a, b + 1):
                n = x - a - 1
                ch = label[n] if 0 <= n < len(label) and x < b else "━"
                cells[x] = (ch, f"{style} reverse" if ch != "━" else style)
        return Content.assemble(*cells)

    def _density(self, width: int) -> Content:
        counts = [0] * width
        columns = self._columns
        for i in self.shown:
            counts[columns[i]] += 1
        peak = max(counts) or 1
        bars = "".join(SPARK[0 if c == 0 else max(1, round(c / peak * (len(SPARK) - 1)))] for c in counts)
        return Content.styled(bars, "$accent")

    def _axis(self, scale: TimeScale, width: int) -> Content:
        assert self.timeline is not None
        line = [" "] * width
        for x in scale.breaks():
            for dx in range(BREAK_WIDTH):
                if 0 <= x + dx < width:
                    line[x + dx] = "≈"
        # Year labels where they fit, leftmost first.
        years = sorted({e.when.start.year for e in self.timeline.events})
        free_from = 0
        for year in years:
            x = scale.column(dt.date(year, 1, 1).toordinal())
            label = str(year)
            if x >= free_from and x + len(label) <= width and all(c == " " for c in line[x : x + len(label)]):
                line[x : x + len(label)] = list(label)
                free_from = x + len(label) + 1
        marker = None
        if self.selected is not None and self.selected < len(self._columns):
            marker = self._columns[self.selected]
            line[marker] = "▲"
        content = Content.styled("".join(line), "$text-muted")
        if marker is not None:
            content = content.stylize("bold $warning", marker, marker + 1)
        return content
