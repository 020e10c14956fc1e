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
from itertools import accumulate, compress
from operator import ne, sub

from timeline import Timeline
from timeline.dates import MAX_YEAR, day_number

YEAR, GAP, EVENT = 0, 1, 2

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
    ) -> None:
        """``year_starts``: (position, year) pairs; ``gaps``: (position, days) pairs, in order."""
        self.shown = shown
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
                    row = k + len(self._header_rows)
                    self._header_at[row] = (kind, values[k])
                    self._header_rows.append(row)
                    self._header_events.append(k)
        #: Row number of each shown event, in order (a sequence worked out on demand).
        self.event_rows = _EventRows(self)
        self.kinds = _Column(self, 0)
        self.values = _Column(self, 1)  # YEAR: the year; GAP: days; EVENT: event index

    def __len__(self) -> int:
        return len(self.shown) + len(self._header_rows)

    def row_of(self, position: int) -> int:
        """The row of the shown event at ``position``."""
        return position + bisect.bisect_right(self._header_events, position)

    def at(self, row: int) -> tuple[int, int]:
        """``(kind, value)`` of ``row``: (YEAR, year), (GAP, days) or (EVENT, event index)."""
        if not 0 <= row < len(self):
            raise IndexError(row)
        header = self._header_at.get(row)
        if header is not None:
            return header
        return EVENT, self.shown[row - bisect.bisect_left(self._header_rows, row)]


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


def layout(timeline: Timeline, shown: Sequence[int]) -> Rows:
    """Rows for the events at ``shown`` (indexes in chronological order)."""
    if not shown:
        return Rows()
    if not timeline.in_order:
        return _layout_unordered(timeline, shown)
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
    return Rows(shown, year_starts, gaps)


def _layout_unordered(timeline: Timeline, shown: Sequence[int]) -> Rows:
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
    return Rows(shown, year_starts, gaps)


def gap_words(days: int) -> str:
    years = days / 365.25
    if years >= 2:
        return f"{round(years)} years pass"
    return f"{round(days / 30.4)} months pass"
