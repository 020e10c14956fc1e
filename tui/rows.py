"""The lines of the timeline pane: events, with year separators and gap markers between them.

The model says which events are shown (a list of indexes); this lays them out
as screen rows.  Only the separator rows are stored: the shown events are in
order of their first day, so each new year and each long pause is found by
binary search, and laying out 100,000 events takes well under a millisecond
(a timeline not in that order is laid out in a few C-level passes instead).
The row of an event, and what a row shows, are then worked out when asked for.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import ne, sub

from rich.cells import cell_len

from timeline import Span, Timeline
from timeline.columns import DATE_MAX, MARK, TITLE_WANTED, date_width
from timeline.dates import MAX_YEAR, day_number
from timeline.dateshort import date_in

#: Kinds of row: a year separator, a gap marker, an event, and the second line of a wrapped event.
YEAR, GAP, EVENT, MORE = 0, 1, 2, 3

#: A pause between consecutive shown events at least this long gets a gap marker.
GAP_DAYS = 2 * 365


class Rows:
    """Screen rows for a list of shown events: year separators, gap markers and the events.

    Before each event come, in this order, a gap marker (when at least ``GAP_DAYS``
    pass between the latest end so far and its start) and a year separator (when
    its year differs from the previous event's).
    """

    def __init__(
        self,
        shown: Sequence[int] = (),
        year_starts: Sequence[tuple[int, int]] = (),
        gaps: Sequence[tuple[int, int]] = (),
        tall: Sequence[int] = (),
    ) -> None:
        """``year_starts``: (position, year) pairs; ``gaps``: (position, days) pairs, in order;
        ``tall``: positions of the events drawn on two lines (a wrapped title), in order."""
        self.shown = shown
        #: Positions of the events that take a second row.
        self.tall = list(tall)
        #: Positions (among the shown events) where a new year begins.
        self.year_starts = [k for k, _ in year_starts]
        # Each separator row: its row number, and what it shows.
        self._header_at: dict[int, tuple[int, int]] = {}
        self._header_rows: list[int] = []
        # Position of the event each separator row comes before (one entry per separator).
        self._header_events: list[int] = []
        gap_at = dict(gaps)
        year_at = dict(year_starts)
        for k in sorted(gap_at.keys() | year_at.keys()):
            for kind, values in ((GAP, gap_at), (YEAR, year_at)):
                if k in values:
                    row = k + len(self._header_rows) + bisect.bisect_left(self.tall, k)
                    self._header_at[row] = (kind, values[k])
                    self._header_rows.append(row)
                    self._header_events.append(k)
        # The second rows of tall events, and every row that is not an event's first: a row's
        # position is its number less the number of these up to it.
        self._more_rows = {self.row_of(p) + 1 for p in self.tall}
        extra = sorted(self._more_rows.union(self._header_rows)) if self.tall else self._header_rows
        self._extra_rows = extra
        #: Row number of each shown event, in order (a sequence worked out on demand).
        self.event_rows = _EventRows(self)
        self.kinds = _Column(self, 0)
        self.values = _Column(self, 1)  # YEAR: the year; GAP: days; EVENT: event index

    def __len__(self) -> int:
        return len(self.shown) + len(self._header_rows) + len(self.tall)

    def row_of(self, position: int) -> int:
        """The (first) row of the shown event at ``position``."""
        row = position + bisect.bisect_right(self._header_events, position)
        return row + bisect.bisect_left(self.tall, position) if self.tall else row

    def position_at(self, row: int) -> int:
        """The position of the shown event drawn on ``row``, or of the last one before it (-1: none)."""
        return row - bisect.bisect_right(self._extra_rows, row)

    def at(self, row: int) -> tuple[int, int]:
        """``(kind, value)`` of ``row``: (YEAR, year), (GAP, days), (EVENT, event index) or
        (MORE, event index) for the second line of a tall event."""
        if not 0 <= row < len(self):
            raise IndexError(row)
        header = self._header_at.get(row)
        if header is not None:
            return header
        return (MORE if row in self._more_rows else EVENT), self.shown[self.position_at(row)]


class _EventRows(Sequence[int]):
    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows.shown)

    def __getitem__(self, position: int) -> int:  # type: ignore[override]
        n = len(self._rows.shown)
        if position < 0:
            position += n
        if not 0 <= position < n:
            raise IndexError(position)
        return self._rows.row_of(position)


class _Column:
    """``rows.kinds[row]`` and ``rows.values[row]``, worked out on demand."""

    def __init__(self, rows: Rows, part: int) -> None:
        self._rows = rows
        self._part = part

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, row: int) -> int:
        return self._rows.at(row)[self._part]


def layout(timeline: Timeline, shown: Sequence[int], tall: Sequence[int] = ()) -> Rows:
    """Rows for the events at ``shown`` (indexes in chronological order); the events at positions
    ``tall`` take two rows."""
    if not shown:
        return Rows()
    if not timeline.in_order:
        return _layout_unordered(timeline, shown, tall)
    n = len(shown)
    first, last = timeline.day_bounds
    years = timeline.years
    start = first.__getitem__
    # Each new year: the first shown event on or after 1 January of the next one.
    year_starts = []
    p = 0
    while p < n:
        year = years[shown[p]]
        year_starts.append((p, year))
        if year >= MAX_YEAR:
            break
        p = bisect.bisect_left(shown, day_number(year + 1, 1, 1), p + 1, n, key=start)
    # A gap needs a jump of GAP_DAYS between consecutive starts; the few jumps are found by
    # binary search, and only at a jump is the latest end before it worked out.
    gaps = []
    latest = None  # the latest end among the shown events before position `done`
    done = p = 0
    while True:
        q = bisect.bisect_left(shown, first[shown[p]] + GAP_DAYS, p + 1, n, key=start)
        if q >= n:
            break
        if first[shown[q]] - first[shown[q - 1]] < GAP_DAYS:
            p = q - 1
            continue
        segment = max(map(last.__getitem__, shown[done:q]))
        latest = segment if latest is None else max(latest, segment)
        done = p = q
        days = first[shown[q]] - latest
        if days >= GAP_DAYS:
            gaps.append((q, days))
    return Rows(shown, year_starts, gaps, tall)


def _layout_unordered(timeline: Timeline, shown: Sequence[int], tall: Sequence[int] = ()) -> Rows:
    """The same rows, for events not in order of their first day (in C-level passes)."""
    first, last = timeline.day_bounds
    years = list(map(timeline.years.__getitem__, shown))
    starts = list(map(first.__getitem__, shown))
    latest = list(map(last.__getitem__, shown))
    gap_days = [0, *map(sub, starts[1:], accumulate(latest[:-1], max))]
    positions = range(len(shown))
    new_year = [True, *map(ne, years[1:], years[:-1])]
    year_starts = list(compress(zip(positions, years, strict=True), new_year))
    is_gap = map(GAP_DAYS.__le__, gap_days)
    gaps = list(compress(zip(positions, gap_days, strict=True), is_gap))
    return Rows(shown, year_starts, gaps, tall)


def gap_words(days: int) -> str:
    years = days / 365.25
    if years >= 2:
        return f"{round(years)} years pass"
    return f"{round(days / 30.4)} months pass"


# -- the columns of an event row --------------------------------------------------------------
#
#  ␣ DATE ␣ [DURATION ␣] MARK ␣ TITLE [␣ TAGS] ␣
#
# The columns are planned once for all the shown events (not for the rows on screen), so they
# stay put while the list scrolls, and change only with the filter or the width.  The date
# column is as wide as nine dates in ten need; a longer date is shown shorter in its row, still
# true (see timeline.dateshort), and whole in the detail pane.  The title then gets TITLE_WANTED
# cells (or all it needs) before the tags and the durations get any, though in a narrow row it
# gives up some (down to TITLE_FLOOR) for the tags; the tags get at most a quarter of the row;
# the durations, in words where they fit, what is left; and the title the rest.

LEAD = 1  #: blank cell before the date
GUTTER = 1  #: blank cell between two columns
TRAIL = 1  #: blank cell at the right edge
TITLE_FLOOR = 36  #: the title gives up cells for the tags down to this (35 characters and "…")
TAG_SHARE = 4  #: actor tags take at most 1/TAG_SHARE of the row
TAG_MIN = 2  #: narrower than this, the tag column is left out (see least_tag_cells for the rest)
#: The columns are planned from at most this many of the shown events (evenly spread over them).
PLANNED_FROM = 500


@dataclass(frozen=True, slots=True)
class RowText:
    """What an event row shows, before it is fitted to the columns."""

    date: str
    duration: str  #: in words ("about 1 year"), or ""
    short_duration: str  #: in a few cells ("~1y"), or ""
    title: str
    tags: tuple[tuple[str, str], ...]  #: (short tag, actor id) of each known actor
    when: Span | None = None  #: the date the row shows (for its shorter forms)
    #: The cells of each part (worked out once: the columns are planned from thousands of rows).
    cells: tuple[int, int, int, int, int, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "cells",
            (
                _cells(self.date),
                _cells(self.title),
                tag_cells(self.tags),
                least_tag_cells(self.tags),
                _cells(self.duration),
                _cells(self.short_duration),
            ),
        )


def _cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def row_text(timeline: Timeline, index: int) -> RowText:
    event = timeline.events[index]
    actors = timeline.actors
    return RowText(
        event.when.display(),
        event.when.duration(),
        event.when.short_duration(),
        event.title,
        tuple((actors[a].short, a) for a in event.actors if a in actors),
        event.when,
    )


def planned_from(shown: Sequence[int], most: int = PLANNED_FROM) -> Sequence[int]:
    """The shown events the columns are planned from: all of them, or ``most`` evenly spread
    (the same ones for the same shown events, so the columns stay put)."""
    if len(shown) <= most:
        return shown
    step = len(shown) / most
    return [shown[int(k * step)] for k in range(most)]


def tag_cells(tags: Sequence[tuple[str, str]]) -> int:
    """Cells the tags take side by side, one space apart."""
    return sum(len(t) for t, _ in tags) + max(0, len(tags) - 1)


def least_tag_cells(tags: Sequence[tuple[str, str]]) -> int:
    """Cells that name one of the tags, with the count of the others: ``AZ +3`` (see :func:`fit_tags`)."""
    if not tags:
        return 0
    more = 1 + len(f"+{len(tags) - 1}") if len(tags) > 1 else 0
    return min(cell_len(t) for t, _ in tags) + more


@dataclass(frozen=True, slots=True)
class RowLayout:
    """The widths of an event row's columns; they add up to ``width``."""

    width: int
    date: int
    duration: int  #: 0: no duration column (a duration then goes after the date where it fits)
    long_durations: bool  #: the duration column holds durations in words
    title: int
    tags: int  #: 0: no tag column

    @property
    def title_x(self) -> int:
        """The cell where the title begins (a wrapped title's second line begins there too)."""
        duration = self.duration + GUTTER if self.duration else 0
        return LEAD + self.date + GUTTER + duration + MARK + GUTTER

    @property
    def tags_x(self) -> int:
        return self.title_x + self.title + GUTTER


def plan_row(width: int, rows: Sequence[RowText]) -> RowLayout:
    """Column widths in ``width`` cells for ``rows``: every shown event (or an even spread of
    them, see :func:`planned_from`), so that the columns do not move while the list scrolls."""
    fixed = LEAD + GUTTER + MARK + GUTTER + TRAIL
    # As wide as nine dates in ten need, though never more than half of what the row has besides.
    columns: list[tuple[int, ...]] = list(zip(*(r.cells for r in rows), strict=True)) or [()] * 6
    dates, titles, cells, leasts, durations, shorts = columns
    need = date_width(dates)
    date = min(DATE_MAX, need, max(0, width - fixed) // 2)
    free = max(0, width - fixed - date)
    title = min(free, TITLE_WANTED, max(titles, default=0))
    free -= title
    least = max(TAG_MIN, max(leasts, default=0))
    # Where the row is narrow (the timeline pane beside the detail pane), the title gives up
    # cells, down to TITLE_FLOOR, for a tag column as wide as nine rows in ten need: a wider
    # terminal then shows the tags a narrower one does.
    wanted = min(date_width(cells), width // TAG_SHARE)
    if wanted >= least and free - GUTTER < wanted:
        given = max(0, min(title - TITLE_FLOOR, wanted - (free - GUTTER)))
        title, free = title - given, free + given
    tags = min(max(cells, default=0), width // TAG_SHARE, free - GUTTER)
    # A column that cannot name a tag on every row would show a bare count ("+3"): none, then.
    if tags < least:
        tags = 0
    else:
        free -= tags + GUTTER
    duration, long = 0, False
    for words in (True, False):
        need = max(durations if words else shorts, default=0)
        if need and need + GUTTER <= free:
            duration, long = need, words
            free -= need + GUTTER
            break
    return RowLayout(width, date, duration, long, title + free, tags)


def fit_tags(tags: Sequence[tuple[str, str]], cells: int) -> tuple[list[tuple[str, str]], int]:
    """The tags that fit in ``cells`` and how many are left out (drawn as ``+N`` after them)."""
    for k in range(len(tags), 0, -1):
        left_out = len(tags) - k
        need = tag_cells(tags[:k])
        if left_out:
            need += 1 + len(f"+{left_out}")
        if need <= cells:
            return list(tags[:k]), left_out
    if not tags:
        return [], 0
    # Not even the first fits beside its +N: name the shortest that does, rather than a bare count.
    more = f"+{len(tags) - 1}" if len(tags) > 1 else ""
    shortest = min(tags, key=lambda tag: cell_len(tag[0]))
    if tag_cells([shortest]) + (1 + len(more) if more else 0) <= cells:
        return [shortest], len(tags) - 1
    return [], len(tags) if len(f"+{len(tags)}") <= cells else 0


def date_cell(text: RowText, layout: RowLayout) -> str:
    """The date column of a row: the date, and its duration after it where the column has room
    for it and there is no duration column; a date too long for the column, shorter (still true,
    marked with "…": see :func:`timeline.dateshort.date_in`)."""
    if cell_len(text.date) > layout.date:
        if text.when is not None:
            return date_in(text.when, layout.date, text.date)
        return text.date
    if not layout.duration:
        for duration in (text.duration, text.short_duration):
            if duration and cell_len(text.date) + len(duration) + 3 <= layout.date:
                return f"{text.date} ({duration})"
    return text.date
