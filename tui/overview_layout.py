"""Where everything on the overview strip goes: its time scale, era bands and their labels, the axis's
ticks and ``≈`` breaks, the density sparkline's bins and the column of the selection's marker.

The strip (``tui.widgets.overview``) only draws what this says, in the theme's colours; this module
imports no Textual, so the layout is tested cell by cell with plain pytest. Positions are terminal
columns counted from 0 at the strip's left edge; days are day numbers (``timeline.dates.day_number``).

Long quiet stretches (the 26 years between the wars) are compressed to a short ``≈`` break so the
busy years get the width; the break is drawn, so nothing is hidden.

It stays instant at 100,000 events: the bands and the axis depend only on the timeline and the
width, so they are laid out once per width; the density of the shown events is counted per column
by binary search over their first days (a column is a range of days), not event by event.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import sub
from typing import Literal, NamedTuple

from rich.cells import cell_len

from timeline import Era, Timeline
from timeline.datemodel import MONTH_ABBR
from timeline.dates import MAX_YEAR, day_number, from_day_number, year_text

BREAK_DAYS = 2 * 365  # a quiet stretch at least this long is drawn as a break...
BREAK_SHARE = 0.2  # ...if it is also at least this share of the whole timeline (a century of sparse
# events would otherwise be a row of breaks: they are for the long silences, such as 1994-2020)
BREAK_WIDTH = 3
LONG_SPAN_DAYS = 10 * 365  # longer spans do not stretch the axis: only their ends count
MAX_BANDS = 100  # at most this many of the longest events are drawn as bands
BAND_DAYS = 60  # spans at least this long are drawn as bands (when the timeline names no eras)
TIME_SHARE = 0.5  # of the width, the share laid out by time; the rest by the days events begin on
MONTH_TICKS_DAYS = 3 * 365  # a timeline shorter than this starts its axis with a month, not a year
MAX_MONTH_BINS = 1200  # up to this many months, each month gets its own share of the width
LABEL_GAP = 1  # blank cells kept between two labels
SHORTEST_LABEL = 3  # a label cut shorter than this (with its "…") is dropped
MIN_WIDTH = 10  # a strip narrower than this shows nothing
MONTHS = tuple(MONTH_ABBR[1:])  # the model's month abbreviations, as every date shows them

# The characters the strip is drawn with.
SPARK = " ▁▂▃▄▅▆▇█"  # the density line: none, then eight heights
BAR = "━"  # a band's cells
BREAK = "≈"  # an axis break's cells
MARKER = "▲"  # the selection, on the density line


def _boundaries(a: int, b: int, monthly: bool) -> list[tuple[int, str, int]]:
    """The years (or months) that begin in days ``a``..``b``: (day, label, its month)."""
    year, month, _ = from_day_number(a)
    last_year, last_month, _ = from_day_number(b)
    out: list[tuple[int, str, int]] = []
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
        """The scale of ``timeline``'s events (it has at least one) on ``width`` columns."""
        firsts, lasts = timeline.day_bounds
        return cls.of_days(firsts, lasts, width)

    @classmethod
    def of_days(cls, firsts: Sequence[int], lasts: Sequence[int], width: int) -> TimeScale:
        """The scale of events that fall on days ``firsts[i]``..``lasts[i]`` (at least one event)."""
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
        # The stretches and breaks add up to the width, but summed in floating point they may
        # stop a hair short (79.999... of 80), which would draw the days after the last event
        # (an era running on past it) in the column before the last: the last knot is the edge.
        xs[-1] = max(xs[-1], float(width))
        return cls(days, xs, width, break_columns, monthly, months, [(a, b) for a, b in segments])

    def column(self, day: int) -> int:
        """The column ``day`` is drawn in (days before the first or after the last: the edge's, so
        that a later day is never drawn left of an earlier one)."""
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


# -- the bands ------------------------------------------------------------------------------------


class Band(NamedTuple):
    """A band on the top line: it covers columns ``first``..``last`` (both drawn) and is named ``label``."""

    first: int
    last: int
    label: str
    #: The kind of the long event it shows (``war``...), or None for one of the timeline's eras.
    kind: str | None = None


def era_bands(eras: Sequence[Era], scale: TimeScale) -> list[Band]:
    """A band per era, from the first day its start can fall on to the last day its end can
    (an era ending in ``2023`` runs to the end of 2023; one starting in ``2020``, from its start)."""
    return [Band(scale.column(era.start.first_day), scale.column(era.end.last_day), era.name) for era in eras]


def bands(timeline: Timeline, scale: TimeScale) -> list[Band]:
    """The bands of the strip: the timeline's eras, or where it names none, its longest events
    (at most ``MAX_BANDS``, of at least ``BAND_DAYS``, with an end), longest first."""
    if timeline.eras:
        return era_bands(timeline.eras, scale)
    events = timeline.events
    first, last = timeline.day_bounds
    # The longest spans only: more bands than a strip has columns could not be told apart.
    lengths = map(sub, last, first)
    long = [i for i, days in enumerate(lengths) if days >= BAND_DAYS and events[i].when.end]
    long = heapq.nlargest(MAX_BANDS, long, key=lambda i: last[i] - first[i])
    return [
        Band(scale.column(first[i]), scale.column(last[i]), events[i].title, events[i].kind) for i in long
    ]


#: What a cell of the band line shows: nothing, a band's bar, a band's label on the band, or a
#: band's label run on past the band's end (over cells no band covers).
Look = Literal["blank", "bar", "label", "label past band"]


class BandCell(NamedTuple):
    """One cell of the band line: its text (``""`` for the second cell of a wide character, which
    the character before it covers), the band it belongs to (an index into the bands) and its look."""

    text: str
    band: int | None
    look: Look


def band_cells(bands: Sequence[Band], width: int) -> list[BandCell]:
    """The band line, cell by cell: wider bands first, narrower ones over them; then the labels
    (:func:`place_labels`), none over another."""
    cells = [BandCell(" ", None, "blank")] * width
    for n in sorted(range(len(bands)), key=lambda n: bands[n].first - bands[n].last):
        for x in range(max(0, bands[n].first), min(width - 1, bands[n].last) + 1):
            cells[x] = BandCell(BAR, n, "bar")
    for x, text, n in place_labels([(a, b, label) for a, b, label, _ in bands], width):
        a, b = bands[n].first, bands[n].last
        at = x
        for ch in text:
            # In its band the label is the band; past its end, text in the band's colour.
            look: Look = "label" if a <= at <= b else "label past band"
            cells[at] = BandCell(ch, n, look)
            for extra in range(1, cell_len(ch)):  # a wide character covers the next cell too
                cells[at + extra] = BandCell("", n, look)
            at += cell_len(ch)
    return cells


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


# -- the axis -------------------------------------------------------------------------------------


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


def axis_line(scale: TimeScale) -> str:
    """The axis, one character a cell: each break as ``BREAK_WIDTH`` ``≈``, then the ticks that fit."""
    width = scale.width
    line = [" "] * width
    for x in scale.breaks():
        for dx in range(BREAK_WIDTH):
            if 0 <= x + dx < width:
                line[x + dx] = BREAK
    place_ticks(scale.ticks(), line)
    return "".join(line)


# -- the events: their columns, the density and the marker --------------------------------------


class EventColumns:
    """The column each event is drawn in (that of its first day), and per column the shown events.

    For events in order of their first day (a loaded timeline's are), the first event drawn in
    each column is found once per width, and a column's count of shown events is then the
    distance between two binary searches of the shown indexes (which are in increasing order).
    Otherwise each event's column is worked out once and counted event by event.
    """

    def __init__(self, scale: TimeScale, first_days: Sequence[int], in_order: bool) -> None:
        """``first_days``: per event, the first day it can fall on; ``in_order``: whether they never
        decrease."""
        self.scale = scale
        self._first = first_days
        self._first_days: list[int] = []  # per column, the first day drawn in it or later
        self._first_indexes: list[int] = []  # per column, the first event drawn in it or later
        self._columns: list[int] = []  # per event, its column (only when events are not in order)
        if in_order and scale.monotonic:
            self._first_days = scale.first_days()
            self._first_indexes = [bisect.bisect_left(first_days, day) for day in self._first_days]
        else:
            self._columns = list(map(scale.column, first_days))

    def column(self, index: int) -> int:
        """The column event ``index`` is drawn in."""
        if self._columns:
            return self._columns[index]
        return self.scale.column(self._first[index])

    def marker(self, selected: int | None) -> int | None:
        """The column of the selection's marker: that of the selected event (None: no event is)."""
        if selected is None or not 0 <= selected < len(self._first):
            return None
        return self.column(selected)

    def counts(self, shown: Sequence[int]) -> list[int]:
        """Per column, how many of the ``shown`` events (indexes, in increasing order) are drawn in it."""
        if self._columns:
            counts = [0] * self.scale.width
            for column in map(self._columns.__getitem__, shown):
                counts[column] += 1
            return counts
        # A column's count is the distance between the positions of its first event and the next
        # column's among the shown indexes (found with no key to call).
        ends = [bisect.bisect_left(shown, index) for index in self._first_indexes[1:]]
        ends.append(len(shown))
        return [b - a for a, b in zip([0, *ends[:-1]], ends, strict=True)]

    def marked(self, shown: Sequence[int], marks: Mapping[int, str]) -> dict[int, str]:
        """Column → mark, of the columns that draw a shown event (of ``shown``, indexes in
        increasing order) that has a mark in ``marks`` (index → ``+`` or ``~``: ``--since``);
        where a column has both, ``+`` (something new there)."""
        out: dict[int, str] = {}
        for index in sorted(marks):
            at = bisect.bisect_left(shown, index)
            if at < len(shown) and shown[at] == index:
                column = self.column(index)
                if out.get(column) != "+":
                    out[column] = marks[index]
        return out

    def nearest(self, shown: Sequence[int], x: int) -> int | None:
        """The shown event (of indexes in increasing order) drawn nearest column ``x``; of two as
        near, the later one where events are in order, else the earlier."""
        if not shown:
            return None
        if self._columns:
            return min(shown, key=lambda i: (abs(self._columns[i] - x), i))
        first = self._first
        target = self._first_days[max(0, min(x, len(self._first_days) - 1))]
        p = bisect.bisect_left(shown, target, key=first.__getitem__)
        near = [shown[q] for q in (p - 1, p) if 0 <= q < len(shown)]
        return min(near, key=lambda i: (abs(self.column(i) - x), -i))


def sparkline(counts: Sequence[int]) -> str:
    """The density line: per column, a bar as high as its count beside the busiest column's
    (a column with any event shows at least the lowest bar; one with none, a blank)."""
    peak = max(counts, default=0) or 1
    return "".join(SPARK[0 if c == 0 else max(1, round(c / peak * (len(SPARK) - 1)))] for c in counts)


# -- the whole strip ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class OverviewLayout:
    """The strip of one timeline at one width: what goes in each cell but the colours."""

    scale: TimeScale
    bands: list[Band]
    band_cells: list[BandCell]
    axis: str
    columns: EventColumns

    @property
    def width(self) -> int:
        return self.scale.width

    def density(self, shown: Sequence[int]) -> str:
        """The density line of the ``shown`` events (indexes, in increasing order)."""
        return sparkline(self.columns.counts(shown))


def lay_out(timeline: Timeline, width: int) -> OverviewLayout | None:
    """The strip of ``timeline`` on ``width`` columns; None where it shows nothing (a timeline
    without events, or a strip narrower than ``MIN_WIDTH``)."""
    if width < MIN_WIDTH or not timeline.events:
        return None
    scale = TimeScale.build(timeline, width)
    strip_bands = bands(timeline, scale)
    return OverviewLayout(
        scale,
        strip_bands,
        band_cells(strip_bands, width),
        axis_line(scale),
        EventColumns(scale, timeline.day_bounds[0], timeline.in_order),
    )
