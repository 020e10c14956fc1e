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
import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from operator import sub

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from timeline import Timeline
from timeline.dates import MAX_YEAR, day_number, from_day_number, year_text

from .. import compat

BREAK_DAYS = 2 * 365  # a quiet stretch at least this long is drawn as a break...
BREAK_SHARE = 0.2  # ...if it is also at least this share of the whole timeline (a century of sparse
# events would otherwise be a row of breaks: they are for the long silences, such as 1994-2020)
BREAK_WIDTH = 3
LONG_SPAN_DAYS = 10 * 365  # longer spans do not stretch the axis: only their ends count
MAX_BANDS = 100  # at most this many of the longest events are drawn as bands
BAND_DAYS = 60  # spans at least this long are drawn as bands (when the timeline names no eras)
SPARK = " ▁▂▃▄▅▆▇█"
BAND_STYLES = {"war": "$error", "offensive": "$error", "measure": "$warning", "displacement": "$warning"}
ERA_STYLES = ("$primary", "$secondary")  # neighbouring eras alternate
TIME_SHARE = 0.5  # of the width, the share laid out by time; the rest by the days events begin on
MONTH_TICKS_DAYS = 3 * 365  # a timeline shorter than this starts its axis with a month, not a year
MAX_MONTH_BINS = 1200  # up to this many months, each month gets its own share of the width
LABEL_GAP = 1  # blank cells kept between two labels
SHORTEST_LABEL = 3  # a label cut shorter than this (with its "…") is dropped
MARKER = "▲"
BANDS, DENSITY, AXIS = 0, 1, 2  # the lines; the selection marker is drawn on the density line
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _boundaries(a: int, b: int, monthly: bool) -> list[tuple[int, str, int]]:
    """The years (or months) that begin in days ``a``..``b``: (day, label, its month)."""
    year, month, _ = from_day_number(a)
    last_year, last_month, _ = from_day_number(b)
    out = []
    while True:
        month, year = (month + 1, year) if monthly and month < 12 else (1, year + 1)
        if year > last_year or (year == last_year and month > last_month) or year > MAX_YEAR:
            return out
        label = year_text(year) if month == 1 else MONTHS[month - 1]
        out.append((day_number(year, month, 1), label, month))


@dataclass
class TimeScale:
    """Maps a day (ordinal) to a column: piecewise linear between knots.

    Each month (each year, for a timeline of more than ``MAX_MONTH_BINS`` months) gets a width
    shared between the time it lasts and the days in it on which events begin (``TIME_SHARE``),
    so busy months get room and quiet ones compress; a stretch without events of at least
    ``BREAK_DAYS`` and ``BREAK_SHARE`` of the whole becomes a ``≈`` break. Years are labelled,
    and months where there is room.
    """

    days: list[int]  # knots, increasing
    xs: list[float]  # the column of each knot, never decreasing
    width: int
    break_columns: list[int]  # the first column of each break
    monthly: bool  # a short timeline: the axis begins with a month and its year
    months: bool  # the bins are months (and months are ticked where they fit)
    segments: list[tuple[int, int]]  # (first day, last day) of each stretch between breaks

    @classmethod
    def build(cls, timeline: Timeline, width: int) -> TimeScale:
        firsts, lasts = timeline.day_bounds
        # Each event covers its days; a span longer than LONG_SPAN_DAYS counts only by its two ends,
        # so the 26-year talks between the wars do not stretch the axis.
        intervals = set()
        for a, b in set(zip(firsts, lasts, strict=True)):
            if b - a < LONG_SPAN_DAYS:
                intervals.add((a, b))
            else:
                intervals.update(((a, a), (b, b)))
        segments: list[list[int]] = []
        quiet = max(BREAK_DAYS, BREAK_SHARE * (max(b for _, b in intervals) - min(a for a, _ in intervals)))
        for a, b in sorted(intervals):
            if segments and a - segments[-1][1] < quiet:
                segments[-1][1] = max(segments[-1][1], b)
            else:
                segments.append([a, b])
        monthly = segments[-1][1] - segments[0][0] < MONTH_TICKS_DAYS
        months = sum(b - a for a, b in segments) / 30.4 + len(segments) <= MAX_MONTH_BINS
        # Busy means many distinct moments: events sharing a day share a column whatever the width,
        # so a bin's share of the width grows with the days on which events begin in it.
        starts = sorted(set(firsts))
        # Bins: the stretch between two knots (month or year boundaries, and each segment's ends).
        bins: list[tuple[int, int]] = []  # (first day, day after the last)
        for a, b in segments:
            cuts = [a, *(day for day, _, _ in _boundaries(a, b, months)), b + 1]
            bins += list(itertools.pairwise(cuts))
        total_days = sum(hi - lo for lo, hi in bins) or 1
        total_events = len(starts) or 1
        usable = max(1, width - (len(segments) - 1) * BREAK_WIDTH)
        shares: list[list[float]] = []  # of each segment, its bins' shares of the usable width
        k = 0
        for _, b in segments:
            shares.append([])
            while k < len(bins) and bins[k][0] <= b:
                lo, hi = bins[k]
                count = bisect.bisect_left(starts, hi) - bisect.bisect_left(starts, lo)
                shares[-1].append(
                    TIME_SHARE * (hi - lo) / total_days + (1 - TIME_SHARE) * count / total_events
                )
                k += 1
        # Each stretch is at least as wide as the label it opens with, else that label (the
        # timeline's first year, say) has no room before the next break.
        needs = [len(_opening_label(a, monthly)) + LABEL_GAP if len(segments) > 1 else 0 for a, _ in segments]
        cells = _widths([usable * sum(parts) for parts in shares], needs, usable)
        days: list[int] = []
        xs: list[float] = []
        break_columns: list[int] = []
        x = 0.0
        k = 0
        for n, (_, b) in enumerate(segments):
            if n:
                break_columns.append(int(x))
                x += BREAK_WIDTH
            stretch = cells[n] / (sum(shares[n]) or 1)
            for share in shares[n]:
                days.append(bins[k][0])
                xs.append(x)
                x += share * stretch
                k += 1
            days.append(b + 1)
            xs.append(x)
        return cls(days, xs, width, break_columns, monthly, months, [(a, b) for a, b in segments])

    def column(self, day: int) -> int:
        days, xs = self.days, self.xs
        i = bisect.bisect_right(days, day) - 1
        if i < 0:
            x = xs[0]
        elif i >= len(days) - 1:
            x = xs[-1] - 1
        else:
            a, b = days[i], days[i + 1]
            x = xs[i] + (day - a) / (b - a) * (xs[i + 1] - xs[i])
        return max(0, min(self.width - 1, int(x)))

    def breaks(self) -> list[int]:
        return self.break_columns

    @property
    def monotonic(self) -> bool:
        """Whether a later day is never drawn left of an earlier one (always: the knots only grow)."""
        return True

    def ticks(self) -> list[tuple[int, str, int, int]]:
        """(column, label, rank, year) of each stretch's start and each year that begins in it
        (rank 0), and of each month that begins in it (rank 1, where the bins are months)."""
        out = []
        for a, b in self.segments:
            year = from_day_number(a)[0]
            out.append((self.column(a), _opening_label(a, self.monthly), 0, year))
            for day, label, month in _boundaries(a, b, self.months):
                year = year + 1 if month == 1 else year
                out.append((self.column(day), label, 0 if month == 1 else 1, year))
        return out

    def first_days(self) -> list[int]:
        """For each column, the first day drawn in it or a later column (columns grow with days)."""
        lo, hi = self.days[0] - 1, self.days[-1] + 1  # column(lo) is 0 and column(hi) the last
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


def _opening_label(day: int, monthly: bool) -> str:
    """The label of a stretch that begins on ``day``: its year (with its month, if ``monthly``)."""
    year, month, _ = from_day_number(day)
    return f"{MONTHS[month - 1]} {year_text(year)}" if monthly else year_text(year)


def _widths(wanted: list[float], needs: list[int], total: float) -> list[float]:
    """``wanted`` widths (adding up to ``total``), raised to ``needs`` where below them, the others
    shrunk in proportion to make room. Where even the needs add up to more, the wanted stand."""
    if sum(needs) >= total:
        return wanted
    fixed: set[int] = set()
    widths = list(wanted)
    while True:
        low = {i for i, w in enumerate(widths) if i not in fixed and w < needs[i]}
        if not low:
            return widths
        fixed |= low
        room = total - sum(needs[i] for i in fixed)
        rest = sum(wanted[i] for i in range(len(wanted)) if i not in fixed) or 1
        widths = [needs[i] if i in fixed else wanted[i] * room / rest for i in range(len(wanted))]


def place_labels(bands: Sequence[tuple[int, int, str]], width: int) -> list[tuple[int, str, int]]:
    """Where the label of each band (first column, last column, label) goes: ``(column, text,
    the band's index)``, leftmost first.

    Wider bands choose first. A label sits inside its band (leaving the band's first cell as bar
    where the band is wide enough) or runs on to the right over cells no band covers (a narrow
    era beside empty space keeps its name); it takes the leftmost free run of cells that holds
    it, else is cut with "…" to the longest free run, else dropped: labels never overlap and
    keep LABEL_GAP blank cells between them.
    """
    covered = [False] * width
    for a, b, _ in bands:
        covered[max(0, a) : min(width - 1, b) + 1] = [True] * (min(width - 1, b) + 1 - max(0, a))
    taken = [False] * width
    out = []
    for i in sorted(range(len(bands)), key=lambda i: bands[i][0] - bands[i][1]):
        a, b, label = bands[i]
        a, b = max(0, a), min(width - 1, b)
        if b - a >= 2:
            a += 1  # the band shows where it begins
        while b + 1 < width and not covered[b + 1]:
            b += 1  # on over the empty cells after the band
        runs = _free_runs(taken, a, b + 1)
        if not runs or not label:
            continue
        fits = [run for run in runs if run[1] - run[0] >= cell_len(label)]
        if fits:
            x, text = fits[0][0], label
        else:
            x, end = max(runs, key=lambda run: run[1] - run[0])
            if end - x - 1 < SHORTEST_LABEL:
                continue
            text = _cut(label, end - x - 1).rstrip() + "…"
        out.append((x, text, i))
        for c in range(max(0, x - LABEL_GAP), min(width, x + cell_len(text) + LABEL_GAP)):
            taken[c] = True
    return sorted(out)


def _cut(text: str, cells: int) -> str:
    """The start of ``text`` that fits in ``cells`` terminal cells (a wide character takes two)."""
    used = 0
    for n, ch in enumerate(text):
        used += cell_len(ch)
        if used > cells:
            return text[:n]
    return text


def _free_runs(taken: list[bool], a: int, b: int) -> list[tuple[int, int]]:
    runs = []
    x = a
    while x < b:
        if taken[x]:
            x += 1
            continue
        end = x
        while end < b and not taken[end]:
            end += 1
        runs.append((x, end))
        x = end
    return runs


def place_ticks(ticks: Sequence[tuple[int, str, int, int]], line: list[str]) -> None:
    """Write the tick labels on ``line``: rank 0 (years) first, then rank 1 (months, only in a
    year whose label is shown, so that a month is never read as another year's), each leftmost
    first, on blank cells only (never over a break or another label) and with LABEL_GAP blank
    cells between two labels."""
    width = len(line)
    label_cells = [False] * width
    shown_years = set()
    for rank in (0, 1):
        for x, label, r, year in ticks:
            end = x + len(label)
            if r != rank or x < 0 or end > width or any(c != " " for c in line[x:end]):
                continue
            if any(label_cells[max(0, x - LABEL_GAP) : min(width, end + LABEL_GAP)]):
                continue
            if rank == 1 and year not in shown_years:
                continue
            line[x:end] = list(label)
            label_cells[x:end] = [True] * len(label)
            shown_years.add(year)


class Overview(Widget):
    """Three lines: era bands, a density sparkline of the shown events with the selection marked
    in it, and an axis of years (or months). Clicking it selects the shown event nearest there."""

    selected: reactive[int | None] = reactive(None, repaint=False)  # redraws the density line only

    @dataclass
    class Picked(Message):
        """The strip was clicked: select event ``index`` (the shown event nearest the click)."""

        index: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.shown: Sequence[int] = []
        self._scale: TimeScale | None = None
        # For the current timeline and width:
        self._first_days: list[int] = []  # per column, the first day drawn in it or later
        self._first_indexes: list[int] = []  # per column, the first event drawn in it or later
        self._columns: list[int] = []  # per event, its column (only when events are not in order)
        self._bands_line = Content("")
        self._axis_line = Content("")
        self._density_of: tuple[Sequence[int], Content] | None = None  # for these shown events
        # Drawn lines by line number, with what they were drawn from: a refilter redraws only the
        # density line, a cursor move only the axis line.
        self._strips: dict[int, tuple[tuple[object, object, object], Strip]] = {}

    def show(self, timeline: Timeline, shown: Sequence[int], selected: int | None) -> None:
        """Show ``shown`` (indexes of ``timeline``'s events, never changed in place) with event
        ``selected`` marked: what the app gives every pane after each change."""
        self.selected = selected  # redraws the density line when it changed
        if timeline is self.timeline and shown is self.shown:
            return
        if timeline is not self.timeline:
            self.timeline = timeline
            self._scale = None
            self.shown = shown
            self.refresh()
            return
        self.shown = shown
        self._refresh_line(DENSITY)  # only the density depends on the shown events

    def watch_selected(self) -> None:
        self._refresh_line(DENSITY)

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
        # What the line shows: the scale (timeline and width), the shown events and the selection.
        key = (scale, self.shown if y == DENSITY else None, self.selected if y == DENSITY else None)
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
        """The one renderer of each line: :meth:`render_line` and :meth:`render` both draw this."""
        if y == BANDS:
            return self._bands_line
        if y == DENSITY:
            if self._density_of is None or self._density_of[0] is not self.shown:
                self._density_of = (self.shown, self._density(self.content_region.width))
            return self._marked(self._density_of[1])
        return self._axis_line

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
            self._axis_line = Content.styled("".join(self._axis_base(scale, width)), "$text-muted")
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
        return Content("\n").join([self._line(y) for y in (BANDS, DENSITY, AXIS)])

    def bands(self, scale: TimeScale) -> list[tuple[int, int, str, str]]:
        """(first column, last column, label, style) of each band: the timeline's eras, or where it
        names none, its long events."""
        assert self.timeline is not None
        eras = self.timeline.eras
        if eras:
            return [
                (scale.column(era.start.first_day), scale.column(era.end.last_day), era.name, style)
                for era, style in zip(eras, itertools.cycle(ERA_STYLES), strict=False)
            ]
        events = self.timeline.events
        first, last = self.timeline.day_bounds
        # The longest spans only: more bands than a strip has columns could not be told apart.
        lengths = map(sub, last, first)
        long = [i for i, days in enumerate(lengths) if days >= BAND_DAYS and events[i].when.end]
        long = heapq.nlargest(MAX_BANDS, long, key=lambda i: last[i] - first[i])
        return [
            (
                scale.column(first[i]),
                scale.column(last[i]),
                events[i].title,
                BAND_STYLES.get(events[i].kind, "$primary"),
            )
            for i in long
        ]

    def _bands(self, scale: TimeScale, width: int) -> Content:
        cells: list[tuple[str, str]] = [(" ", "")] * width
        bands = self.bands(scale)
        # Wider bands first, narrower ones over them; then the labels, none over another.
        for a, b, _, style in sorted(bands, key=lambda band: band[0] - band[1]):
            for x in range(max(0, a), min(width - 1, b) + 1):
                cells[x] = ("━", style)
        for x, text, n in place_labels([(a, b, label) for a, b, label, _ in bands], width):
            a, b, _, style = bands[n]
            at = x
            for ch in text:
                # In its band the label is the band (reversed); past its end, text in its colour.
                look = f"{style} reverse" if a <= at <= b else f"bold {style}"
                cells[at] = (ch, look)
                for extra in range(1, cell_len(ch)):  # a wide character covers the next cell too
                    cells[at + extra] = ("", look)
                at += cell_len(ch)
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
        line = [" "] * width
        for x in scale.breaks():
            for dx in range(BREAK_WIDTH):
                if 0 <= x + dx < width:
                    line[x + dx] = "≈"
        place_ticks(scale.ticks(), line)
        return line

    def marker_column(self) -> int | None:
        """The column of the selection's marker (on the density line), if an event is selected."""
        if (
            self.timeline is None
            or self.selected is None
            or not 0 <= self.selected < len(self.timeline.events)
        ):
            return None
        return self._column_of(self.selected)

    def _marked(self, density: Content) -> Content:
        x = self.marker_column()
        if x is None or x >= density.cell_length:
            return density
        head, _, tail = density.divide([x, x + 1])
        return Content.assemble(head, (MARKER, "bold $warning"), tail)

    # -- clicks -------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._scale is None or self.timeline is None or not self.shown:
            return
        index = self.nearest_shown(offset.x)
        if index is not None:
            self.post_message(self.Picked(index))

    def nearest_shown(self, x: int) -> int | None:
        """The shown event drawn nearest column ``x``."""
        if self._scale is None or self.timeline is None or not self.shown:
            return None
        shown = self.shown
        if self._columns:
            return min(shown, key=lambda i: (abs(self._columns[i] - x), i))
        first = self.timeline.day_bounds[0]
        target = self._first_days[max(0, min(x, len(self._first_days) - 1))]
        p = bisect.bisect_left(shown, target, key=first.__getitem__)
        near = [shown[q] for q in (p - 1, p) if 0 <= q < len(shown)]
        return min(near, key=lambda i: (abs(self._column_of(i) - x), -i))
